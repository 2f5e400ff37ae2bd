/**
 * Ordinary least squares through the normal equations, solved by mathjs.
 *
 *   minimise |y - X b|^2   =>   (X'X) b = X'y,   b = lusolve(X'X, X'y)
 *
 * Reference: Golub & Van Loan, "Matrix Computations" (4th ed.), section 5.3; mathjs `lusolve`
 * (LU with partial pivoting), https://mathjs.org/docs/reference/functions/lusolve.html.
 * Conventions: X is given by columns (one Float64Array per regressor), so the n x p matrix is
 * never materialised; callers keep the columns on comparable scales (time as t / n, Fourier
 * terms in [-1, 1]) so the normal equations stay well conditioned. The sums run in index
 * order, so the result is bit-for-bit reproducible.
 * Complexity: O(n p^2) to form X'X, O(p^3) to factorise it, O(n p + p^2) per y from there.
 */
import { lup, lusolve, matrix, type Matrix } from 'mathjs';

/**
 * X'X of the columns, LU-factorised: what every fit on the same regressors shares, whatever the
 * series (a season's Fourier terms are the same for every series of one length).
 */
export interface NormalEquations {
  readonly columns: readonly Float64Array[];
  readonly factors: ReturnType<typeof lup>;
}

export function normalEquations(columns: readonly Float64Array[]): NormalEquations {
  const p = columns.length;
  const n = columns[0]?.length ?? 0;
  const gram = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  for (let i = 0; i < p; i++) {
    const left = columns[i]!;
    for (let j = i; j < p; j++) {
      const right = columns[j]!;
      let sum = 0;
      for (let t = 0; t < n; t++) sum += left[t]! * right[t]!;
      gram[i]![j] = sum;
      gram[j]![i] = sum;
    }
  }
  // lusolve(A, b) is lup(matrix(A)) then the two triangular solves: factorising here and
  // solving from the factors below is the same arithmetic, bit for bit.
  return { columns, factors: lup(matrix(gram)) };
}

/** b from the factorised X'X and X'y; y as long as the columns. */
export function solveNormalEquations(equations: NormalEquations, y: Float64Array): Float64Array {
  const { columns } = equations;
  const moment = new Array<number>(columns.length).fill(0);
  for (let i = 0; i < columns.length; i++) {
    const left = columns[i]!;
    let sum = 0;
    for (let t = 0; t < y.length; t++) sum += left[t]! * y[t]!;
    moment[i] = sum;
  }
  const solution = (lusolve(equations.factors, moment) as Matrix).valueOf() as number[][];
  return Float64Array.from(solution, (row) => row[0]!);
}

export function leastSquares(columns: readonly Float64Array[], y: Float64Array): Float64Array {
  return solveNormalEquations(normalEquations(columns), y);
}
