import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, toBase64, utf8 } from '@plenum/kernel';
import { DEMO_SEED } from '@plenum/demo';
import { rememberingScheme, signedPlenumEntries } from './test-support/plenum-leaves.ts';
import {
  SIGNATURE_TYPE_COSIGNATURE_V1,
  buildTilesFromLeafHashes,
  cosignatureSigner,
  ed25519Signer,
  encodeEntryBundle,
  entryBundlePath,
  entryBundlesForSize,
  formatCheckpoint,
  formatNote,
  generateSignerKey,
  hashLeaf,
  parseNote,
  rootOf,
  signNote,
  type NoteSigner,
} from '@plenum/log';
import { acceptAnyEntry, type Problem, type ProblemCode } from './problems.ts';
import { verifyRecord, type VerifyRecordOptions } from './verify-record.ts';

// A small Plenum log built in memory — the demo organisation's events, then its later life —
// served from a Map, and damaged in every way a hostile or broken server could.

const ORIGIN = 'plenum.example.org/record';
const seed = (n: number): Uint8Array => new Uint8Array(32).fill(n);
const LOG_KEY = generateSignerKey(ORIGIN, seed(1));
const LOG_SIGNER = ed25519Signer(LOG_KEY.signerKey);
const VKEY = LOG_KEY.verifierKey;
const WITNESS_KEY = generateSignerKey('witness.example.org', seed(2), SIGNATURE_TYPE_COSIGNATURE_V1);
const OTHER_WITNESS_KEY = generateSignerKey('witness2.example.org', seed(3), SIGNATURE_TYPE_COSIGNATURE_V1);
const TIMESTAMP = 1_767_139_200;

/**
 * `count` signed Plenum leaves, as the rules engine decides them: the demo organisation's, its
 * later life, then admissions to one branch. Another `seed` gives another organisation's record.
 */
function plenumEvents(count: number, seed = DEMO_SEED): Promise<Uint8Array[]> {
  return signedPlenumEntries(ORIGIN, count, seed);
}

/** Real Ed25519 checks, each distinct one made once (the tiles' property tests verify the same leaves often). */
const SIGNATURES = rememberingScheme();

/** verifyRecord with the remembering scheme unless a test says otherwise. */
function verify(options: VerifyRecordOptions): ReturnType<typeof verifyRecord> {
  return verifyRecord({ signatures: SIGNATURES, ...options });
}

function checkpointNote(size: number, rootHash: Uint8Array, signers: readonly NoteSigner[] = [LOG_SIGNER]): string {
  return signNote(formatCheckpoint({ origin: ORIGIN, size, rootHash, extensions: [] }), signers);
}

/** Every file a tlog-tiles log of these entries serves, by path. */
function buildLog(
  entries: readonly Uint8Array[],
  signers: readonly NoteSigner[] = [LOG_SIGNER],
): Map<string, Uint8Array> {
  const leafHashes = entries.map((entry) => hashLeaf(entry));
  const files = new Map<string, Uint8Array>();
  for (const tile of buildTilesFromLeafHashes(leafHashes)) files.set(tile.path, tile.data);
  for (const bundle of entryBundlesForSize(entries.length)) {
    const start = bundle.index * 256;
    files.set(entryBundlePath(bundle), encodeEntryBundle(entries.slice(start, start + bundle.width)));
  }
  files.set('checkpoint', utf8(checkpointNote(entries.length, rootOf(leafHashes), signers)));
  return files;
}

function serve(files: ReadonlyMap<string, Uint8Array>): VerifyRecordOptions['fetch'] {
  return (path) => Promise.resolve(files.get(path)?.slice());
}

function file(files: ReadonlyMap<string, Uint8Array>, path: string): Uint8Array {
  const data = files.get(path);
  if (data === undefined) throw new Error(`test log has no ${path}`);
  return data;
}

function flip(files: Map<string, Uint8Array>, path: string, offset: number, mask = 0x01): Map<string, Uint8Array> {
  const copy = new Map(files);
  const data = file(files, path).slice();
  data[offset] = (data[offset] ?? 0) ^ mask;
  copy.set(path, data);
  return copy;
}

function codes(problems: readonly Problem[]): ProblemCode[] {
  return problems.map((problem) => problem.code);
}

function only(problems: readonly Problem[], code: ProblemCode): Problem {
  const found = problems.filter((problem) => problem.code === code);
  expect(found, `exactly one ${code} in ${JSON.stringify(problems, null, 1)}`).toHaveLength(1);
  const [problem] = found;
  if (problem === undefined) throw new Error('unreachable');
  return problem;
}

const ENTRIES = await plenumEvents(600);
const LOG = buildLog(ENTRIES);
const ROOT = rootOf(ENTRIES.map((entry) => hashLeaf(entry)));

describe('verifyRecord on a correct log', () => {
  it('verifies every tile, bundle and entry, and reports the checkpoint', async () => {
    const progress: [number, number][] = [];
    const report = await verify({
      fetch: serve(LOG),
      vkey: VKEY,
      onProgress: (done, total) => progress.push([done, total]),
    });
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ ok: true, origin: ORIGIN, size: 600, root: toBase64(ROOT), cosignatures: [] });
    // tile/0/000, tile/0/001, tile/0/002.p/88, tile/1/000.p/2 and three bundles.
    expect(report.checked).toEqual({ tiles: 4, bundles: 3, entries: 600 });
    expect(progress.at(-1)).toEqual([8, 8]);
    expect(progress.map(([done]) => done)).toEqual([...progress.map(([done]) => done)].sort((a, b) => a - b));
  });

  it('fetches every tile and every entry bundle, and nothing else', async () => {
    const asked = new Set<string>();
    await verify({
      fetch: (path) => {
        asked.add(path);
        return serve(LOG)(path);
      },
      vkey: VKEY,
    });
    expect([...asked].sort()).toEqual([...LOG.keys()].sort());
  });

  it('verifies the empty log and a log of one entry', async () => {
    for (const entries of [[], ENTRIES.slice(0, 1)]) {
      const report = await verify({ fetch: serve(buildLog(entries)), vkey: VKEY });
      expect(report.problems).toEqual([]);
      expect(report.ok).toBe(true);
    }
  });

  it('verifies a log with tiles at level 2 (over 65,536 entries)', async () => {
    const entries = Array.from({ length: 65_536 + 300 }, (_, i) => utf8(`entry ${i}`));
    const files = buildLog(entries);
    expect(files.has('tile/2/000.p/1')).toBe(true);
    const report = await verify({ fetch: serve(files), vkey: VKEY, checkEntry: acceptAnyEntry });
    expect(report.problems).toEqual([]);
    expect(report.checked).toEqual({ tiles: 258 + 2 + 1, bundles: 258, entries: 65_836 });
    // A level-2 hash that is not the root of the level-1 tile below it.
    const tampered = await verify({
      fetch: serve(flip(files, 'tile/2/000.p/1', 31)),
      vkey: VKEY,
      checkEntry: acceptAnyEntry,
    });
    expect(only(tampered.problems, 'tile_mismatch')).toMatchObject({ path: 'tile/2/000.p/1', offset: 0 });
    expect(only(tampered.problems, 'tile_mismatch').message).toContain('tile/1/000');
  }, 60_000);
});

describe('verifyRecord on damaged tiles and bundles', () => {
  it('reports a truncated tile with its path and where the data ends', async () => {
    const files = new Map(LOG);
    files.set('tile/0/001', file(LOG, 'tile/0/001').subarray(0, 8191));
    const report = await verify({ fetch: serve(files), vkey: VKEY });
    expect(report.ok).toBe(false);
    const problem = only(report.problems, 'tile_truncated');
    expect(problem).toMatchObject({ path: 'tile/0/001', offset: 8191, expected: '8192 bytes', actual: '8191 bytes' });
    expect(problem.message).toContain('tile/0/001: truncated: 8191 bytes, expected 8192');
  });

  it('reports a tile with bytes too many', async () => {
    const files = new Map(LOG);
    files.set('tile/0/002.p/88', new Uint8Array([...file(LOG, 'tile/0/002.p/88'), 0]));
    const report = await verify({ fetch: serve(files), vkey: VKEY });
    expect(only(report.problems, 'tile_too_long')).toMatchObject({ path: 'tile/0/002.p/88', offset: 88 * 32 });
    // That tile is needed for the root, which then cannot be recomputed.
    expect(codes(report.problems)).toContain('root_unchecked');
  });

  it('reports two swapped tiles: the entries do not match, nor does the tile above', async () => {
    const files = new Map(LOG);
    files.set('tile/0/000', file(LOG, 'tile/0/001'));
    files.set('tile/0/001', file(LOG, 'tile/0/000'));
    const report = await verify({ fetch: serve(files), vkey: VKEY });
    expect(report.ok).toBe(false);
    const entryProblems = report.problems.filter((p) => p.code === 'entry_hash_mismatch');
    expect(entryProblems.map((p) => [p.path, p.index, p.offset])).toEqual([
      ['tile/0/000', 0, 0],
      ['tile/0/001', 256, 0],
    ]);
    expect(entryProblems[0]?.message).toContain('256 of the 256 entries of tile/entries/000 do not match tile/0/000');
    expect(entryProblems[0]?.message).toContain('swapped');
    const above = only(report.problems, 'tile_mismatch');
    expect(above).toMatchObject({ path: 'tile/1/000.p/2', offset: 0 });
    expect(above.message).toContain('2 of the 2 hashes');
  });

  it('reports a flipped byte in a level-0 tile at its entry and offset', async () => {
    const report = await verify({ fetch: serve(flip(LOG, 'tile/0/002.p/88', 5 * 32 + 3)), vkey: VKEY });
    const problem = only(report.problems, 'entry_hash_mismatch');
    expect(problem).toMatchObject({ path: 'tile/0/002.p/88', index: 512 + 5, offset: 160 });
    expect(problem.message).toMatch(/^entry 517: tile\/0\/002\.p\/88 holds [0-9a-f]{64} at byte offset 160/);
    expect(problem.message).toContain('tile/entries/002.p/88');
    // The partial tile is part of the root: the recomputed root differs from the signed one.
    expect(only(report.problems, 'root_mismatch').expected).toBe(toBase64(ROOT));
  });

  it('reports a flipped byte in a level-1 tile', async () => {
    const report = await verify({ fetch: serve(flip(LOG, 'tile/1/000.p/2', 40)), vkey: VKEY });
    expect(only(report.problems, 'tile_mismatch')).toMatchObject({ path: 'tile/1/000.p/2', offset: 32 });
    expect(codes(report.problems)).toContain('root_mismatch');
  });

  it('reports a flipped byte in an entry at its index, with the bundle and the entry checker', async () => {
    // Entry 300 comes after 44 entries of bundle 001; it is a seat the first congress elected
    // (a mandate.began): flip a letter of the event's type, which the signature covers too.
    const offset = ENTRIES.slice(256, 300).reduce((sum, entry) => sum + 2 + entry.length, 0);
    const inEntry = new TextDecoder().decode(ENTRIES[300]).indexOf('"type":"mandate.began"') + 9;
    expect(inEntry).toBeGreaterThan(9);
    const report = await verify({
      fetch: serve(flip(LOG, 'tile/entries/001', offset + 2 + inEntry)),
      vkey: VKEY,
    });
    const problem = only(report.problems, 'entry_hash_mismatch');
    expect(problem).toMatchObject({ path: 'tile/0/001', index: 300, offset: 44 * 32 });
    expect(problem.message).toContain(`in tile/entries/001 (at byte offset ${offset})`);
    expect(only(report.problems, 'entry_unknown_type')).toMatchObject({ path: 'tile/entries/001', index: 300, offset });
  });

  it('reports a leaf whose signature does not verify, one signed with another key than its actor’s, and an unsigned one', async () => {
    const entries = [...ENTRIES];
    const text = (i: number): string => new TextDecoder().decode(ENTRIES[i]);
    // An office changed after signing: same actor, same key, the signature no longer fits.
    const at = ENTRIES.findIndex((_, i) => text(i).includes('"office":"treasurer"'));
    expect(at).toBeGreaterThan(0);
    entries[at] = utf8(text(at).replace('"office":"treasurer"', '"office":"secretary"'));
    // The same event re-signed by someone else's key under the actor's name.
    const wrongKey = JSON.parse(text(at + 1)) as { key: string };
    entries[at + 1] = utf8(text(at + 1).replaceAll(wrongKey.key, toBase64(new Uint8Array(32).fill(9))));
    // The bare event, without actor, key or signature.
    entries[at + 2] = utf8(canonicalJson((JSON.parse(text(at + 2)) as { event: unknown }).event));
    const report = await verify({ fetch: serve(buildLog(entries)), vkey: VKEY });
    expect(report.ok).toBe(false);
    expect(codes(report.problems)).toEqual(['entry_signature', 'entry_signature', 'entry_unsigned']);
    expect(report.problems.map((p) => p.index)).toEqual([at, at + 1, at + 2]);
    expect(report.problems[0]?.message).toMatch(
      new RegExp(`^entry ${at}: the signature of body:central-committee on this mandate\\.began event does not verify`),
    );

    // Leaves signed for another log do not verify for this one.
    const elsewhere = await signedPlenumEntries('plenum.example.org/another', 3);
    const foreign = await verify({ fetch: serve(buildLog(elsewhere)), vkey: VKEY });
    expect(codes(foreign.problems)).toEqual(['entry_signature', 'entry_signature', 'entry_signature']);
  });

  it('reports a missing tile and a missing bundle', async () => {
    const files = new Map(LOG);
    files.delete('tile/0/000');
    files.delete('tile/entries/001');
    const report = await verify({ fetch: serve(files), vkey: VKEY });
    expect(only(report.problems, 'tile_missing')).toMatchObject({ path: 'tile/0/000' });
    expect(only(report.problems, 'bundle_missing')).toMatchObject({ path: 'tile/entries/001' });
    expect(report.ok).toBe(false);
  });

  it('reports a malformed bundle with the byte offset of the fault', async () => {
    const files = new Map(LOG);
    files.set('tile/entries/002.p/88', file(LOG, 'tile/entries/002.p/88').subarray(0, 100));
    const report = await verify({ fetch: serve(files), vkey: VKEY });
    const problem = only(report.problems, 'bundle_malformed');
    expect(problem.path).toBe('tile/entries/002.p/88');
    expect(problem.offset).toBeTypeOf('number');
    expect(problem.message).toContain('tile/entries/002.p/88: entry bundle');
  });

  it('reports an entry that does not parse, at its index, bundle and offset', async () => {
    const entries = [...ENTRIES];
    entries[7] = utf8('{"type": not json');
    const files = buildLog(entries);
    const report = await verify({ fetch: serve(files), vkey: VKEY });
    expect(report.ok).toBe(false);
    const offset = ENTRIES.slice(0, 7).reduce((sum, entry) => sum + 2 + entry.length, 0);
    expect(report.problems).toHaveLength(1);
    expect(only(report.problems, 'entry_malformed')).toMatchObject({ path: 'tile/entries/000', index: 7, offset });
    expect(report.problems[0]?.message).toMatch(
      /^entry 7: is not JSON: .* \(tile\/entries\/000, entry at byte offset \d+\)$/,
    );
  });

  it('stops fetching after too many problems', async () => {
    const huge = 2 ** 40;
    const files = new Map([['checkpoint', utf8(checkpointNote(huge, ROOT))]]);
    let fetches = 0;
    const report = await verify({
      fetch: (path) => {
        fetches += 1;
        return serve(files)(path);
      },
      vkey: VKEY,
    });
    expect(report.problems).toHaveLength(101);
    expect(report.problems.at(-1)?.code).toBe('too_many_problems');
    expect(report.problems.at(-1)?.message).toMatch(/^stopped after 100 problems: \d+ of \d+ files were checked/);
    expect(fetches).toBeLessThan(200);
  });
});

describe('verifyRecord on the checkpoint and its signatures', () => {
  it('reports a flipped byte in the checkpoint text as a bad signature', async () => {
    const report = await verify({ fetch: serve(flip(LOG, 'checkpoint', ORIGIN.length + 2)), vkey: VKEY });
    expect(report).toMatchObject({ ok: false, size: null, root: null });
    expect(only(report.problems, 'checkpoint_signature')).toMatchObject({ path: 'checkpoint', line: 5 });
  });

  it('reports a signature by another key under the log key name and ID', async () => {
    const other = ed25519Signer(generateSignerKey(ORIGIN, seed(9)).signerKey);
    const text = formatCheckpoint({ origin: ORIGIN, size: 600, rootHash: ROOT, extensions: [] });
    const [forged] = parseNote(signNote(text, [other])).signatures;
    if (forged === undefined) throw new Error('no signature');
    const note = formatNote(text, [{ name: ORIGIN, keyId: LOG_SIGNER.keyId, signature: forged.signature }]);
    const files = new Map(LOG).set('checkpoint', utf8(note));
    const report = await verify({ fetch: serve(files), vkey: VKEY });
    expect(only(report.problems, 'checkpoint_signature').message).toContain(`log key ${ORIGIN}+`);
    // Signed by another key outright: no signature by the log key at all.
    const unsigned = new Map(LOG).set('checkpoint', utf8(signNote(text, [other])));
    expect(codes((await verify({ fetch: serve(unsigned), vkey: VKEY })).problems)).toEqual(['checkpoint_unsigned']);
  });

  it('reports a missing or malformed checkpoint, and a checkpoint of another origin', async () => {
    const none = new Map(LOG);
    none.delete('checkpoint');
    expect(codes((await verify({ fetch: serve(none), vkey: VKEY })).problems)).toEqual(['checkpoint_missing']);
    const garbage = new Map(LOG).set('checkpoint', utf8('hello\n'));
    expect(codes((await verify({ fetch: serve(garbage), vkey: VKEY })).problems)).toEqual(['checkpoint_malformed']);
    const elsewhere = await verify({ fetch: serve(LOG), vkey: VKEY, origin: 'another.example.org/log' });
    expect(only(elsewhere.problems, 'checkpoint_origin')).toMatchObject({ line: 1, actual: ORIGIN });
  });

  it('verifies named cosigners, lists unnamed ones, and reports forged and missing cosignatures', async () => {
    const witness = cosignatureSigner(WITNESS_KEY.signerKey, TIMESTAMP);
    const other = cosignatureSigner(OTHER_WITNESS_KEY.signerKey, TIMESTAMP);
    const cosigned = buildLog(ENTRIES, [LOG_SIGNER, witness, other]);
    const good = await verify({ fetch: serve(cosigned), vkey: VKEY, cosigners: [WITNESS_KEY.verifierKey] });
    expect(good.problems).toEqual([]);
    const keyId = (key: string): string => key.split('+')[1] ?? '';
    expect(good.cosignatures).toEqual([
      { name: 'witness.example.org', keyId: keyId(WITNESS_KEY.verifierKey), verified: true, timestamp: TIMESTAMP },
      { name: 'witness2.example.org', keyId: keyId(OTHER_WITNESS_KEY.verifierKey), verified: false },
    ]);

    // The witness's line taken from a cosignature of another checkpoint: forged here.
    const text = formatCheckpoint({ origin: ORIGIN, size: 600, rootHash: ROOT, extensions: [] });
    const elsewhere = parseNote(checkpointNote(599, ROOT, [LOG_SIGNER, witness])).signatures[1];
    const own = parseNote(checkpointNote(600, ROOT)).signatures[0];
    if (elsewhere === undefined || own === undefined) throw new Error('no signature');
    const forged = new Map(LOG).set('checkpoint', utf8(formatNote(text, [own, elsewhere])));
    const report = await verify({ fetch: serve(forged), vkey: VKEY, cosigners: [WITNESS_KEY.verifierKey] });
    expect(only(report.problems, 'cosignature_invalid')).toMatchObject({ path: 'checkpoint', line: 6 });
    expect(report.ok).toBe(false);
    expect(report.size).toBe(600); // the tree itself was still checked

    const missing = await verify({ fetch: serve(LOG), vkey: VKEY, cosigners: [WITNESS_KEY.verifierKey] });
    expect(codes(missing.problems)).toEqual(['cosignature_missing']);
  });

  it('refuses bad keys before fetching anything', async () => {
    const fetch = (): Promise<undefined> => Promise.reject(new Error('must not fetch'));
    expect(codes((await verify({ fetch, vkey: 'not a key' })).problems)).toEqual(['vkey_malformed']);
    expect(codes((await verify({ fetch, vkey: WITNESS_KEY.verifierKey })).problems)).toEqual(['vkey_malformed']);
    expect(codes((await verify({ fetch, vkey: VKEY, cosigners: ['x+1+2'] })).problems)).toEqual([
      'cosigner_vkey_malformed',
    ]);
    expect(codes((await verify({ fetch, vkey: VKEY, cosigners: [VKEY] })).problems)).toEqual([
      'cosigner_vkey_malformed',
    ]);
  });
});

describe('verifyRecord against a remembered checkpoint', () => {
  const at = (size: number, entries = ENTRIES): string =>
    checkpointNote(size, rootOf(entries.slice(0, size).map((entry) => hashLeaf(entry))));

  it('accepts the checkpoints of every earlier size of the same log', async () => {
    for (const size of [0, 1, 255, 256, 257, 300, 511, 512, 599, 600]) {
      const report = await verify({ fetch: serve(LOG), vkey: VKEY, remembered: at(size) });
      expect(report.problems, `remembered size ${size}`).toEqual([]);
      expect(report.remembered).toEqual({
        size,
        root: toBase64(rootOf(ENTRIES.slice(0, size).map((e) => hashLeaf(e)))),
        consistent: true,
      });
    }
  });

  it('reports a FORK: a different log under the same key, smaller or of the same size', async () => {
    const other = await plenumEvents(600, DEMO_SEED + 1);
    for (const size of [300, 600]) {
      const remembered = at(size, other);
      const report = await verify({ fetch: serve(LOG), vkey: VKEY, remembered });
      expect(report.ok).toBe(false);
      const problem = only(report.problems, 'inconsistent_with_remembered');
      const rememberedRoot = toBase64(rootOf(other.slice(0, size).map((e) => hashLeaf(e))));
      expect(problem.message).toContain('FORK');
      expect(problem.message).toContain(`Remembered: size ${size}, root ${rememberedRoot}`);
      expect(problem.message).toContain(`Now: size 600, root ${toBase64(ROOT)}`);
      expect(report.remembered).toEqual({ size, root: rememberedRoot, consistent: false });
    }
  });

  it('reports a remembered checkpoint larger than the log, of another origin, or not by the log key', async () => {
    const larger = checkpointNote(601, ROOT);
    expect(codes((await verify({ fetch: serve(LOG), vkey: VKEY, remembered: larger })).problems)).toEqual([
      'remembered_larger',
    ]);
    const elsewhere = signNote(
      formatCheckpoint({ origin: 'elsewhere.example.org', size: 5, rootHash: ROOT, extensions: [] }),
      [LOG_SIGNER],
    );
    expect(codes((await verify({ fetch: serve(LOG), vkey: VKEY, remembered: elsewhere })).problems)).toEqual([
      'remembered_origin',
    ]);
    const stranger = ed25519Signer(generateSignerKey(ORIGIN, seed(7)).signerKey);
    const unsigned = checkpointNote(5, ROOT, [stranger]);
    expect(codes((await verify({ fetch: serve(LOG), vkey: VKEY, remembered: unsigned })).problems)).toEqual([
      'remembered_invalid',
    ]);
  });

  it('does not call it a fork when the tiles, not the log, are wrong', async () => {
    const report = await verify({
      fetch: serve(flip(LOG, 'tile/1/000.p/2', 0)),
      vkey: VKEY,
      remembered: at(300),
    });
    expect(codes(report.problems)).toContain('consistency_unchecked');
    expect(codes(report.problems)).not.toContain('inconsistent_with_remembered');
  });
});

describe('verifyRecord never throws', () => {
  it('turns failing fetches and checkers into problems', async () => {
    const failing = await verify({ fetch: () => Promise.reject(new Error('connection reset')), vkey: VKEY });
    expect(failing.problems).toEqual([
      { code: 'fetch_failed', message: 'checkpoint: could not be fetched: connection reset', path: 'checkpoint' },
    ]);
    const throwing = await verify({
      fetch: () => {
        throw new Error('synchronous');
      },
      vkey: VKEY,
    });
    expect(codes(throwing.problems)).toEqual(['fetch_failed']);
    const wrongType = await verify({
      fetch: () => Promise.resolve('text' as unknown as Uint8Array),
      vkey: VKEY,
    });
    expect(codes(wrongType.problems)).toEqual(['fetch_failed']);
    const checker = await verify({
      fetch: serve(buildLog(ENTRIES.slice(0, 3))),
      vkey: VKEY,
      checkEntry: (_entry, index) => {
        if (index === 1) throw new Error('checker bug');
        return [];
      },
    });
    expect(only(checker.problems, 'entry_check_failed')).toMatchObject({ index: 1, path: 'tile/entries/000.p/3' });
  });

  it('detects any single-byte change in any file served', async () => {
    const entries = await plenumEvents(300);
    const files = buildLog(entries);
    const paths = [...files.keys()].sort();
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: paths.length - 1 }),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        async (which, position, mask) => {
          const path = paths[which] ?? 'checkpoint';
          const offset = position % file(files, path).length;
          const report = await verify({ fetch: serve(flip(files, path, offset, mask)), vkey: VKEY });
          expect(report.ok, `${path} byte ${offset} ^ ${mask}`).toBe(false);
          expect(report.problems.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 300 },
    );
  }, 60_000);
});
