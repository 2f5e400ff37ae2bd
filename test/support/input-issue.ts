import { InputError, type InputIssue } from '../../src/errors.js';

/** The first input issue `load` throws; fails the test when it throws anything else or nothing. */
export function issueOf(load: () => unknown): InputIssue {
  try {
    load();
  } catch (error) {
    if (error instanceof InputError) return error.issues[0]!;
    throw error;
  }
  throw new Error('expected an InputError');
}
