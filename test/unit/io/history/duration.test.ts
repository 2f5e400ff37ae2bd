import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../../../src/io/cli/duration.js';
import { issueOf } from '../../../support/input-issue.js';

describe('parseDuration', () => {
  it.each([
    { text: '5m', seconds: 5 * 60 },
    { text: '12h', seconds: 12 * 3_600 },
    { text: '30d', seconds: 30 * 86_400 },
    { text: '180d', seconds: 180 * 86_400 },
    { text: '1w', seconds: 7 * 86_400 },
    { text: '90s', seconds: 90 },
  ])('$text is $seconds s', ({ text, seconds }) => {
    expect(parseDuration(text, '--lookback')).toBe(seconds);
  });

  it.each([
    { name: 'an unknown unit', text: '3y' },
    { name: 'a unit that is a property of every object', text: '5constructor' },
    { name: 'no unit', text: '30' },
    { name: 'a fraction', text: '1.5h' },
    { name: 'zero', text: '0d' },
    { name: 'a negative count', text: '-5m' },
    { name: 'two units', text: '1h30m' },
  ])('refuses $name ($text) naming the flag', ({ text }) => {
    expect(issueOf(() => parseDuration(text, '--horizon'))).toEqual({
      file: 'command line',
      field: '--horizon',
      value: text,
      expected: 'a duration: a whole number > 0 and a unit, one of s, m, h, d, w (e.g. 30d, 5m, 12h, 1w)',
    });
  });
});
