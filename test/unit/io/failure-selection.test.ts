import { describe, expect, it } from 'vitest';
import { indexCluster } from '../../../src/engine/model/cluster-index.js';
import { InputError } from '../../../src/errors.js';
import { selectFailures } from '../../../src/io/cli/failure-selection.js';
import { generateCluster } from '../../bench/generate-cluster.js';

describe('failure selection', () => {
  const index = indexCluster(generateCluster(64, 64, 1));

  it('refuses a sweep over the limit without --yes, giving the scenario count', () => {
    // C(64,1) + C(64,2) + C(64,3) = 64 + 2016 + 41664 = 43744 (under the limit);
    // + C(64,4) = 635376 gives 679120 (over it).
    expect(() => selectFailures(index, { sweep: '4', yes: false })).toThrow(InputError);
    expect(() => selectFailures(index, { sweep: '4', yes: false })).toThrow("expected a sweep of at most 100,000 scenarios, or --yes: this one has 679,120");
    const three = selectFailures(index, { sweep: '3', yes: false });
    expect(three.kind === 'sweep' && three.scenarios.length).toBe(43744);
  });

  it('lists combinations smaller first, lexicographic within a size', () => {
    const small = indexCluster(generateCluster(4, 4, 1));
    const sweep = selectFailures(small, { sweep: '2', yes: false });
    expect(sweep.kind === 'sweep' && sweep.scenarios.map((s) => s.label)).toEqual([
      'node00001', 'node00002', 'node00003', 'node00004',
      'node00001+node00002', 'node00001+node00003', 'node00001+node00004', 'node00002+node00003', 'node00002+node00004', 'node00003+node00004',
    ]);
  });
});
