import { TlogError } from '../note.ts';

/**
 * For tests: the TlogError that `fn` throws. Anything else thrown is passed on, and throwing
 * nothing fails the test. (Not built into dist: the package's tsconfig leaves test-support out.)
 */
export function tlogErrorOf(fn: () => unknown): TlogError {
  try {
    fn();
  } catch (error) {
    if (error instanceof TlogError) return error;
    throw error;
  }
  throw new Error('expected a TlogError, nothing was thrown');
}
