/** The failover-policy flags shared by every command that gives a policy verdict (failover, fit, check, size, report). */
import { Flags } from '@oclif/core';
import type { PolicyOptions } from '../../engine/policy/failover-policy.js';
import { InputError } from '../../errors.js';

export const policyFlags = {
  policy: Flags.string({ description: 'Failover policy: n+1 (every node), n+2 (every pair too), domains (every rack/power feed). Default: the scenario\'s policy.failover.', options: ['n+1', 'n+2', 'domains'] }),
  'strict-spof': Flags.boolean({ description: 'Count structural single points of failure (only GPU node, local disk, storage node, quorum) as breaking the policy.', default: false }),
  'ignore-threshold': Flags.boolean({ description: 'Do not count a node or pool at the scenario\'s alert threshold (policy.threshold) in steady state as breaking the policy.', default: false }),
  'max-util-after-failover': Flags.string({ description: 'Also break the policy when a surviving node\'s CPU or memory load passes this fraction after failover, e.g. 0.85.' }),
};

export function policyOptions(flags: { policy?: string; 'strict-spof': boolean; 'ignore-threshold': boolean; 'max-util-after-failover'?: string }, scenarioDefault: string): PolicyOptions {
  const raw = flags['max-util-after-failover'];
  const maxUtil = raw === undefined ? null : Number(raw);
  if (maxUtil !== null && !(maxUtil > 0 && maxUtil <= 1)) {
    throw new InputError({ file: 'command line', field: '--max-util-after-failover', value: raw, expected: 'a fraction in (0, 1], e.g. 0.85' });
  }
  return { scenarios: (flags.policy ?? scenarioDefault) as PolicyOptions['scenarios'], strictSpof: flags['strict-spof'], maxUtilAfterFailover: maxUtil, threshold: !flags['ignore-threshold'] };
}
