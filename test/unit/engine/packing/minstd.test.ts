import { describe, expect, it } from 'vitest';
import { MinstdRand0, stdShuffle } from '../../../../src/engine/packing/minstd.js';

// Expected orders printed by g++ 12 / libstdc++:
//   std::vector<int> v(n); iota; std::minstd_rand0 g(23); std::shuffle(v.begin(), v.end(), g);
describe('minstd_rand0 and std::shuffle, as libstdc++', () => {
  it('generates the Park-Miller sequence', () => {
    const rng = new MinstdRand0(1);
    // With seed 1 the 10000th output is 1043618065 (the check value of the C++ standard).
    let value = 0;
    for (let draw = 0; draw < 10_000; draw++) value = rng.next();
    expect(value).toBe(1_043_618_065);
  });

  it.each([
    { n: 1, expected: [0] },
    { n: 2, expected: [1, 0] },
    { n: 5, expected: [4, 0, 1, 2, 3] },
    { n: 10, expected: [3, 4, 9, 6, 0, 5, 7, 2, 1, 8] },
  ])('shuffles $n items like g++', ({ n, expected }) => {
    const items = Array.from({ length: n }, (_, index) => index);
    stdShuffle(items, new MinstdRand0(23));
    expect(items).toEqual(expected);
  });

  it('shuffles 501 items like g++ (first twelve and last)', () => {
    const items = Int32Array.from({ length: 501 }, (_, index) => index);
    stdShuffle(items, new MinstdRand0(23));
    expect([...items.slice(0, 12), items[500]]).toEqual([44, 262, 147, 306, 357, 341, 228, 130, 183, 48, 52, 135, 80]);
  });
});
