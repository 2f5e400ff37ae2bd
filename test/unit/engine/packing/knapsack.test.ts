import { describe, expect, it } from 'vitest';
import { maxValuePattern } from '../../../../src/engine/packing/knapsack.js';
import { vbp } from './support.js';

// Capacity (10,10); items 0 (6,2) value 3, 1 (5,5) value 4, 2 (4,8) value 3, 3 (4,2) value 2.5.
// Feasible pairs: 0+2 = (10,10) -> 6, 0+3 = (10,4) -> 5.5, 1+3 = (9,7) -> 6.5, 2+3 = (8,10) -> 5.5;
// 0+1 (11,7) and 1+2 (9,13) exceed; every triple exceeds. Optimum: {1, 3}, value 6.5.
const instance = vbp([10, 10], [6, 2], [5, 5], [4, 8], [4, 2]);
const values = Float64Array.of(3, 4, 3, 2.5);
const all = Int32Array.of(0, 1, 2, 3);

describe('multidimensional knapsack (pricing)', () => {
  it('finds the best pattern and says it is exact', () => {
    const result = maxValuePattern(instance, all, values, 1_000);
    expect({ value: result.value, items: Array.from(result.items).sort(), exact: result.exact }).toEqual({ value: 6.5, items: [1, 3], exact: true });
  });

  it('ignores items of no value and respects a smaller capacity', () => {
    // Residual (6,6): no pair fits (even (6,2) + (4,2) = (10,4) exceeds 6), so the best single
    // item wins: (5,5) at 4. With (5,5) valued 0, (6,2) at 3 wins.
    expect(maxValuePattern(instance, all, values, 1_000, { capacity: [6, 6] }).value).toBe(4);
    expect(maxValuePattern(instance, all, Float64Array.of(3, 0, 3, 2.5), 1_000, { capacity: [6, 6] }).value).toBe(3);
  });

  it('reports an upper bound, not the optimum, when the budget runs out', () => {
    const result = maxValuePattern(instance, all, values, 1);
    expect(result.exact).toBe(false);
    expect(result.upperBound).toBeGreaterThanOrEqual(6.5);
  });

  it('hands out the other improving patterns it met, each fitting, distinct and worth more than 1', () => {
    // Every feasible pattern here is worth more than 1 (the smallest single item is 2.5), so any
    // set the search takes qualifies. The feasible ones are the four singles and the four pairs
    // listed above; whatever the search order, the alternatives must come from those seven
    // (not the optimum {1, 3}) without repeats, and be absent unless asked for.
    const feasible = new Map([['0', 3], ['1', 4], ['2', 3], ['3', 2.5], ['0,2', 6], ['0,3', 5.5], ['2,3', 5.5]]);
    const result = maxValuePattern(instance, all, values, 1_000, { alternatives: 10 });
    const keys = result.runnersUp.map((pattern) => Array.from(pattern).sort().join(','));
    expect(keys.length).toBeGreaterThan(0);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(feasible.has(key)).toBe(true);
    expect(maxValuePattern(instance, all, values, 1_000).runnersUp).toEqual([]);
  });
});
