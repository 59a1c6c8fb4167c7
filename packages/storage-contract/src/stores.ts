import { afterEach, beforeEach } from 'vitest';
import type { StoragePort } from '@plenum/app';
import type { StorageHarness } from './contract.ts';

/** Opening and closing the stores of a suite's tests (registered as its beforeEach and afterEach). */
export interface StoreLifecycle {
  /** Opens the test's store anew (same file, same database), as a restarted server would. */
  readonly open: () => Promise<StoragePort>;
  /** Closes a store the test opened (as a stopped server would), so that it is not closed twice. */
  readonly close: (store: StoragePort) => Promise<void>;
}

/**
 * Each test gets a new harness and a first store, given to `fresh`; after it, every store it
 * opened is closed and the harness disposed of.
 */
export function storeLifecycle(
  makeHarness: () => Promise<StorageHarness>,
  fresh: (store: StoragePort) => void,
): StoreLifecycle {
  let harness: StorageHarness | undefined;
  const opened: StoragePort[] = [];
  const lifecycle: StoreLifecycle = {
    open: async () => {
      if (harness === undefined) throw new Error('no harness outside a test');
      const s = await harness.open();
      opened.push(s);
      return s;
    },
    close: async (s) => {
      opened.splice(opened.indexOf(s), 1);
      await s.close();
    },
  };
  beforeEach(async () => {
    harness = await makeHarness();
    fresh(await lifecycle.open());
  });
  afterEach(async () => {
    for (const s of opened.splice(0)) await s.close();
    await harness?.dispose();
    harness = undefined;
  });
  return lifecycle;
}
