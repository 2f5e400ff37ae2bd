/**
 * Nelder-Mead downhill simplex minimiser, for the few smoothing parameters of the
 * exponential-smoothing models.
 *
 *   reflect  xr = c + 1.0 (c - worst)     expand   xe = c + 2.0 (xr - c)
 *   contract xc = c + 0.5 (worst - c)     shrink   x_i = best + 0.5 (x_i - best)
 *   (c = centroid of all but the worst vertex)
 *
 * Reference: Nelder & Mead, "A simplex method for function minimization", The Computer Journal
 * 7(4), 1965; coefficients as in Lagarias et al., SIAM J. Optim. 9(1), 1998.
 * Conventions: initial simplex = start plus `step` along each axis; stops after `maxEvaluations`
 * or when the spread of the vertex values is below `tolerance`. Unconstrained: callers map
 * bounded parameters through a logistic. Deterministic (no random restarts).
 * Complexity: O(maxEvaluations * (cost of f + d)) for d parameters.
 */

export interface MinimiseOptions {
  readonly step: number;
  readonly maxEvaluations: number;
  readonly tolerance: number;
}

export function nelderMead(f: (x: readonly number[]) => number, start: readonly number[], options: MinimiseOptions): number[] {
  const d = start.length;
  let evaluations = 0;
  const evaluate = (x: number[]) => {
    evaluations++;
    return { x, value: f(x) };
  };
  const simplex = [evaluate([...start])];
  for (let axis = 0; axis < d; axis++) simplex.push(evaluate(start.map((v, i) => (i === axis ? v + options.step : v))));
  const along = (from: readonly number[], to: readonly number[], t: number) => from.map((v, i) => v + t * (to[i]! - v));
  while (evaluations < options.maxEvaluations) {
    simplex.sort((a, b) => a.value - b.value);
    const best = simplex[0]!;
    const worst = simplex[d]!;
    if (worst.value - best.value <= options.tolerance * (Math.abs(best.value) + options.tolerance)) break;
    const centroid = start.map((_, i) => simplex.slice(0, d).reduce((sum, vertex) => sum + vertex.x[i]!, 0) / d);
    const reflected = evaluate(along(centroid, worst.x, -1));
    if (reflected.value < best.value) {
      const expanded = evaluate(along(centroid, reflected.x, 2));
      simplex[d] = expanded.value < reflected.value ? expanded : reflected;
    } else if (reflected.value < simplex[d - 1]!.value) {
      simplex[d] = reflected;
    } else {
      const contracted = evaluate(along(centroid, worst.x, 0.5));
      if (contracted.value < worst.value) simplex[d] = contracted;
      else for (let i = 1; i <= d; i++) simplex[i] = evaluate(along(best.x, simplex[i]!.x, 0.5));
    }
  }
  simplex.sort((a, b) => a.value - b.value);
  return simplex[0]!.x;
}

/** Logistic map from the real line onto (low, high), for bounded smoothing parameters. */
export function bounded(low: number, high: number, x: number): number {
  return low + (high - low) / (1 + Math.exp(-x));
}

/** Inverse of `bounded`, for start values. */
export function unbounded(low: number, high: number, value: number): number {
  return Math.log((value - low) / (high - value));
}
