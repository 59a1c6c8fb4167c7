import { PlenumError } from '@plenum/kernel';

/** list[i], for an index the caller has already bounded: a miss is a bug, not bad input. */
export function at<T>(list: readonly T[], i: number): T {
  const item = list[i];
  if (item === undefined) throw new PlenumError('internal', `index ${i} out of range ${list.length}`);
  return item;
}
