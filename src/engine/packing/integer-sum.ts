/**
 * Exact integer arithmetic for the packing bounds: sums of non-negative safe integers that may
 * pass 2^53, and ceilings of their quotients.
 *
 * A double holds every integer up to 2^53 exactly, so the sum of two integers of at most 2^52
 * each is exact. IntegerSum keeps a double `low` of at most 2^52 and moves it into a BigInt
 * `high` whenever it passes 2^52; an addend above 2^52 goes to `high` directly:
 *   total = high + low,  exact for any number of addends.
 * Most sums in practice never leave `low`, so the BigInt work is one conversion at the end.
 * ceilDiv(a, b) = floor((a + b - 1) / b) for a >= 0, b > 0, in BigInt.
 * Complexity: O(1) per addend (amortised: a BigInt addition at most once per 2^52 of total).
 */
import { InvariantError } from '../../errors.js';

const HALF_SAFE = 2 ** 52;

export class IntegerSum {
  private low = 0;
  private high = 0n;

  /** Adds a non-negative integer (a safe integer: the loader refuses larger values). */
  add(value: number): void {
    if (value > HALF_SAFE) this.high += BigInt(value);
    else {
      this.low += value;
      if (this.low > HALF_SAFE) this.flush();
    }
  }

  total(): bigint {
    this.flush();
    return this.high;
  }

  private flush(): void {
    this.high += BigInt(this.low);
    this.low = 0;
  }
}

/** ceil(numerator / denominator) for numerator >= 0, denominator > 0, as a number (a bin count). */
export function ceilDiv(numerator: bigint, denominator: bigint): number {
  if (numerator < 0n || denominator <= 0n) throw new InvariantError('ceilDiv needs numerator >= 0 and denominator > 0', { numerator: String(numerator), denominator: String(denominator) });
  return Number((numerator + denominator - 1n) / denominator);
}
