import { expect, it } from 'vitest';
import { utf8 } from '@plenum/kernel';
import {
  consistencyProof,
  consistencyProofIndexes,
  ed25519Verifier,
  ed25519Signer,
  generateSignerKey,
  hashLeaf,
  hashReaderFromMap,
  inclusionProof,
  inclusionProofIndexes,
  openCheckpoint,
  rootOf,
  treeRoot,
  treeRootIndexes,
  verifyConsistency,
  verifyInclusion,
} from '@plenum/log';
import { Plenum, isRecordMoved, readStored, type StoragePort } from '@plenum/app';
import { FOUNDED_ON, FOUNDERS, FOUNDING, admissions, failingSigner, signed, testSigner } from './signed-fixtures.ts';

const AT = '2026-01-02T03:04:05.000Z';

async function rootAt(store: StoragePort, size: number): Promise<Uint8Array> {
  const indexes = treeRootIndexes(size);
  return treeRoot(size, hashReaderFromMap(await readStored(store, indexes)));
}

async function leafHashes(store: StoragePort): Promise<Uint8Array[]> {
  return (await store.readEvents(0, 100_000)).map((e) => hashLeaf(utf8(e.payload)));
}

/** The record as a Merkle log: part of the storage contract, run by storageContract(). */
export function logContract(current: () => StoragePort): void {
  it('keeps the Merkle tree of the record: the root from stored hashes is the RFC 9162 root of the events', async () => {
    const store = current();
    await store.append(await signed(FOUNDING), AT);
    for (const batch of [1, 2, 5, 8, 13, 300]) {
      await store.append(await signed(admissions(await store.eventCount(), batch)), AT);
      const size = await store.eventCount();
      expect(await rootAt(store, size)).toEqual(rootOf(await leafHashes(store)));
    }
  });

  it('gives inclusion and consistency proofs that verify', async () => {
    const store = current();
    await store.append(await signed([...FOUNDING, ...admissions(0, 40)]), AT);
    const size1 = await store.eventCount();
    const root1 = await rootAt(store, size1);
    await store.append(await signed(admissions(40, 27)), AT);
    const size2 = await store.eventCount();
    const root2 = await rootAt(store, size2);
    const leaves = await leafHashes(store);
    for (const leaf of [0, 1, size1 - 1, size1, size2 - 1]) {
      const proof = inclusionProof(
        leaf,
        size2,
        hashReaderFromMap(await readStored(store, inclusionProofIndexes(leaf, size2))),
      );
      expect(verifyInclusion(leaf, size2, leaves[leaf]!, proof, root2)).toEqual({ ok: true });
    }
    const proof = consistencyProof(
      size1,
      size2,
      hashReaderFromMap(await readStored(store, consistencyProofIndexes(size1, size2))),
    );
    expect(verifyConsistency(size1, size2, root1, root2, proof)).toEqual({ ok: true });
  });

  it('appends onto the record its events were decided on, or stores nothing (recordMoved)', async () => {
    const store = current();
    await store.append(await signed(FOUNDING), AT, undefined, 0);
    const size = await store.eventCount();
    // Decided on the founding record, but another process appended first: refused, nothing stored.
    await store.append(await signed(admissions(0, 2)), AT, undefined, size);
    const late = store.append(await signed(admissions(2, 3)), AT, undefined, size);
    await expect(late).rejects.toSatisfy(isRecordMoved);
    expect(await store.eventCount()).toBe(size + 2);
    expect(await rootAt(store, size + 2)).toEqual(rootOf(await leafHashes(store)));
    // Decided again on the record as it stands, it goes on.
    await store.append(await signed(admissions(2, 3)), AT, undefined, size + 2);
    expect(await store.eventCount()).toBe(size + 5);
  });

  it('adds no tree hash for a batch that fails', async () => {
    const store = current();
    await store.append(await signed(FOUNDING), AT);
    await expect(store.append(await signed(admissions(0, 3)), AT, failingSigner)).rejects.toThrow(/unavailable/);
    // Had a hash of the failed batch stayed, the next batch's hashes would collide with it or
    // the root would be computed from it: either way the roots below would differ.
    await store.append(await signed(admissions(0, 5)), AT);
    expect(await store.eventCount()).toBe(FOUNDING.length + 5);
    expect(await rootAt(store, await store.eventCount())).toEqual(rootOf(await leafHashes(store)));
  });

  it('signs the checkpoint of the new tree inside the append, and keeps none for a batch that fails', async () => {
    const store = current();
    const sign = (size: number, root: Uint8Array): string => `size ${size} root ${root.length}`;
    await store.append(await signed(FOUNDING), AT, sign);
    expect(await store.latestCheckpoint()).toEqual({ size: 6, note: 'size 6 root 32', recordedAt: AT });
    // The signer is given the new tree (size 8) and then fails: neither that checkpoint nor
    // the two events it would have covered are kept.
    const asked: number[] = [];
    await expect(
      store.append(await signed(admissions(0, 2)), AT, (size, root) => {
        asked.push(size);
        return failingSigner(size, root);
      }),
    ).rejects.toThrow(/unavailable/);
    expect(asked).toEqual([8]);
    expect((await store.latestCheckpoint())?.size).toBe(6);
    expect(await store.checkpointAt(8)).toBeUndefined();
    const seen: [number, Uint8Array][] = [];
    await store.append(await signed(admissions(0, 4)), AT, (size, root) => {
      seen.push([size, root]);
      return 'x';
    });
    expect(seen).toEqual([[10, rootOf(await leafHashes(store))]]);
    expect(await store.latestCheckpoint()).toEqual({ size: 10, note: 'x', recordedAt: AT });
  });

  it('keeps signed checkpoints, the latest first, and ignores a second one for the same size', async () => {
    const store = current();
    expect(await store.latestCheckpoint()).toBeUndefined();
    await store.saveCheckpoint({ size: 3, note: 'three', recordedAt: AT });
    await store.saveCheckpoint({ size: 7, note: 'seven', recordedAt: AT });
    await store.saveCheckpoint({ size: 7, note: 'seven again', recordedAt: AT });
    expect(await store.latestCheckpoint()).toEqual({ size: 7, note: 'seven', recordedAt: AT });
  });

  it('keeps checkpoints by size and witnesses’ cosignatures, one per witness and size', async () => {
    const store = current();
    await store.saveCheckpoint({ size: 2, note: 'two', recordedAt: AT });
    await store.saveCheckpoint({ size: 5, note: 'five', recordedAt: AT });
    expect(await store.checkpointAt(2)).toEqual({ size: 2, note: 'two', recordedAt: AT });
    expect(await store.checkpointAt(3)).toBeUndefined();
    const cosig = (witness: string, size: number, timestamp: number) => ({
      witness,
      size,
      line: `— ${witness} ${size}`,
      timestamp,
      recordedAt: AT,
    });
    await store.saveCosignature(cosig('alice', 2, 100));
    await store.saveCosignature(cosig('alice', 2, 999));
    await store.saveCosignature(cosig('alice', 5, 200));
    await store.saveCosignature(cosig('bob', 2, 150));
    expect(await store.cosignaturesFor(2)).toEqual([cosig('alice', 2, 100), cosig('bob', 2, 150)]);
    expect(await store.cosignaturesFor(4)).toEqual([]);
    expect(await store.latestCosignatures()).toEqual([cosig('alice', 5, 200), cosig('bob', 2, 150)]);
  });

  it('signs a checkpoint after each command, which the log key verifies', async () => {
    const store = current();
    const { signerKey, verifierKey } = generateSignerKey('plenum.test/contract', new Uint8Array(32).fill(7));
    const log = { origin: 'plenum.test/contract', signer: ed25519Signer(signerKey), verifierKey };
    const plenum = new Plenum(store, { log });
    expect((await plenum.initialise('Union', testSigner(FOUNDERS), { on: FOUNDED_ON })).ok).toBe(true);
    expect((await store.latestCheckpoint())?.size).toBe(2);
    const result = await plenum.execute([
      {
        by: testSigner(FOUNDERS),
        command: {
          type: 'foundUnit',
          unit: { id: 'sec', level: 'section', name: 'S', parentId: 'root' },
          on: FOUNDED_ON,
        },
      },
    ]);
    expect(result.ok).toBe(true);
    const latest = await store.latestCheckpoint();
    expect(latest?.size).toBe(3);
    const opened = openCheckpoint(latest?.note ?? '', {
      log: ed25519Verifier(verifierKey),
      origin: 'plenum.test/contract',
    });
    expect(opened.checkpoint.size).toBe(3);
    expect(opened.checkpoint.rootHash).toEqual(rootOf(await leafHashes(store)));
  });
}
