/**
 * The volume bound (lower-bound-volume.ts) against its definition, evaluated in exact rationals:
 *   max over k and f in {identity, u_1..u_10, g_e for every item size e <= C/2} of
 *   ceil( sum_i f(s[i][k] / C[k]) ),
 * with each sum held as a BigInt numerator over the common denominator q C (u_q) or C (the
 * others). Capacities reach 2^53 - 1 and sizes are drawn near multiples of C / q, where the
 * u_q terms change, so sums pass 2^53 and the "is (q+1)x an integer" test is exercised. Few
 * distinct sizes per instance keep every threshold e (the implementation samples 64 at most).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { volumeLowerBound } from '../../src/engine/packing/lower-bound-volume.js';

const ceilDiv = (numerator: bigint, denominator: bigint) => (numerator + denominator - 1n) / denominator;

function reference(capacity: bigint[], items: bigint[][]): bigint {
  let best = items.length > 0 ? 1n : 0n;
  capacity.forEach((cap, k) => {
    const column = items.map((item) => item[k]!);
    const candidates: bigint[] = [ceilDiv(column.reduce((a, b) => a + b, 0n), cap)];
    for (let q = 1n; q <= 10n; q++) {
      // u_q(s/C) = s/C = s q / (q C) on a multiple, else floor((q+1)s/C) / q = floor(...) C / (q C).
      const numerator = column.reduce((sum, s) => sum + (((q + 1n) * s) % cap === 0n ? s * q : (((q + 1n) * s) / cap) * cap), 0n);
      candidates.push(ceilDiv(numerator, q * cap));
    }
    for (const e of new Set(column.filter((s) => s > 0n && 2n * s <= cap))) {
      // g_e: 1 = C / C above C - e, s / C from e to C - e, 0 below e.
      const numerator = column.reduce((sum, s) => sum + (s > cap - e ? cap : s >= e ? s : 0n), 0n);
      candidates.push(ceilDiv(numerator, cap));
    }
    for (const candidate of candidates) if (candidate > best) best = candidate;
  });
  return best;
}

const instances = fc
  .record({
    capacity: fc.array(fc.oneof(fc.integer({ min: 1, max: 60 }), fc.constant(Number.MAX_SAFE_INTEGER), fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER })), { minLength: 1, maxLength: 2 }),
    kinds: fc.integer({ min: 1, max: 6 }),
  })
  .chain(({ capacity, kinds }) => {
    // A size near C * j / m, for small j and m: near the points where the u_q change.
    const size = (cap: number) => fc.tuple(fc.integer({ min: 1, max: 11 }), fc.integer({ min: 0, max: 11 }), fc.integer({ min: -2, max: 2 })).map(([m, j, off]) => {
      const near = Number((BigInt(cap) * BigInt(Math.min(j, m))) / BigInt(m)) + off;
      return Math.max(0, Math.min(cap, near));
    });
    const kind = fc.tuple(fc.tuple(...capacity.map(size)), fc.integer({ min: 1, max: 40 }));
    return fc.array(kind, { minLength: 0, maxLength: kinds }).map((rows) => ({ capacity, items: rows.flatMap(([sizes, count]) => Array.from({ length: count }, () => sizes)) }));
  });

describe('volume bound', () => {
  it('equals its definition evaluated in exact rationals, past 2^53 too', () => {
    fc.assert(
      fc.property(instances, ({ capacity, items }) => {
        const instance = { dims: capacity.length, capacity, sizes: Float64Array.from(items.flat()) };
        const expected = reference(capacity.map(BigInt), items.map((item) => item.map(BigInt)));
        expect(BigInt(volumeLowerBound(instance))).toBe(expected);
      }),
      { numRuns: 500, seed: 20261204 },
    );
  });
});
