// Published test vectors for the RFC 9162 Merkle tree code in packages/log (merkle.ts and
// subtree.ts). The data lives outside the repository, in ../shared/data/tlog (see its SOURCES.md);
// it is read, never written. Every JSON file is one test, found by walking the directories, so
// vectors added upstream are picked up without touching this file.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromBase64, fromHex, toHex, utf8 } from '@plenum/kernel';
import { EMPTY_ROOT, hashChildren, hashLeaf } from '../../packages/log/src/hash.ts';
import {
  consistencyProof,
  hashReaderFromArray,
  inclusionProof,
  rootFromInclusionProof,
  rootOf,
  storedHashIndex,
  storedHashesOf,
  treeRoot,
  verifyConsistency,
  verifyInclusion,
  type VerifyResult,
} from '../../packages/log/src/merkle.ts';
import { subtreeHash, verifySubtreeConsistency, verifySubtreeInclusion } from '../../packages/log/src/subtree.ts';
import { TLOG_DATA } from './vectors.ts';

const PROBES = join(TLOG_DATA, 'transparency-dev-merkle/testdata');
const REFERENCE_TREE = join(TLOG_DATA, 'derived/rfc6962-reference-tree.json');

function jsonFilesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return jsonFilesUnder(path);
      return name.endsWith('.json') ? [path] : [];
    });
}

function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

// The probes are machine-generated and loosely typed: `proof` may be null, hashes may be empty
// strings or not 32 bytes long, sizes may exceed 2^53 (JSON.parse rounds those; the verifiers
// then refuse them as unsafe integers, which is the expected error).
function num(probe: Record<string, unknown>, key: string): number {
  const value = probe[key];
  if (typeof value !== 'number') throw new Error(`field ${key} is not a number`);
  return value;
}
function b64(probe: Record<string, unknown>, key: string): Uint8Array {
  const value = probe[key];
  if (typeof value !== 'string') throw new Error(`field ${key} is not a string`);
  return fromBase64(value, key);
}
function proofOf(probe: Record<string, unknown>): Uint8Array[] {
  const proof = probe['proof'];
  if (proof === null) return [];
  if (!Array.isArray(proof)) throw new Error('field proof is not an array');
  return proof.map((p: unknown, i) => {
    if (typeof p !== 'string') throw new Error(`proof[${i}] is not a string`);
    return fromBase64(p, `proof[${i}]`);
  });
}

const KINDS = {
  inclusion: (p: Record<string, unknown>): VerifyResult =>
    verifyInclusion(num(p, 'leafIdx'), num(p, 'treeSize'), b64(p, 'leafHash'), proofOf(p), b64(p, 'root')),
  consistency: (p: Record<string, unknown>): VerifyResult =>
    verifyConsistency(num(p, 'size1'), num(p, 'size2'), b64(p, 'root1'), b64(p, 'root2'), proofOf(p)),
  subtreeinclusion: (p: Record<string, unknown>): VerifyResult =>
    verifySubtreeInclusion(
      num(p, 'leafIdx'),
      num(p, 'start'),
      num(p, 'end'),
      b64(p, 'leafHash'),
      proofOf(p),
      b64(p, 'root'),
    ),
  subtreeconsistency: (p: Record<string, unknown>): VerifyResult =>
    verifySubtreeConsistency(
      num(p, 'start'),
      num(p, 'end'),
      num(p, 'size'),
      b64(p, 'root1'),
      b64(p, 'root2'),
      proofOf(p),
    ),
} as const;

if (!existsSync(PROBES) || !existsSync(REFERENCE_TREE)) {
  // Never skip: without the vectors nothing here would be checked, and that must be loud.
  it('finds the tlog test vectors', () => {
    throw new Error(
      `test vectors not found at ${TLOG_DATA}: the repository must be checked out as <dir>/main with the ` +
        'shared data at <dir>/shared/data/tlog (see its SOURCES.md)',
    );
  });
} else {
  for (const [kind, verify] of Object.entries(KINDS)) {
    const files = jsonFilesUnder(join(PROBES, kind));

    describe(`transparency-dev-merkle ${kind}`, () => {
      it('has probes', () => {
        expect(files.length, `no JSON files under ${join(PROBES, kind)}`).toBeGreaterThan(0);
      });

      for (const file of files) {
        it(`transparency-dev-merkle ${relative(PROBES, file)}`, () => {
          const probe = readJson(file);
          const wantErr = probe['wantErr'];
          expect(typeof wantErr, 'wantErr').toBe('boolean');
          const result = verify(probe);
          const reason = result.ok ? 'verified' : result.reason;
          expect(result.ok, `${String(probe['desc'])}: ${reason}`).toBe(wantErr !== true);
        });
      }
    });
  }

  describe('derived', () => {
    it('derived/rfc6962-reference-tree.json', () => {
      const tree = readJson(REFERENCE_TREE) as unknown as ReferenceTree;
      checkReferenceTree(tree);
    });
  });
}

interface ReferenceTree {
  leavesHex: string[];
  leafHashes: string[];
  nodeHashesByLevel: string[][];
  rootsBySize: string[];
  hasher: {
    emptyTreeRoot: { hash: string };
    emptyLeaf: { leafHex: string; hash: string };
    leaf_L123456: { leafUtf8: string; hash: string };
    node_N123_N456: { leftUtf8: string; rightUtf8: string; hash: string };
  };
  knownInclusionProofs: { index: number; size: number; proof: string[] }[];
  knownConsistencyProofs: { size1: number; size2: number; proof: string[] }[];
  allInclusionProofs: { index: number; size: number; leafHash: string; root: string; proof: string[] }[];
  allConsistencyProofs: { size1: number; size2: number; root1: string; root2: string; proof: string[] }[];
}

function checkReferenceTree(tree: ReferenceTree): void {
  const hex = (list: readonly Uint8Array[]): string[] => list.map(toHex);
  const { hasher } = tree;

  // Hasher vectors (RFC 9162 §2.1.1).
  expect(toHex(EMPTY_ROOT), 'empty tree root').toBe(hasher.emptyTreeRoot.hash);
  expect(toHex(hashLeaf(fromHex(hasher.emptyLeaf.leafHex))), 'empty leaf').toBe(hasher.emptyLeaf.hash);
  expect(toHex(hashLeaf(utf8(hasher.leaf_L123456.leafUtf8))), 'leaf L123456').toBe(hasher.leaf_L123456.hash);
  const node = hasher.node_N123_N456;
  expect(toHex(hashChildren(utf8(node.leftUtf8), utf8(node.rightUtf8))), 'node N123 N456').toBe(node.hash);

  // Leaves, stored hashes and roots.
  const leafHashes = tree.leavesHex.map((leaf) => hashLeaf(fromHex(leaf)));
  expect(hex(leafHashes), 'leaf hashes').toEqual(tree.leafHashes);
  const stored = storedHashesOf(leafHashes);
  const read = hashReaderFromArray(stored);
  // Every complete subtree of the 8-leaf tree is stored: node n of level l is MTH(D[n·2^l : (n+1)·2^l]).
  tree.nodeHashesByLevel.forEach((level, l) => {
    level.forEach((expected, n) => {
      const [lo, hi] = [n * 2 ** l, (n + 1) * 2 ** l];
      expect(toHex(stored[storedHashIndex(l, n)]!), `stored node ${l}/${n}`).toBe(expected);
      expect(toHex(rootOf(leafHashes.slice(lo, hi))), `rootOf [${lo}, ${hi})`).toBe(expected);
      expect(toHex(subtreeHash(lo, hi, read)), `subtreeHash [${lo}, ${hi})`).toBe(expected);
    });
  });
  tree.rootsBySize.forEach((expected, size) => {
    expect(toHex(rootOf(leafHashes.slice(0, size))), `rootOf size ${size}`).toBe(expected);
    expect(toHex(treeRoot(size, read)), `treeRoot size ${size}`).toBe(expected);
  });

  // Published proofs: ours must be byte-identical, and must verify.
  for (const { index, size, proof } of tree.knownInclusionProofs) {
    expect(hex(inclusionProof(index, size, read)), `known inclusion ${index}/${size}`).toEqual(proof);
  }
  for (const { size1, size2, proof } of tree.knownConsistencyProofs) {
    expect(hex(consistencyProof(size1, size2, read)), `known consistency ${size1}→${size2}`).toEqual(proof);
  }
  expect(tree.allInclusionProofs.length).toBe(36);
  for (const { index, size, leafHash, root, proof } of tree.allInclusionProofs) {
    const name = `inclusion ${index}/${size}`;
    expect(hex(inclusionProof(index, size, read)), name).toEqual(proof);
    expect(toHex(treeRoot(size, read)), `${name} root`).toBe(root);
    const proofBytes = proof.map((p) => fromHex(p));
    expect(verifyInclusion(index, size, fromHex(leafHash), proofBytes, fromHex(root)), name).toEqual({ ok: true });
    const evaluated = rootFromInclusionProof(index, size, fromHex(leafHash), proofBytes);
    expect(evaluated.ok && toHex(evaluated.root), `${name} evaluated`).toBe(root);
  }
  expect(tree.allConsistencyProofs.length).toBe(36);
  for (const { size1, size2, root1, root2, proof } of tree.allConsistencyProofs) {
    const name = `consistency ${size1}→${size2}`;
    expect(hex(consistencyProof(size1, size2, read)), name).toEqual(proof);
    const verified = verifyConsistency(
      size1,
      size2,
      fromHex(root1),
      fromHex(root2),
      proof.map((p) => fromHex(p)),
    );
    expect(verified, name).toEqual({ ok: true });
  }
}
