/**
 * TOPSIS: Technique for Order of Preference by Similarity to Ideal Solution.
 *
 * Reference: Hwang & Yoon, "Multiple Attribute Decision Making", Springer 1981, ch. 3;
 * https://en.wikipedia.org/wiki/TOPSIS. The variant here is the one proxmox-resource-scheduling
 * uses (`topsis.rs`), so Proxmox's static scheduler can be reproduced with it.
 *
 * For m alternatives (rows) and n criteria (columns) with weights w_j:
 *   1. normalise each column by its Euclidean norm:  r_ij = x_ij / sqrt(sum_i x_ij^2)
 *      (a column whose norm is 0 is left as is)
 *   2. normalise the weights to sum 1:               w_j = w_j / sum_k w_k
 *   3. ideal best b_j / worst v_j per column: min / max for a minimised criterion, max / min for
 *      a maximised one
 *   4. weighted distances, the weight multiplying the difference before squaring:
 *        dBest_i  = sqrt(sum_j (w_j * (r_ij - b_j))^2)
 *        dWorst_i = sqrt(sum_j (w_j * (r_ij - v_j))^2)
 *   5. closeness C_i = dWorst_i / (dBest_i + dWorst_i), in [0, 1], higher is better;
 *      C_i = 0 when both distances are 0 (every alternative equal on every criterion).
 *
 * Sums run in row order, so the caller's row order fixes the floating-point result.
 * Complexity: O(m * n) time, O(m * n) space.
 */

export interface TopsisCriterion {
  /** Relative importance; only the ratios between criteria matter. Must be >= 0. */
  weight: number;
  /** Whether a smaller value is better ('minimise') or a larger one ('maximise'). */
  direction: 'minimise' | 'maximise';
}

/** Closeness to the ideal solution for every row of `matrix`, in row order. */
export function topsisCloseness(matrix: readonly (readonly number[])[], criteria: readonly TopsisCriterion[]): number[] {
  // No alternatives: nothing to rank.
  if (matrix.length === 0) return [];
  const criteriaCount = criteria.length;
  for (const row of matrix) {
    if (row.length !== criteriaCount) throw new RangeError(`topsis: row has ${row.length} values, expected ${criteriaCount}`);
  }
  const weightSum = criteria.reduce((sum, criterion) => sum + criterion.weight, 0);
  // All weights zero: no criterion matters, so every alternative is equally (not) close.
  if (weightSum === 0) return matrix.map(() => 0);

  const normalised = matrix.map((row) => [...row]);
  for (let column = 0; column < criteriaCount; column++) {
    let squares = 0;
    for (const row of matrix) squares += row[column]! * row[column]!;
    const norm = Math.sqrt(squares);
    if (norm === 0) continue;
    for (const row of normalised) row[column] = row[column]! / norm;
  }

  const weights = criteria.map((criterion) => criterion.weight / weightSum);
  const best: number[] = [];
  const worst: number[] = [];
  for (let column = 0; column < criteriaCount; column++) {
    const values = normalised.map((row) => row[column]!);
    const low = Math.min(...values);
    const high = Math.max(...values);
    const minimise = criteria[column]!.direction === 'minimise';
    best.push(minimise ? low : high);
    worst.push(minimise ? high : low);
  }

  return normalised.map((row) => {
    let toBest = 0;
    let toWorst = 0;
    for (let column = 0; column < criteriaCount; column++) {
      const fromBest = weights[column]! * (row[column]! - best[column]!);
      const fromWorst = weights[column]! * (row[column]! - worst[column]!);
      toBest += fromBest * fromBest;
      toWorst += fromWorst * fromWorst;
    }
    const distanceBest = Math.sqrt(toBest);
    const distanceWorst = Math.sqrt(toWorst);
    const total = distanceBest + distanceWorst;
    return total === 0 ? 0 : distanceWorst / total;
  });
}
