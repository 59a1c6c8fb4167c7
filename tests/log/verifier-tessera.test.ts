// The verifier against a real log written by another implementation: the tiny Tessera test
// log (15 entries, C2SP tlog-tiles, Ed25519 checkpoints), see /work/shared/data/tlog/SOURCES.md.
// Its entries are plain words, not Plenum events, so every entry is accepted. The shared data
// is only read; tampering happens on a copy in a temporary directory.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { utf8 } from '@plenum/kernel';
import {
  buildTilesFromLeafHashes,
  decodeEntryBundle,
  ed25519Signer,
  encodeEntryBundle,
  formatCheckpoint,
  hashLeaf,
  rootOf,
  signNote,
} from '@plenum/log';
import { acceptAnyEntry, verifyRecord, type FetchRecordFile } from '@plenum/verifier';
import { TLOG_DATA } from './vectors.ts';

const LOG = join(TLOG_DATA, 'tessera/testdata/log');
const VKEY = 'example.com/log/testdata+33d7b496+AeHTu4Q3hEIMHNqc6fASMsq3rKNx280NI+oO5xCFkkSx';
/** The log's signing key, published as a test key in Tessera's testdata/build_log.sh (SOURCES.md). */
const TEST_SIGNING_KEY = 'PRIVATE+KEY+example.com/log/testdata+33d7b496+AeymY/SZAX0jZcJ8enZ5FY1Dz+wTML2yWSkK+9DSF3eg';
const ROOT_15 = 'rKbDipCvhuX1GZ7g5BBe8sA6BbJ7ja/1nk427v383cs=';

if (!existsSync(join(LOG, 'checkpoint'))) {
  throw new Error(`test vectors missing: ${LOG} (the tlog vectors live in /work/shared/data/tlog, see SOURCES.md)`);
}

function directory(root: string): FetchRecordFile {
  return (path) => {
    const file = join(root, path);
    return Promise.resolve(existsSync(file) ? new Uint8Array(readFileSync(file)) : undefined);
  };
}

const temporary: string[] = [];
afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

/**
 * A copy of the log whose entry 3 ("four") is replaced by "FOUR", with tiles, bundle and a
 * checkpoint rebuilt and signed with the log's key — which is a published test key.
 */
function rewrittenCopy(): string {
  const dir = copyOfLog();
  const entries: Uint8Array[] = decodeEntryBundle(readFileSync(join(LOG, 'tile/entries/000.p/15'))).map((e) =>
    e.slice(),
  );
  entries[3] = utf8('FOUR');
  const leafHashes = entries.map((entry) => hashLeaf(entry));
  for (const tile of buildTilesFromLeafHashes(leafHashes)) writeFileSync(join(dir, tile.path), tile.data);
  writeFileSync(join(dir, 'tile/entries/000.p/15'), encodeEntryBundle(entries));
  const body = formatCheckpoint({
    origin: 'example.com/log/testdata',
    size: 15,
    rootHash: rootOf(leafHashes),
    extensions: [],
  });
  writeFileSync(join(dir, 'checkpoint'), signNote(body, [ed25519Signer(TEST_SIGNING_KEY)]));
  return dir;
}

function copyOfLog(): string {
  const dir = mkdtempSync(join(tmpdir(), 'plenum-tessera-'));
  temporary.push(dir);
  cpSync(LOG, dir, { recursive: true });
  return dir;
}

describe('verifyRecord on the Tessera test log', () => {
  it('verifies the log at size 15: signature, tiles, bundles and root', async () => {
    const report = await verifyRecord({ fetch: directory(LOG), vkey: VKEY, checkEntry: acceptAnyEntry });
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ ok: true, origin: 'example.com/log/testdata', size: 15, root: ROOT_15 });
    expect(report.checked).toEqual({ tiles: 1, bundles: 1, entries: 15 });
  });

  it.each(Array.from({ length: 16 }, (_, n) => n))(
    'is consistent with its own checkpoint.%i, remembered',
    async (n) => {
      const remembered = readFileSync(join(LOG, `checkpoint.${n}`), 'utf8');
      const report = await verifyRecord({ fetch: directory(LOG), vkey: VKEY, checkEntry: acceptAnyEntry, remembered });
      expect(report.problems).toEqual([]);
      expect(report.remembered).toMatchObject({ size: n, consistent: true });
    },
  );

  it('rejects a tampered copy, naming the file', async () => {
    const dir = copyOfLog();
    const tile = join(dir, 'tile/0/000.p/15');
    const bytes = readFileSync(tile);
    bytes[7 * 32] = (bytes[7 * 32] ?? 0) ^ 0x80;
    writeFileSync(tile, bytes);
    const report = await verifyRecord({ fetch: directory(dir), vkey: VKEY, checkEntry: acceptAnyEntry });
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => [p.code, p.path, p.index])).toEqual([
      ['root_mismatch', undefined, undefined],
      ['entry_hash_mismatch', 'tile/0/000.p/15', 7],
    ]);
  });

  it('rejects a copy whose entry was rewritten', async () => {
    const dir = copyOfLog();
    const bundle = join(dir, 'tile/entries/000.p/15');
    const bytes = readFileSync(bundle);
    bytes[2] = 0x4f; // "one" → "One"
    writeFileSync(bundle, bytes);
    const report = await verifyRecord({ fetch: directory(dir), vkey: VKEY, checkEntry: acceptAnyEntry });
    expect(report.problems.map((p) => [p.code, p.path, p.index])).toEqual([
      ['entry_hash_mismatch', 'tile/0/000.p/15', 0],
    ]);
  });

  it('rejects a rewritten history with tiles rebuilt to match: the signed root differs', async () => {
    const dir = rewrittenCopy();
    writeFileSync(join(dir, 'checkpoint'), readFileSync(join(LOG, 'checkpoint')));
    const report = await verifyRecord({ fetch: directory(dir), vkey: VKEY, checkEntry: acceptAnyEntry });
    expect(report.problems.map((p) => p.code)).toEqual(['root_mismatch']);
  });

  it('reports a FORK: another history signed with the same (published test) key', async () => {
    const dir = rewrittenCopy();
    // On its own the forged log verifies: it is signed by the log key.
    const alone = await verifyRecord({ fetch: directory(dir), vkey: VKEY, checkEntry: acceptAnyEntry });
    expect(alone.problems).toEqual([]);
    // Against what the real log showed before, it is a fork from size 4 on (entry 3 differs).
    for (let n = 1; n <= 15; n += 1) {
      const remembered = readFileSync(join(LOG, `checkpoint.${n}`), 'utf8');
      const report = await verifyRecord({ fetch: directory(dir), vkey: VKEY, checkEntry: acceptAnyEntry, remembered });
      if (n <= 3) {
        expect(report.problems, `checkpoint.${n}`).toEqual([]);
      } else {
        expect(
          report.problems.map((p) => p.code),
          `checkpoint.${n}`,
        ).toEqual(['inconsistent_with_remembered']);
        expect(report.problems[0]?.message).toContain(`FORK: the log signed two trees that cannot both be true.`);
        expect(report.problems[0]?.message).toContain(`Remembered: size ${n}, root `);
        expect(report.problems[0]?.message).toContain(`Now: size 15, root ${alone.root ?? ''}`);
      }
    }
  });

  it('reports a rollback: the log serves an older checkpoint than one seen before', async () => {
    const dir = copyOfLog();
    writeFileSync(join(dir, 'checkpoint'), readFileSync(join(LOG, 'checkpoint.14')));
    const remembered = readFileSync(join(LOG, 'checkpoint.15'), 'utf8');
    const report = await verifyRecord({ fetch: directory(dir), vkey: VKEY, checkEntry: acceptAnyEntry, remembered });
    expect(report.problems.map((p) => p.code)).toContain('remembered_larger');
    expect(report.ok).toBe(false);
  });

  it('does not accept the log under another key', async () => {
    const other = 'example.com/log/testdata+00000000+AeHTu4Q3hEIMHNqc6fASMsq3rKNx280NI+oO5xCFkkSx';
    const report = await verifyRecord({ fetch: directory(LOG), vkey: other, checkEntry: acceptAnyEntry });
    expect(report.problems.map((p) => p.code)).toEqual(['vkey_malformed']);
  });
});
