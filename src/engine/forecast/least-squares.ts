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
 * Complexity: O(n p^2) to form X'X, O(p^3) to solve.
 */
import { lusolve } from 'mathjs';

export function leastSquares(columns: readonly Float64Array[], y: Float64Array): Float64Array {
  const p = columns.length;
  const gram = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  const moment = new Array<number>(p).fill(0);
  for (let i = 0; i < p; i++) {
    const left = columns[i]!;
    for (let j = i; j < p; j++) {
      const right = columns[j]!;
      let sum = 0;
      for (let t = 0; t < y.length; t++) sum += left[t]! * right[t]!;
      gram[i]![j] = sum;
      gram[j]![i] = sum;
    }
    let sum = 0;
    for (let t = 0; t < y.length; t++) sum += left[t]! * y[t]!;
    moment[i] = sum;
  }
  const solution = lusolve(gram, moment) as number[][];
  return Float64Array.from(solution, (row) => row[0]!);
}
