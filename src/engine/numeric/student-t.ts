/**
 * Two-sided 95% critical values of Student's t distribution, t(0.975; df), for confidence
 * intervals of a mean from df + 1 independent batches. Reference: NIST/SEMATECH e-Handbook of
 * Statistical Methods, section 1.3.6.7.2, "Critical Values of the Student's t Distribution".
 * Convention: a df between two tabulated ones takes the smaller tabulated df, whose value is
 * larger, so the interval is never narrower than the exact one; beyond 100, the value at 100
 * (1.984, against 1.960 for infinitely many). Complexity: O(table).
 */
import { InvariantError } from '../../errors.js';

const TABLE: ReadonlyArray<readonly [number, number]> = [
  [1, 12.706], [2, 4.303], [3, 3.182], [4, 2.776], [5, 2.571], [6, 2.447], [7, 2.365], [8, 2.306], [9, 2.262], [10, 2.228],
  [11, 2.201], [12, 2.179], [13, 2.16], [14, 2.145], [15, 2.131], [16, 2.12], [17, 2.11], [18, 2.101], [19, 2.093], [20, 2.086],
  [21, 2.08], [22, 2.074], [23, 2.069], [24, 2.064], [25, 2.06], [26, 2.056], [27, 2.052], [28, 2.048], [29, 2.045], [30, 2.042],
  [40, 2.021], [50, 2.009], [60, 2.0], [80, 1.99], [100, 1.984],
];

export function studentT975(degreesOfFreedom: number): number {
  // Guard: a mean of one batch has no spread to estimate.
  if (!Number.isInteger(degreesOfFreedom) || degreesOfFreedom < 1) throw new InvariantError('t quantile needs at least one degree of freedom', degreesOfFreedom);
  let value = TABLE[0]![1];
  for (const [df, t] of TABLE) if (df <= degreesOfFreedom) value = t;
  return value;
}
