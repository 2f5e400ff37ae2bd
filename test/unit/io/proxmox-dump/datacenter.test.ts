import { describe, expect, it } from 'vitest';
import { readDatacenterCfg } from '../../../../src/io/proxmox/dump/datacenter.js';
import { issueOf } from '../../../support/input-issue.js';

describe('datacenter.cfg', () => {
  it.each([
    ['static with rebalance on start', 'keyboard: en-us\ncrs: ha=static,ha-rebalance-on-start=1\nha: shutdown_policy=migrate\n', { crs: 'static', defaulted: false, rebalanceOnStart: true, autoRebalance: false }],
    ['the default key written bare', 'crs: dynamic,ha-auto-rebalance=1\n', { crs: 'dynamic', defaulted: false, rebalanceOnStart: false, autoRebalance: true }],
    ['no crs line: Proxmox default basic', '#cluster options\nkeyboard: de\n', { crs: 'basic', defaulted: true, rebalanceOnStart: false, autoRebalance: false }],
    ['crs without ha=: still the default scheduler', 'crs: ha-rebalance-on-start=1\n', { crs: 'basic', defaulted: true, rebalanceOnStart: true, autoRebalance: false }],
  ])('%s', (_name, text, expected) => {
    expect(readDatacenterCfg(text, 'datacenter.cfg')).toEqual(expected);
  });

  it.each([
    ['an unknown scheduler', 'crs: ha=fancy\n', { file: 'datacenter.cfg', line: 1, field: 'crs.ha', value: 'fancy', expected: 'one of basic, static, dynamic' }],
    ['a flag that is not 0/1', 'keyboard: en-us\ncrs: ha=static,ha-rebalance-on-start=yes\n', { file: 'datacenter.cfg', line: 2, field: 'crs.ha-rebalance-on-start', value: 'yes', expected: '0 or 1' }],
    ['a line that is not key: value', 'keyboard en-us\n', { file: 'datacenter.cfg', line: 1, field: 'line', value: 'keyboard en-us', expected: "'key: value'" }],
  ])('refuses %s at its line', (_name, text, expected) => {
    expect(issueOf(() => readDatacenterCfg(text, 'datacenter.cfg'))).toEqual(expected);
  });
});
