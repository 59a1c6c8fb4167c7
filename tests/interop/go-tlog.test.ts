// Interoperability of packages/log's Merkle tree code with Go's golang.org/x/mod/sumdb/tlog — an
// independent RFC 6962/9162 implementation (the one behind the Go checksum database). The Go side
// (go-tlog/main.go) builds the same log from the same leaf data with its own hashing and storage
// bookkeeping; the two must agree byte for byte on leaf hashes, stored hashes and their numbering,
// tree roots, inclusion ("record") proofs and consistency ("tree") proofs, and each must accept
// the other's proofs and reject tampered ones identically.
import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toBase64 } from '@plenum/kernel';
import { hashLeaf } from '../../packages/log/src/hash.ts';
import {
  consistencyProof,
  hashReaderFromArray,
  inclusionProof,
  storedHashCount,
  storedHashIndex,
  storedHashesOf,
  treeRoot,
  verifyConsistency,
  verifyInclusion,
} from '../../packages/log/src/merkle.ts';

const GO_PROGRAM_DIR = join(import.meta.dirname, 'go-tlog');
const GOPATH = '/usr/share/gocode';
const TLOG_SOURCE = join(GOPATH, 'src/golang.org/x/mod/sumdb/tlog');
const LEAVES = 300;
const SEED = Number(process.env['TLOG_INTEROP_SEED'] ?? randomInt(2 ** 31));

// ---------------------------------------------------------------------------------------------
// The log, on our side.

/** xorshift32: reproducible leaves from SEED (printed in every test name). */
function random(seed: number): () => number {
  let state = seed || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}
const next = random(SEED);
const below = (n: number): number => Math.floor(next() * n);

const leaves = Array.from({ length: LEAVES }, () => Uint8Array.from({ length: below(65) }, () => below(256)));
const leafHashes = leaves.map(hashLeaf);
const stored = storedHashesOf(leafHashes);
const read = hashReaderFromArray(stored);
const roots = [new Uint8Array(32), ...Array.from({ length: LEAVES }, (_, i) => treeRoot(i + 1, read))];
const rootAt = (size: number): Uint8Array => roots[size]!;

function flipBit(bytes: Uint8Array): Uint8Array {
  const copy = bytes.slice();
  const bit = below(copy.length * 8);
  copy[Math.floor(bit / 8)]! ^= 1 << (bit % 8);
  return copy;
}

const b64 = (list: readonly Uint8Array[]): string[] => list.map(toBase64);

// Which proofs to compare: every size, with its first, last and a random leaf (all leaves at the
// full size), and consistency from 1, from size − 1, from a random size and from itself (all
// earlier sizes at the full size).
const recordQueries: { index: number; size: number }[] = [];
const treeQueries: { size1: number; size2: number }[] = [];
for (let size = 1; size <= LEAVES; size += 1) {
  const indexes = size === LEAVES ? Array.from({ length: size }, (_, i) => i) : [0, size - 1, below(size)];
  for (const index of new Set(indexes)) recordQueries.push({ index, size });
  const firsts = size === LEAVES ? Array.from({ length: size }, (_, i) => i + 1) : [1, size - 1, 1 + below(size), size];
  for (const size1 of new Set(firsts.filter((s) => s >= 1))) treeQueries.push({ size1, size2: size });
}

// Proofs for Go to check: ours as generated, then tampered (one flipped bit in a proof hash, the
// leaf or a root), then relabelled (another index or size). For the relabelled ones the
// expectation is simply that Go and we agree: RFC 9162 proofs do not bind tree sizes by
// themselves, and both implementations must accept exactly the same relabellings.
interface RecordCheck {
  index: number;
  size: number;
  root: Uint8Array;
  leafHash: Uint8Array;
  proof: Uint8Array[];
  kind: 'valid' | 'tampered' | 'relabelled';
}
interface TreeCheck {
  size1: number;
  size2: number;
  root1: Uint8Array;
  root2: Uint8Array;
  proof: Uint8Array[];
  kind: 'valid' | 'tampered' | 'relabelled';
}
const recordChecks: RecordCheck[] = [];
const treeChecks: TreeCheck[] = [];
const otherSize = (size: number): number =>
  [size - 1, size + 1, 2 * size, Math.floor(size / 2), 1 + below(LEAVES)][below(5)]!;

for (const { index, size } of recordQueries) {
  const proof = inclusionProof(index, size, read);
  const valid = { index, size, root: rootAt(size), leafHash: leafHashes[index]!, proof };
  recordChecks.push({ ...valid, kind: 'valid' });
  recordChecks.push({ ...valid, leafHash: flipBit(valid.leafHash), kind: 'tampered' });
  recordChecks.push({ ...valid, root: flipBit(valid.root), kind: 'tampered' });
  if (proof.length > 0) {
    const at = below(proof.length);
    recordChecks.push({ ...valid, proof: proof.map((p, i) => (i === at ? flipBit(p) : p)), kind: 'tampered' });
  }
  recordChecks.push({ ...valid, size: otherSize(size), kind: 'relabelled' });
  recordChecks.push({ ...valid, index: below(size + 2), kind: 'relabelled' });
}
for (const { size1, size2 } of treeQueries) {
  const proof = consistencyProof(size1, size2, read);
  const valid = { size1, size2, root1: rootAt(size1), root2: rootAt(size2), proof };
  treeChecks.push({ ...valid, kind: 'valid' });
  treeChecks.push({ ...valid, root1: flipBit(valid.root1), kind: 'tampered' });
  treeChecks.push({ ...valid, root2: flipBit(valid.root2), kind: 'tampered' });
  if (proof.length > 0) {
    const at = below(proof.length);
    treeChecks.push({ ...valid, proof: proof.map((p, i) => (i === at ? flipBit(p) : p)), kind: 'tampered' });
  }
  treeChecks.push({ ...valid, size1: otherSize(size1), kind: 'relabelled' });
  treeChecks.push({ ...valid, size2: otherSize(size2), kind: 'relabelled' });
  treeChecks.push({ ...valid, size1: otherSize(size1), size2: otherSize(size2), kind: 'relabelled' });
}

// Stored-hash numbering, including far beyond this log.
const nodeRefs: { level: number; n: number }[] = [];
for (let level = 0; level <= 8; level += 1) for (let n = 0; n < 40; n += 1) nodeRefs.push({ level, n });
for (let i = 0; i < 200; i += 1) {
  const level = below(40);
  nodeRefs.push({ level, n: Math.floor(next() * (2 ** 50 / 2 ** level)) });
}
const counts = [...Array.from({ length: LEAVES + 1 }, (_, i) => i), 2 ** 31, 2 ** 32 + 1, 10_000_000, 2 ** 50 - 1];

// ---------------------------------------------------------------------------------------------
// The log, on Go's side.

interface GoVerdict {
  ok: boolean;
  error?: string;
}
interface GoAnswer {
  leafHashes: string[];
  storedHashes: string[];
  roots: string[];
  storedHashIndexes: number[];
  storedHashCounts: number[];
  recordProofs: string[][];
  treeProofs: string[][];
  checkRecords: GoVerdict[];
  checkTrees: GoVerdict[];
}

let answer: { value: GoAnswer; ms: number } | undefined;

/** Runs the Go program once (lazily); every failure says what to install or what went wrong. */
function go(): GoAnswer {
  if (answer !== undefined) return answer.value;
  const probe = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (probe.error !== undefined || probe.status !== 0) {
    throw new Error(
      'the Go toolchain is not installed (`go version` failed). This test compares packages/log with ' +
        "Go's golang.org/x/mod/sumdb/tlog; .ci/run installs the Debian packages golang-go and " +
        'golang-golang-x-mod-dev (or: apt-get install golang-go golang-golang-x-mod-dev).',
    );
  }
  if (!existsSync(TLOG_SOURCE)) {
    throw new Error(
      `Go's tlog package is not at ${TLOG_SOURCE}. .ci/run installs the Debian package ` +
        'golang-golang-x-mod-dev (or: apt-get install golang-golang-x-mod-dev).',
    );
  }
  const request = {
    leaves: b64(leaves),
    treeSizes: Array.from({ length: LEAVES }, (_, i) => i + 1),
    storedHashIndexes: nodeRefs,
    storedHashCounts: counts,
    recordProofs: recordQueries,
    treeProofs: treeQueries,
    checkRecords: recordChecks.map((c) => ({
      ...c,
      root: toBase64(c.root),
      leafHash: toBase64(c.leafHash),
      proof: b64(c.proof),
    })),
    checkTrees: treeChecks.map((c) => ({
      ...c,
      root1: toBase64(c.root1),
      root2: toBase64(c.root2),
      proof: b64(c.proof),
    })),
  };
  const started = performance.now();
  const run = spawnSync('go', ['run', 'main.go'], {
    cwd: GO_PROGRAM_DIR,
    input: JSON.stringify(request),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: 120_000,
    env: {
      ...process.env,
      // Offline, in GOPATH mode, against the Debian-packaged golang.org/x/mod.
      GO111MODULE: 'off',
      GOPATH,
      GOFLAGS: '',
      GOTOOLCHAIN: 'local',
      GOCACHE: process.env['GOCACHE'] ?? join(tmpdir(), 'plenum-go-build-cache'),
    },
  });
  if (run.error !== undefined || run.status !== 0) {
    throw new Error(`go run main.go failed (${String(run.error ?? run.status)}):\n${run.stderr}`);
  }
  answer = { value: JSON.parse(run.stdout) as GoAnswer, ms: performance.now() - started };
  return answer.value;
}

describe(`Go sumdb/tlog interop (${LEAVES} random leaves, TLOG_INTEROP_SEED=${SEED})`, () => {
  it('hashes leaves and stores the same hashes under the same indexes', () => {
    const { leafHashes: goLeaves, storedHashes, storedHashIndexes, storedHashCounts } = go();
    expect(goLeaves).toEqual(b64(leafHashes));
    expect(storedHashes.length).toBe(storedHashCount(LEAVES));
    expect(storedHashes).toEqual(b64(stored));
    expect(storedHashIndexes).toEqual(nodeRefs.map(({ level, n }) => storedHashIndex(level, n)));
    expect(storedHashCounts).toEqual(counts.map(storedHashCount));
  });

  it(`computes the same root for every size 1..${LEAVES}`, () => {
    expect(go().roots).toEqual(b64(roots.slice(1)));
  });

  it(`generates the same inclusion proofs (${recordQueries.length}) and consistency proofs (${treeQueries.length})`, () => {
    const { recordProofs, treeProofs } = go();
    recordQueries.forEach(({ index, size }, i) => {
      expect(recordProofs[i], `leaf ${index} in ${size}`).toEqual(b64(inclusionProof(index, size, read)));
    });
    treeQueries.forEach(({ size1, size2 }, i) => {
      expect(treeProofs[i], `${size1} → ${size2}`).toEqual(b64(consistencyProof(size1, size2, read)));
    });
  });

  it(`accepts our inclusion proofs and rejects tampered ones, exactly as we do (${recordChecks.length})`, () => {
    const { checkRecords } = go();
    expect(checkRecords.length).toBe(recordChecks.length);
    recordChecks.forEach((c, i) => {
      const ours = verifyInclusion(c.index, c.size, c.leafHash, c.proof, c.root);
      const theirs = checkRecords[i]!;
      const name = `${c.kind} leaf ${c.index} in ${c.size}: Go says ${theirs.error ?? 'ok'}, we say ${ours.ok ? 'ok' : ours.reason}`;
      if (c.kind !== 'relabelled') expect(theirs.ok, name).toBe(c.kind === 'valid');
      expect(ours.ok, name).toBe(theirs.ok);
    });
  });

  it(`accepts our consistency proofs and rejects tampered ones, exactly as we do (${treeChecks.length})`, () => {
    const { checkTrees } = go();
    expect(checkTrees.length).toBe(treeChecks.length);
    treeChecks.forEach((c, i) => {
      const ours = verifyConsistency(c.size1, c.size2, c.root1, c.root2, c.proof);
      const theirs = checkTrees[i]!;
      const name = `${c.kind} ${c.size1} → ${c.size2}: Go says ${theirs.error ?? 'ok'}, we say ${ours.ok ? 'ok' : ours.reason}`;
      if (c.kind !== 'relabelled') expect(theirs.ok, name).toBe(c.kind === 'valid');
      expect(ours.ok, name).toBe(theirs.ok);
    });
  });

  it('ran Go well within the time budget', () => {
    go();
    expect(answer?.ms ?? Infinity).toBeLessThan(20_000);
  });
});
