/**
 * Seeded random streams for simulations: xoroshiro128+ (Blackman & Vigna, "Scrambled Linear
 * Pseudorandom Number Generators", ACM TOMS 47(4), 2021; https://prng.di.unimi.it/) as the
 * pure-rand library implements it, 32 bits per step.
 *
 * Independent streams: stream i starts from the seed's generator advanced by i jumps of 2^64
 * steps (the generator's jump polynomial), so streams never overlap for fewer than 2^64 draws
 * each, and stream i is the same sequence whoever draws it, on whichever thread.
 *   uniform  = (a >>> 5) * 2^26 + (b >>> 6), divided by 2^53: 53 random bits in [0, 1), from two
 *              steps a, b (the top bits, the generator's strongest; the low bits of xoroshiro128+
 *              fail linearity tests);
 *   exponential(mean) = -mean * ln(1 - uniform), in [0, infinity) (inversion).
 * Complexity: O(1) per draw; O(i) jumps of 128 steps to open stream i.
 */
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { JumpableRandomGenerator } from 'pure-rand/types/JumpableRandomGenerator';

const TWO_POW_26 = 67_108_864;
const TWO_POW_53 = 9_007_199_254_740_992;

export class RandomStream {
  private readonly generator: JumpableRandomGenerator;

  /** `seed` a 32-bit integer; `stream` from 0. */
  constructor(seed: number, stream: number) {
    this.generator = xoroshiro128plus(seed | 0);
    for (let i = 0; i < stream; i++) this.generator.jump();
  }

  uniform(): number {
    const high = this.generator.next() >>> 5;
    const low = this.generator.next() >>> 6;
    return (high * TWO_POW_26 + low) / TWO_POW_53;
  }

  exponential(mean: number): number {
    return -mean * Math.log1p(-this.uniform());
  }
}
