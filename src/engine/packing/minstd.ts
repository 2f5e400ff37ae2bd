/**
 * minstd_rand0 (Lehmer / Park-Miller "minimal standard" generator) and libstdc++'s std::shuffle,
 * so that "items shuffled with std::shuffle and minstd_rand0(23)" gives here the very order the
 * published C++ experiments used.
 *
 *   x[t+1] = 16807 * x[t] mod (2^31 - 1),  x[0] = seed mod (2^31 - 1), or 1 if that is 0;
 *   outputs x[1], x[2], ...  in [1, 2^31 - 2].
 * Reference: Park & Miller, CACM 31(10), 1988; C++ [rand.predef] minstd_rand0.
 *
 * uniformInt(a, b) follows libstdc++'s uniform_int_distribution for a generator whose range is
 * not 2^32 - 1: downscaling by rejection, scaling = floor(urngRange / (b - a + 1)), draw
 * r = g() - min until r < (b - a + 1) * scaling, return a + floor(r / scaling).
 * shuffle follows libstdc++'s std::shuffle (bits/stl_algo.h, GCC >= 10): when
 * urngRange / n >= n it draws swap positions two at a time from one uniform number in
 * [0, (i+1)(i+2) - 1] (split as x / (i+2), x % (i+2)), after one single draw in [0, 1] when n is
 * even; otherwise one draw per position. Older libstdc++ (before GCC 10) drew one position per
 * element, which gives a different order.
 * Complexity: O(1) per draw, O(n) per shuffle. All arithmetic stays below 2^53, so doubles are exact.
 */

const MODULUS = 2_147_483_647;
const MULTIPLIER = 16_807;
const MIN = 1;
const RANGE = MODULUS - 2 - MIN; // urng.max() - urng.min()

export class MinstdRand0 {
  private state: number;

  constructor(seed: number) {
    const reduced = ((Math.trunc(seed) % MODULUS) + MODULUS) % MODULUS;
    this.state = reduced === 0 ? 1 : reduced;
  }

  next(): number {
    this.state = (this.state * MULTIPLIER) % MODULUS;
    return this.state;
  }

  /** Uniform integer in [low, high], libstdc++'s algorithm (so the same draws as C++). */
  uniformInt(low: number, high: number): number {
    const span = high - low + 1;
    const scaling = Math.floor(RANGE / span);
    const past = span * scaling;
    let draw: number;
    do draw = this.next() - MIN;
    while (draw >= past);
    return low + Math.floor(draw / scaling);
  }

  /** Uniform double in [0, 1), for tie-breaking noise in searches. */
  uniform(): number {
    return (this.next() - MIN) / (RANGE + 1);
  }
}

/** In-place std::shuffle(first, last, g) as libstdc++ implements it. */
export function stdShuffle<T>(items: T[] | Int32Array, rng: MinstdRand0): void {
  const n = items.length;
  if (n === 0) return;
  const swap = (a: number, b: number) => {
    const held = items[a]!;
    items[a] = items[b]!;
    items[b] = held;
  };
  if (Math.floor(RANGE / n) >= n) {
    let i = 1;
    if (n % 2 === 0) swap(i++, rng.uniformInt(0, 1));
    while (i !== n) {
      const swapRange = i + 1;
      const x = rng.uniformInt(0, swapRange * (swapRange + 1) - 1);
      swap(i++, Math.floor(x / (swapRange + 1)));
      swap(i++, x % (swapRange + 1));
    }
    return;
  }
  for (let i = 1; i < n; i++) swap(i, rng.uniformInt(0, i));
}
