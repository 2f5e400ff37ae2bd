import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.js';
import { loadOptTable, loadVbp } from '../../../src/io/loaders/vbp.js';

const fixture = (name: string) => `test/fixtures/vbp/${name}`;

function issuesOf(load: () => unknown): unknown {
  try {
    load();
  } catch (error) {
    if (error instanceof InputError) return { issues: error.issues, message: error.message };
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('loadVbp', () => {
  it('reads dims, capacities and sizes row-major', () => {
    const instance = loadVbp(fixture('small.vbp'));
    expect({ dims: instance.dims, capacity: instance.capacity, sizes: Array.from(instance.sizes) }).toEqual({
      dims: 2,
      capacity: [10, 10],
      sizes: [9, 1, 2, 9, 6, 6, 1, 1],
    });
  });

  it('expands items by multiplicity, in file order', () => {
    // "4 2" then "6 1": two items of 4, then one of 6.
    expect(Array.from(loadVbp(fixture('multiplicity.vbp')).sizes)).toEqual([4, 4, 6]);
  });

  it.each([
    {
      name: 'wrong number of fields',
      file: 'wrong-fields.vbp',
      issue: { line: 5, field: 'fields', value: 2, expected: '3 fields (the sizes w_1..w_d then the multiplicity q)' },
      message: "test/fixtures/vbp/wrong-fields.vbp:5: field 'fields' has value 2: expected 3 fields (the sizes w_1..w_d then the multiplicity q)",
    },
    {
      name: 'negative size',
      file: 'negative.vbp',
      issue: { line: 5, field: 'w_2', value: '-3', expected: 'an integer from 0 to 9007199254740991 (2^53 - 1)' },
      message: "test/fixtures/vbp/negative.vbp:5: field 'w_2' has value '-3': expected an integer from 0 to 9007199254740991 (2^53 - 1)",
    },
    {
      name: 'size above the capacity',
      file: 'too-large.vbp',
      issue: { line: 5, field: 'w_2', value: '11', expected: 'a size <= the capacity C_2 = 10' },
      message: "test/fixtures/vbp/too-large.vbp:5: field 'w_2' has value '11': expected a size <= the capacity C_2 = 10",
    },
    {
      name: 'item count that does not match m',
      file: 'count-mismatch.vbp',
      issue: { line: 3, field: 'm', value: 3, expected: 'the number of item lines that follow (2)' },
      message: "test/fixtures/vbp/count-mismatch.vbp:3: field 'm' has value 3: expected the number of item lines that follow (2)",
    },
    {
      name: 'non-integer size',
      file: 'non-integer.vbp',
      issue: { line: 4, field: 'w_1', value: '4.5', expected: 'an integer from 0 to 9007199254740991 (2^53 - 1)' },
      message: "test/fixtures/vbp/non-integer.vbp:4: field 'w_1' has value '4.5': expected an integer from 0 to 9007199254740991 (2^53 - 1)",
    },
    {
      // 9007199254740993 = 2^53 + 1 is not a double (it reads as 2^53): refused, not rounded.
      name: 'capacity above 2^53 - 1',
      file: 'unsafe-integer.vbp',
      issue: { line: 2, field: 'C_1', value: '9007199254740993', expected: 'an integer from 1 to 9007199254740991 (2^53 - 1)' },
      message: "test/fixtures/vbp/unsafe-integer.vbp:2: field 'C_1' has value '9007199254740993': expected an integer from 1 to 9007199254740991 (2^53 - 1)",
    },
    {
      // d = 1, so the limit is 10,000,000 / 1 items; line 4 holds 5, so line 5 may add
      // 10,000,000 - 5 = 9,999,995, and asks for 10^8.
      name: 'multiplicity beyond the supported number of items',
      file: 'huge-multiplicity.vbp',
      issue: {
        line: 5,
        field: 'q',
        value: '100000000',
        expected: 'a multiplicity of at most 9999995: the supported limit is 10000000 items in all (10000000 sizes / d = 1), and the lines before hold 5',
      },
      message:
        "test/fixtures/vbp/huge-multiplicity.vbp:5: field 'q' has value '100000000': expected a multiplicity of at most 9999995: the supported limit is 10000000 items in all (10000000 sizes / d = 1), and the lines before hold 5",
    },
  ])('rejects a $name with file, line, field and value', ({ file, issue, message }) => {
    expect(issuesOf(() => loadVbp(fixture(file)))).toEqual({ issues: [{ file: fixture(file), ...issue }], message });
  });

  it('reports a missing file as input, not as a crash', () => {
    expect(issuesOf(() => loadVbp(fixture('absent.vbp')))).toEqual({
      issues: [{ file: fixture('absent.vbp'), field: 'file', value: 'ENOENT', expected: 'a readable file' }],
      message: "test/fixtures/vbp/absent.vbp: field 'file' has value 'ENOENT': expected a readable file",
    });
  });
});

describe('loadOptTable', () => {
  it('reads LB and OPT, with -1 as unknown', () => {
    expect(Object.fromEntries(loadOptTable(fixture('opt.tsv')))).toEqual({
      small: { lowerBound: 2, opt: 3 },
      open: { lowerBound: 4, opt: undefined },
    });
  });

  it('rejects a row without three TAB separated fields', () => {
    expect(issuesOf(() => loadOptTable(fixture('bad-opt.tsv')))).toEqual({
      issues: [{ file: fixture('bad-opt.tsv'), line: 2, field: 'fields', value: 2, expected: '3 TAB separated fields: instance_name LB OPT' }],
      message: "test/fixtures/vbp/bad-opt.tsv:2: field 'fields' has value 2: expected 3 TAB separated fields: instance_name LB OPT",
    });
  });
});
