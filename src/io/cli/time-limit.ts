/**
 * The time-limit safety net of the search commands (`pack`, `size`): a callback that turns true
 * once `seconds` have passed since it was made. The engine reads no clock; it gets this callback,
 * stops its searches when it fires and reports that it did. Budgets in work units decide every
 * result the net does not cut, so those are the same on any machine.
 */
import { performance } from 'node:perf_hooks';

export function timeLimit(seconds: number): () => boolean {
  const deadline = performance.now() + seconds * 1000;
  return () => performance.now() > deadline;
}
