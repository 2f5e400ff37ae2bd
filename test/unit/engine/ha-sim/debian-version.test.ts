import { describe, expect, it } from 'vitest';
import { compareDebianVersions } from '../../../../src/engine/ha-sim/debian-version.js';

// Expected orders from deb-version(7): "~" sorts before anything, even the end of a part;
// digit runs compare as numbers; letters sort before other characters.
describe('compareDebianVersions', () => {
  it.each([
    ['a tilde pre-release sorts before its release', '9.0.0~16', '9.0.0', -1],
    ['pre-releases compare by number', '9.0.0~15', '9.0.0~16', -1],
    ['numbers, not digits, decide', '9.0.10', '9.0.9', 1],
    ['an older major version with a revision', '7.4-4', '9.0.0~16', -1],
    ['a later minor beats a pre-release', '9.0.1', '9.0.0~16', 1],
    ['equal versions', '8.4.1', '8.4.1', 0],
    ['a letter sorts before a dot', '1.0a', '1.0.', -1],
  ])('%s: %s vs %s', (_name, a, b, sign) => {
    expect(Math.sign(compareDebianVersions(a, b))).toBe(sign);
    expect(Math.sign(compareDebianVersions(b, a))).toBe(0 - sign);
  });
});
