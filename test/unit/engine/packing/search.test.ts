import { describe, expect, it } from 'vitest';
import { bestConfiguration } from '../../../../src/engine/packing/best-configuration.js';
import { backtrackingDive } from '../../../../src/engine/packing/column-dive.js';
import { exactSearch, packInto } from '../../../../src/engine/packing/exact.js';
import { firstFitDecreasing } from '../../../../src/engine/packing/first-fit-decreasing.js';
import { isFeasible } from '../../../../src/engine/packing/instance.js';
import { improveByLocalSearch } from '../../../../src/engine/packing/local-search.js';
import { pack } from '../../../../src/engine/packing/strategies.js';
import { vbp } from './support.js';

// Capacity 10; items 5,5,4,4,3,3,3,3. Sum 30, so at least 3 bins; {5,5} {4,3,3} {4,3,3} uses 3,
// so OPT = 3. FFD packs {5,5} {4,4} {3,3,3} {3}: 4 bins.
const ffdTrap = vbp([10], [5], [5], [4], [4], [3], [3], [3], [3]);

describe('search', () => {
  it('local search removes the bin FFD wastes', () => {
    const start = firstFitDecreasing(ffdTrap);
    expect(start.bins).toBe(4);
    const improved = improveByLocalSearch(ffdTrap, start, { target: 3 });
    expect(improved.bins).toBe(3);
    expect(isFeasible(ffdTrap, improved)).toBe(true);
  });

  it('exact search finds the optimum and proves it', () => {
    const result = exactSearch(ffdTrap, {});
    expect({ bins: result.bins, lowerBound: result.lowerBound }).toEqual({ bins: 3, lowerBound: 3 });
    expect(isFeasible(ffdTrap, result)).toBe(true);
  });

  it('exact search proves infeasibility beyond the volume bound', () => {
    // Capacity (10,10); (5,3) (3,5) (4,4) (5,3) (3,5): the volume fits 2 bins (20 per
    // dimension), but no triple fits (see lower-bounds.test.ts), so 2 bins would need a
    // triple in one of them: infeasible, and 3 bins are optimal.
    const instance = vbp([10, 10], [5, 3], [3, 5], [4, 4], [5, 3], [3, 5]);
    expect(packInto(instance, 2, {})).toBe('infeasible');
    const three = packInto(instance, 3, {});
    expect(three !== 'infeasible' && three !== 'unknown' && isFeasible(instance, three)).toBe(true);
  });

  it('exact search claims nothing when its budget runs out', () => {
    // Twelve items of 4 in capacity 10 need 6 bins (at most two per bin, 3 * 4 > 10), yet 5 bins
    // pass the volume test (48 <= 50). Proving it takes a search; one node is not enough.
    const items = vbp([10], ...Array.from({ length: 12 }, () => [4]));
    expect(packInto(items, 5, { maxNodes: 1 })).toBe('unknown');
  });

  it('exact search claims nothing when its waste sums could pass 2^53', () => {
    // C = 2^52, five items: n C = 5 x 2^52 > 2^53 - 1, so sums of sizes may round in doubles.
    // (Here they would not: 4 x 2^50 + 1 > 2^52, one bin is infeasible; the guard does not look.)
    const items = vbp([2 ** 52], [2 ** 50], [2 ** 50], [2 ** 50], [2 ** 50], [1]);
    expect(packInto(items, 1, {})).toBe('unknown');
  });

  it('the best configuration proves the optimum on the FFD trap', () => {
    const result = bestConfiguration(ffdTrap, {});
    expect({ bins: result.bins, lowerBound: result.lowerBound }).toEqual({ bins: 3, lowerBound: 3 });
  });

  it('diving with backtracking packs the FFD trap in 3 bins and finds nothing in 2', () => {
    // OPT = 3 (see ffdTrap). For target 2 the root LP bound alone refuses: z_LP >= 30 / 10 = 3
    // by volume, so ceil(z_LP) = 3 > 2 and the search stops before fixing any bin.
    const budget = { branching: 3, discrepancies: 3, maxLps: 50 };
    const three = backtrackingDive(ffdTrap, [], 3, budget);
    expect(three !== null && three.bins <= 3 && isFeasible(ffdTrap, three)).toBe(true);
    expect(backtrackingDive(ffdTrap, [], 2, budget)).toBeNull();
  });

  it.each([
    // The FFD trap: DotProduct packs 4 bins, the local search removes one (OPT 3, see ffdTrap).
    // A safety net that fires at its first look stops the search at the start packing.
    { name: 'a safety net that never fires changes nothing', expired: () => false, bins: 3, timeLimitHit: false },
    { name: 'a safety net that fires stops the search, and the report says so', expired: () => true, bins: 4, timeLimitHit: true },
  ])('$name', ({ expired, bins, timeLimitHit }) => {
    const report = pack(ffdTrap, 'local-search', { expired });
    expect({ bins: report.bins, timeLimitHit: report.timeLimitHit }).toEqual({ bins, timeLimitHit });
    if (!timeLimitHit) expect(report).toEqual(pack(ffdTrap, 'local-search'));
  });
});
