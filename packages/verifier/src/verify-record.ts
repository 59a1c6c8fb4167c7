import { bytesEqual, isPlenumError, toBase64, toHex } from '@plenum/kernel';
import {
  EMPTY_ROOT,
  HASH_SIZE,
  SIGNATURE_TYPE_COSIGNATURE_V1,
  SIGNATURE_TYPE_ED25519,
  TILE_WIDTH,
  consistencyProofFromTiles,
  decodeCosignature,
  decodeEntryBundle,
  ed25519Verifier,
  entryBundlePath,
  entryBundlesForSize,
  hashChildren,
  hashLeaf,
  isTlogError,
  openCheckpoint,
  openNote,
  parseNote,
  parseTilePath,
  parseVerifierKey,
  rootFromTiles,
  tilePath,
  tilesForSize,
  verifierFromKey,
  verifyConsistency,
  type Checkpoint,
  type EntryBundleCoord,
  type FetchTile,
  type NoteVerifier,
  type TileCoord,
} from '@plenum/log';
import type { SignatureScheme } from '@plenum/record';
import { plenumEntryChecker } from './plenum-events.ts';
import type { EntryChecker, Problem } from './problems.ts';

/**
 * The independent verifier of a public record: given the files a log serves in the C2SP
 * tlog-tiles layout (https://c2sp.org/tlog-tiles) and the log's verifier key, it checks
 * EVERYTHING the checkpoint commits to, and reports every problem as a value:
 *
 * 1. `checkpoint` opens with the log key (C2SP signed-note, tlog-checkpoint) and its origin is
 *    the log's (by the C2SP convention Plenum follows, the log key's name); cosignatures by
 *    the cosigners the caller names verify (tlog-cosignature).
 * 2. With a remembered checkpoint (one this verifier saw and checked before): same origin,
 *    not larger, and consistent (RFC 9162 §2.1.4, a consistency proof computed from the
 *    tiles). A failure is evidence of a FORK — the log showed two different histories — and is
 *    reported as such, with both sizes and roots.
 * 3. The root recomputed from the tiles is the checkpoint's.
 * 4. Every tile and every entry bundle of the tree is fetched: every entry's leaf hash is the
 *    hash at its index in the level-0 tile, every hash of a higher tile is the root of the
 *    full tile below it, so (with 3) every byte served is bound to the signed root.
 * 5. Every entry passes the entry checker (by default: a Plenum domain event in canonical
 *    JSON, see checkPlenumEvent).
 *
 * It takes data, not connections: the caller supplies `fetch(path)` (a directory, HTTP, a
 * browser's fetch, a Map in tests) and this module does no I/O. It never throws: hostile
 * input (a forged checkpoint, truncated tiles, a bundle lying about its lengths, a fetch that
 * fails) becomes a Problem. Memory stays proportional to the tree size / 256, not to the
 * number of entries: tiles and bundles are checked level by level as they arrive and dropped.
 */

/** Fetches a file of the log by its path (`checkpoint`, `tile/0/000`, …); undefined when not found. */
export type FetchRecordFile = (path: string) => Promise<Uint8Array | undefined>;

export interface VerifyRecordOptions {
  readonly fetch: FetchRecordFile;
  /** The log's verifier key, `<name>+<key ID>+<base64 key>` (C2SP signed-note). */
  readonly vkey: string;
  /** The checkpoint origin to expect; by default the log key's name. */
  readonly origin?: string;
  /** A signed checkpoint of this log verified earlier (its text), to check the log did not fork since. */
  readonly remembered?: string | Uint8Array;
  /** Verifier keys of cosigners (witnesses) whose cosignatures must be on the checkpoint. */
  readonly cosigners?: readonly string[];
  /** Checks each entry, in order; by default a plenumEntryChecker for the log's origin. */
  readonly checkEntry?: EntryChecker;
  /** Ed25519 for the default entry checker's signature checks; @noble/curves by default. */
  readonly signatures?: SignatureScheme;
  /** Called after each file is checked, with the number of files done and in all. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Stop fetching once this many problems are found (default 100). */
  readonly maxProblems?: number;
  /** How many tiles (with their bundles) are fetched at once (default 8). */
  readonly concurrency?: number;
}

export interface CosignatureReport {
  readonly name: string;
  /** The key ID, 8 hex digits. */
  readonly keyId: string;
  /** True for a valid cosignature by a named cosigner; false for a signature by a key nobody named (not checked). */
  readonly verified: boolean;
  /** POSIX seconds, for a verified cosignature/v1. */
  readonly timestamp?: number;
}

export interface RememberedReport {
  readonly size: number;
  /** Base64, as in the checkpoint. */
  readonly root: string;
  /** Whether the log is consistent with it; null when that could not be checked. */
  readonly consistent: boolean | null;
}

export interface RecordReport {
  /** True when the checkpoint opened and no problem at all was found. */
  readonly ok: boolean;
  /** Of the checkpoint; null when it could not be opened. */
  readonly origin: string | null;
  readonly size: number | null;
  /** The checkpoint's root, base64. */
  readonly root: string | null;
  /** Every signature on the checkpoint other than the log's. */
  readonly cosignatures: readonly CosignatureReport[];
  readonly remembered: RememberedReport | null;
  /** How many files and entries were checked. */
  readonly checked: { readonly tiles: number; readonly bundles: number; readonly entries: number };
  readonly problems: readonly Problem[];
}

export const DEFAULT_MAX_PROBLEMS = 100;
const DEFAULT_CONCURRENCY = 8;
const CHECKPOINT = 'checkpoint';
/** How many entry or hash positions a summary lists before "…". */
const LISTED = 10;

export async function verifyRecord(options: VerifyRecordOptions): Promise<RecordReport> {
  const findings = new Findings(positive(options.maxProblems, DEFAULT_MAX_PROBLEMS));
  const report: Draft = {
    origin: null,
    size: null,
    root: null,
    cosignatures: [],
    remembered: null,
    checked: { tiles: 0, bundles: 0, entries: 0 },
  };
  try {
    await new Verification(options, findings, report).run();
  } catch (error) {
    // Every expected failure is a problem already; this is a bug, reported rather than thrown.
    findings.force({ code: 'verifier_error', message: `the verifier failed unexpectedly: ${describe(error)}` });
  }
  return { ok: findings.list.length === 0 && report.size !== null, ...report, problems: findings.list };
}

// ---------------------------------------------------------------------------------------------

interface Draft {
  origin: string | null;
  size: number | null;
  root: string | null;
  cosignatures: CosignatureReport[];
  remembered: RememberedReport | null;
  checked: { tiles: number; bundles: number; entries: number };
}

type Fetched =
  | { readonly kind: 'ok'; readonly data: Uint8Array }
  | { readonly kind: 'missing' }
  | { readonly kind: 'failed'; readonly reason: string };

type Job =
  | {
      readonly kind: 'leaves';
      readonly tile: TileCoord;
      readonly bundle: EntryBundleCoord;
      readonly tilePath: string;
      readonly bundlePath: string;
    }
  | { readonly kind: 'tile'; readonly tile: TileCoord; readonly tilePath: string };

type Loaded = readonly [tile: Fetched, bundle: Fetched | undefined];

interface Keys {
  readonly log: NoteVerifier;
  readonly label: string;
  readonly name: string;
  readonly cosigners: readonly { readonly verifier: NoteVerifier; readonly label: string }[];
}

/** The problems found so far, at most `max` of them; `stopped` once any work was skipped for that. */
class Findings {
  readonly list: Problem[] = [];
  stopped = false;

  constructor(private readonly max: number) {}

  get full(): boolean {
    return this.list.length >= this.max;
  }

  add(problem: Problem): void {
    if (this.full) this.stopped = true;
    else this.list.push(problem);
  }

  /** Adds past the limit: for the final word. */
  force(problem: Problem): void {
    this.list.push(problem);
  }
}

class Verification {
  private checkEntry: EntryChecker = () => [];
  /** Tiles fetched early (for the root and the consistency proof), kept until the sweep takes them. */
  private readonly early = new Map<string, Promise<Fetched>>();
  /** Per tile level, the roots of its full tiles as served, by tile index (undefined: unusable). */
  private readonly fullTileRoots: (Uint8Array | undefined)[][] = [];

  constructor(
    private readonly options: VerifyRecordOptions,
    private readonly findings: Findings,
    private readonly report: Draft,
  ) {}

  async run(): Promise<void> {
    const keys = this.parseKeys();
    if (keys === undefined) return;
    this.checkEntry =
      this.options.checkEntry ??
      plenumEntryChecker({
        origin: this.options.origin ?? keys.name,
        ...(this.options.signatures === undefined ? {} : { signatures: this.options.signatures }),
      });
    const fetched = await this.load(CHECKPOINT);
    if (fetched.kind !== 'ok') {
      this.fetchProblem(CHECKPOINT, fetched, 'checkpoint_missing', 'the log serves no checkpoint');
      return;
    }
    let checkpoint: Checkpoint;
    try {
      checkpoint = openCheckpoint(fetched.data, { log: keys.log }).checkpoint;
    } catch (error) {
      this.findings.add(checkpointProblem(error, keys.label));
      return;
    }
    const { origin, size, rootHash } = checkpoint;
    Object.assign(this.report, { origin, size, root: toBase64(rootHash) });
    const expectedOrigin = this.options.origin ?? keys.name;
    if (origin !== expectedOrigin) {
      this.findings.add({
        code: 'checkpoint_origin',
        message: `${CHECKPOINT} line 1: the origin is ${quote(origin)}, expected ${quote(expectedOrigin)}${this.options.origin === undefined ? ' (the log key name)' : ''}: this is another log's checkpoint`,
        path: CHECKPOINT,
        line: 1,
        expected: expectedOrigin,
        actual: origin,
      });
    }
    this.report.cosignatures = this.checkCosignatures(fetched.data, keys);
    const total = 1 + tileCount(size) + bundleCount(size);
    this.progress(1, total);

    const remembered = this.openRemembered(keys, checkpoint);
    const rootOk = await this.checkRoot(checkpoint, remembered);
    if (remembered !== undefined) await this.checkConsistency(remembered, checkpoint, rootOk);
    await this.sweep(size, total);
  }

  // -------------------------------------------------------------------------------------------
  // Keys, checkpoint, cosignatures

  private parseKeys(): Keys | undefined {
    let log: NoteVerifier;
    let name: string;
    let label: string;
    try {
      const key = parseVerifierKey(this.options.vkey);
      name = key.name;
      label = keyLabel(key.name, key.keyId);
      if (key.type !== SIGNATURE_TYPE_ED25519) {
        this.findings.add({
          code: 'vkey_malformed',
          message: `the log's verifier key ${label} is a cosignature/v1 (witness) key; a log signs its checkpoints with an Ed25519 note key (type 0x01)`,
        });
        return undefined;
      }
      log = ed25519Verifier(key);
    } catch (error) {
      this.findings.add({ code: 'vkey_malformed', message: `the log's verifier key is not valid: ${describe(error)}` });
      return undefined;
    }
    const cosigners: { verifier: NoteVerifier; label: string }[] = [];
    let bad = false;
    for (const [i, vkey] of (this.options.cosigners ?? []).entries()) {
      try {
        const key = parseVerifierKey(vkey);
        const cosigner = keyLabel(key.name, key.keyId);
        if (cosigner === label) {
          this.findings.add({
            code: 'cosigner_vkey_malformed',
            message: `cosigner key ${i + 1} is the log's own key ${label}: a log cannot witness itself`,
          });
          bad = true;
        } else if (!cosigners.some((c) => c.label === cosigner)) {
          cosigners.push({ verifier: verifierFromKey(key), label: cosigner });
        }
      } catch (error) {
        this.findings.add({
          code: 'cosigner_vkey_malformed',
          message: `cosigner key ${i + 1} is not valid: ${describe(error)}`,
        });
        bad = true;
      }
    }
    return bad ? undefined : { log, label, name, cosigners };
  }

  /** Checks each named cosigner's signature, and lists every non-log signature of the note. */
  private checkCosignatures(note: Uint8Array, keys: Keys): CosignatureReport[] {
    const verified = new Map<string, number | undefined>();
    for (const { verifier, label } of keys.cosigners) {
      try {
        const opened = openNote(note, [verifier]);
        const signature = opened.verified[0];
        const timestamp =
          verifier.type === SIGNATURE_TYPE_COSIGNATURE_V1 && signature !== undefined
            ? decodeCosignature(signature.signature).timestamp
            : undefined;
        verified.set(label, timestamp);
      } catch (error) {
        if (isTlogError(error) && error.reason === 'unverified_note') {
          this.findings.add({
            code: 'cosignature_missing',
            message: `${CHECKPOINT}: no cosignature by ${label}, which was named as a cosigner`,
            path: CHECKPOINT,
          });
        } else {
          const line = isTlogError(error) ? error.line : undefined;
          this.findings.add({
            code: 'cosignature_invalid',
            message: `${CHECKPOINT}${line === undefined ? '' : ` line ${line}`}: the cosignature by ${label} does not verify: it is forged, or the checkpoint was altered after cosigning (${describe(error)})`,
            path: CHECKPOINT,
            ...(line === undefined ? {} : { line }),
          });
        }
      }
    }
    const reports: CosignatureReport[] = [];
    const seen = new Set([keys.label]);
    for (const signature of parseNote(note).signatures) {
      const label = keyLabel(signature.name, signature.keyId);
      if (seen.has(label)) continue;
      seen.add(label);
      const timestamp = verified.get(label);
      reports.push({
        name: signature.name,
        keyId: keyIdHex(signature.keyId),
        verified: verified.has(label),
        ...(timestamp === undefined ? {} : { timestamp }),
      });
    }
    return reports;
  }

  // -------------------------------------------------------------------------------------------
  // Remembered checkpoint, root, consistency

  /** The remembered checkpoint, when it opens, is of this log and not larger; else undefined (reported). */
  private openRemembered(keys: Keys, current: Checkpoint): Checkpoint | undefined {
    if (this.options.remembered === undefined) return undefined;
    let remembered: Checkpoint;
    try {
      remembered = openCheckpoint(this.options.remembered, { log: keys.log }).checkpoint;
    } catch (error) {
      this.findings.add({
        code: 'remembered_invalid',
        message: `the remembered checkpoint does not open with the log key ${keys.label}: ${describe(error)}`,
      });
      return undefined;
    }
    const root = toBase64(remembered.rootHash);
    if (remembered.origin !== current.origin) {
      this.report.remembered = { size: remembered.size, root, consistent: null };
      this.findings.add({
        code: 'remembered_origin',
        message: `the remembered checkpoint is of origin ${quote(remembered.origin)}, the log's is ${quote(current.origin)}: they are not of the same log`,
        expected: remembered.origin,
        actual: current.origin,
      });
      return undefined;
    }
    if (remembered.size > current.size) {
      this.report.remembered = { size: remembered.size, root, consistent: false };
      this.findings.add({
        code: 'remembered_larger',
        message:
          `the log's checkpoint is of size ${current.size} (root ${toBase64(current.rootHash)}), smaller than the remembered checkpoint ` +
          `of size ${remembered.size} (root ${root}) signed by the same key: the log rolled back, or this is a stale copy, ` +
          `or the log shows different views to different readers; keep both checkpoints`,
        expected: `size ≥ ${remembered.size}`,
        actual: `size ${current.size}`,
      });
      return undefined;
    }
    return remembered;
  }

  /** Recomputes the root from the tiles and compares it with the checkpoint's. */
  private async checkRoot(checkpoint: Checkpoint, remembered: Checkpoint | undefined): Promise<boolean> {
    const { size, rootHash } = checkpoint;
    const oldSize = remembered !== undefined && remembered.size > 0 && remembered.size < size ? remembered.size : 0;
    for (const path of await tilesNeeded(size, oldSize)) this.early.set(path, this.load(path));
    let computed: Uint8Array;
    try {
      computed = await rootFromTiles(this.fromEarly, size);
    } catch (error) {
      this.findings.add({
        code: 'root_unchecked',
        message: `the root of the tree of size ${size} could not be recomputed from the tiles: ${describe(error)}`,
      });
      return false;
    }
    if (bytesEqual(computed, rootHash)) return true;
    this.findings.add({
      code: 'root_mismatch',
      message: `the root recomputed from the tiles, ${toBase64(computed)}, is not the checkpoint's root ${toBase64(rootHash)} (size ${size}): the tiles served are not the tree the log signed`,
      expected: toBase64(rootHash),
      actual: toBase64(computed),
    });
    return false;
  }

  private async checkConsistency(remembered: Checkpoint, current: Checkpoint, rootOk: boolean): Promise<void> {
    const [m, n] = [remembered.size, current.size];
    const [before, now] = [toBase64(remembered.rootHash), toBase64(current.rootHash)];
    let consistent: boolean | null = null;
    let why = '';
    if (m === 0) {
      consistent = bytesEqual(remembered.rootHash, EMPTY_ROOT);
      why = `the remembered checkpoint is of the empty tree, whose root is ${toBase64(EMPTY_ROOT)}`;
    } else if (m === n) {
      consistent = bytesEqual(remembered.rootHash, current.rootHash);
      why = 'both are of the same size, so their roots must be equal';
    } else if (rootOk) {
      try {
        const proof = await consistencyProofFromTiles(this.fromEarly, m, n);
        const result = verifyConsistency(m, n, remembered.rootHash, current.rootHash, proof);
        consistent = result.ok;
        if (!result.ok) {
          why = `the tree of size ${n}, as its tiles show, does not begin with the remembered tree (RFC 9162 consistency proof: ${result.reason})`;
        }
      } catch (error) {
        why = describe(error);
      }
    } else {
      why = 'the tiles do not give the checkpoint’s root, so they cannot show how the remembered tree grew into it';
    }
    this.report.remembered = { size: m, root: before, consistent };
    if (consistent === null) {
      this.findings.add({
        code: 'consistency_unchecked',
        message: `consistency with the remembered checkpoint (size ${m}, root ${before}) could not be checked: ${why}`,
      });
    } else if (!consistent) {
      this.findings.add({
        code: 'inconsistent_with_remembered',
        message:
          `FORK: the log signed two trees that cannot both be true. Remembered: size ${m}, root ${before}. ` +
          `Now: size ${n}, root ${now}. ${capitalise(why)}. Keep both checkpoints: together they prove that the ` +
          `log showed different histories (a split view).`,
        expected: `size ${m}, root ${before}`,
        actual: `size ${n}, root ${now}`,
      });
    }
  }

  /** Serves the tiles fetched early to the @plenum/log functions, which throw on a missing one. */
  private readonly fromEarly: FetchTile = async (path) => {
    const fetched = await (this.early.get(path) ?? this.load(path));
    if (fetched.kind === 'ok') return fetched.data;
    throw new Error(
      fetched.kind === 'missing' ? `${path} is not served` : `${path} could not be fetched: ${fetched.reason}`,
    );
  };

  // -------------------------------------------------------------------------------------------
  // Every tile and entry bundle

  private async sweep(size: number, total: number): Promise<void> {
    let done = 1;
    const window = positive(this.options.concurrency, DEFAULT_CONCURRENCY);
    for await (const [job, [tile, bundle]] of inOrder(jobs(size), window, (job) => this.loadJob(job))) {
      if (this.findings.full) {
        this.findings.stopped = true;
        break;
      }
      if (job.kind === 'leaves') {
        this.checkLeaves(job, tile, bundle ?? { kind: 'missing' });
        done += 2;
      } else {
        this.checkTile(job.tile, job.tilePath, tile);
        done += 1;
      }
      this.progress(done, total);
    }
    if (this.findings.stopped) {
      this.findings.force({
        code: 'too_many_problems',
        message: `stopped after ${this.findings.list.length} problems: ${done} of ${total} files were checked, the rest were not`,
      });
    }
  }

  private loadJob(job: Job): Promise<Loaded> {
    const tile = this.take(job.tilePath);
    if (job.kind === 'tile') return tile.then((t) => [t, undefined] as const);
    return Promise.all([tile, this.take(job.bundlePath)]);
  }

  private take(path: string): Promise<Fetched> {
    const early = this.early.get(path);
    if (early === undefined) return this.load(path);
    this.early.delete(path);
    return early;
  }

  /** A level-0 tile and its entry bundle: each entry's leaf hash must be the tile's hash at its index. */
  private checkLeaves(job: Job & { kind: 'leaves' }, tileFetched: Fetched, bundleFetched: Fetched): void {
    const { tile, bundle, tilePath: tPath, bundlePath: bPath } = job;
    const hashes = this.tileHashes(tile, tPath, tileFetched);
    const entries = this.bundleEntries(bundle, bPath, bundleFetched);
    if (entries === undefined) return;
    const mismatches: { index: number; position: number; offset: number; leaf: Uint8Array; held: Uint8Array }[] = [];
    const checked: Problem[] = [];
    let offset = 0;
    for (const [position, entry] of entries.entries()) {
      const index = bundle.index * TILE_WIDTH + position;
      const held = hashes?.[position];
      if (held !== undefined) {
        const leaf = hashLeaf(entry);
        if (!bytesEqual(leaf, held)) mismatches.push({ index, position, offset, leaf, held });
      }
      checked.push(...this.runChecker(entry, index, bPath, offset));
      offset += 2 + entry.length;
    }
    this.report.checked.entries += entries.length;
    const first = mismatches[0];
    if (first !== undefined) {
      const all = mismatches.length === entries.length && entries.length > 1;
      const summary =
        mismatches.length === 1
          ? ''
          : `; in all, ${mismatches.length} of the ${entries.length} entries of ${bPath} do not match ${tPath} ` +
            `(entries ${listed(mismatches.map((m) => m.index))})` +
            (all ? ': the tile and the bundle are of different entries (swapped, reordered or replaced files)' : '');
      this.findings.add({
        code: 'entry_hash_mismatch',
        message:
          `entry ${first.index}: ${tPath} holds ${toHex(first.held)} at byte offset ${first.position * HASH_SIZE} ` +
          `(hash ${first.position}), but the entry in ${bPath} (at byte offset ${first.offset}) has leaf hash ` +
          `${toHex(first.leaf)}${summary}`,
        path: tPath,
        index: first.index,
        offset: first.position * HASH_SIZE,
        expected: toHex(first.leaf),
        actual: toHex(first.held),
      });
    }
    for (const problem of checked) this.findings.add(problem);
  }

  /** A tile of level ≥ 1: each hash must be the root of the full tile below it. */
  private checkTile(tile: TileCoord, path: string, fetched: Fetched): void {
    const hashes = this.tileHashes(tile, path, fetched);
    if (hashes === undefined) return;
    if (tile.level >= 2) this.fullTileRoots[tile.level - 2] = []; // no longer needed
    const below = this.fullTileRoots[tile.level - 1] ?? [];
    const mismatches: { position: number; expected: Uint8Array; actual: Uint8Array }[] = [];
    for (const [position, actual] of hashes.entries()) {
      const expected = below[tile.index * TILE_WIDTH + position];
      if (expected !== undefined && !bytesEqual(expected, actual)) mismatches.push({ position, expected, actual });
    }
    const first = mismatches[0];
    if (first === undefined) return;
    const belowPath = tilePath({
      level: tile.level - 1,
      index: tile.index * TILE_WIDTH + first.position,
      width: TILE_WIDTH,
    });
    const summary =
      mismatches.length === 1
        ? ''
        : `; in all, ${mismatches.length} of the ${hashes.length} hashes of ${path} disagree with the tiles below ` +
          `(hashes ${listed(mismatches.map((m) => m.position))})`;
    this.findings.add({
      code: 'tile_mismatch',
      message:
        `${path}: hash ${first.position} (byte offset ${first.position * HASH_SIZE}) is ${toHex(first.actual)}, but the ` +
        `full tile below it, ${belowPath}, hashes to ${toHex(first.expected)}: one of the two files is wrong${summary}`,
      path,
      offset: first.position * HASH_SIZE,
      expected: toHex(first.expected),
      actual: toHex(first.actual),
    });
  }

  /** The hashes of a tile as served, or undefined (reported) when it is missing or of the wrong size. */
  private tileHashes(tile: TileCoord, path: string, fetched: Fetched): Uint8Array[] | undefined {
    this.report.checked.tiles += 1;
    if (fetched.kind !== 'ok') {
      this.fetchProblem(path, fetched, 'tile_missing', 'not served, but the checkpoint’s tree has this tile');
      return undefined;
    }
    const { data } = fetched;
    const expected = tile.width * HASH_SIZE;
    if (data.length !== expected) {
      const short = data.length < expected;
      this.findings.add({
        code: short ? 'tile_truncated' : 'tile_too_long',
        message: short
          ? `${path}: truncated: ${data.length} bytes, expected ${expected} (${tile.width} hashes of ${HASH_SIZE} bytes); the data ends at byte ${data.length}`
          : `${path}: too long: ${data.length} bytes, expected ${expected} (${tile.width} hashes of ${HASH_SIZE} bytes); extra bytes from byte ${expected}`,
        path,
        offset: short ? data.length : expected,
        expected: `${expected} bytes`,
        actual: `${data.length} bytes`,
      });
      return undefined;
    }
    const hashes: Uint8Array[] = [];
    for (let i = 0; i < tile.width; i += 1) hashes.push(data.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE));
    if (tile.width === TILE_WIDTH) {
      const roots = (this.fullTileRoots[tile.level] ??= []);
      roots[tile.index] = subtreeRoot(hashes);
    }
    return hashes;
  }

  /** The entries of a bundle, or undefined (reported) when it is missing or malformed. */
  private bundleEntries(bundle: EntryBundleCoord, path: string, fetched: Fetched): Uint8Array[] | undefined {
    this.report.checked.bundles += 1;
    if (fetched.kind !== 'ok') {
      this.fetchProblem(path, fetched, 'bundle_missing', 'not served, but the checkpoint’s tree has this entry bundle');
      return undefined;
    }
    try {
      return decodeEntryBundle(fetched.data, bundle.width);
    } catch (error) {
      const offset = isPlenumError(error) ? error.params['offset'] : undefined;
      const entry = isPlenumError(error) ? error.params['entry'] : undefined;
      this.findings.add({
        code: 'bundle_malformed',
        message: `${path}: ${describe(error)} (a bundle of ${bundle.width} entries, ${fetched.data.length} bytes)`,
        path,
        ...(typeof offset === 'number' ? { offset } : {}),
        ...(typeof entry === 'number' && entry < bundle.width ? { index: bundle.index * TILE_WIDTH + entry } : {}),
      });
      return undefined;
    }
  }

  private runChecker(entry: Uint8Array, index: number, path: string, offset: number): Problem[] {
    const where = `(${path}, entry at byte offset ${offset})`;
    let found: unknown;
    try {
      found = this.checkEntry(entry, index);
    } catch (error) {
      found = error instanceof Error ? error : new Error('the entry checker threw');
    }
    if (!Array.isArray(found)) {
      const why = found instanceof Error ? found.message : 'it returned no list of problems';
      return [
        {
          code: 'entry_check_failed',
          message: `entry ${index} ${where}: the entry checker failed: ${why}`,
          path,
          index,
          offset,
        },
      ];
    }
    return (found as readonly Problem[]).map((problem) => ({
      ...problem,
      message: `${problem.message} ${where}`,
      path: problem.path ?? path,
      index: problem.index ?? index,
      offset: problem.offset ?? offset,
    }));
  }

  // -------------------------------------------------------------------------------------------
  // Fetching and reporting

  private load(path: string): Promise<Fetched> {
    return load(this.options.fetch, path);
  }

  private fetchProblem(
    path: string,
    fetched: Fetched & { kind: 'missing' | 'failed' },
    missingCode: 'checkpoint_missing' | 'tile_missing' | 'bundle_missing',
    missing: string,
  ): void {
    this.findings.add(
      fetched.kind === 'missing'
        ? { code: missingCode, message: `${path}: ${missing}`, path }
        : { code: 'fetch_failed', message: `${path}: could not be fetched: ${fetched.reason}`, path },
    );
  }

  private progress(done: number, total: number): void {
    try {
      this.options.onProgress?.(done, total);
    } catch {
      // The caller's display failed; that says nothing about the record.
    }
  }
}

async function load(fetch: FetchRecordFile, path: string): Promise<Fetched> {
  try {
    const data: unknown = await fetch(path);
    if (data === undefined) return { kind: 'missing' };
    if (!(data instanceof Uint8Array)) return { kind: 'failed', reason: 'the fetch function returned no bytes' };
    return { kind: 'ok', data };
  } catch (error) {
    return { kind: 'failed', reason: describe(error) };
  }
}

function checkpointProblem(error: unknown, label: string): Problem {
  const line = isTlogError(error) ? error.line : undefined;
  const where = `${CHECKPOINT}${line === undefined ? '' : ` line ${line}`}`;
  const at = { path: CHECKPOINT, ...(line === undefined ? {} : { line }) };
  if (isTlogError(error) && error.reason === 'invalid_signature') {
    return {
      code: 'checkpoint_signature',
      message: `${where}: the signature by the log key ${label} does not verify: the checkpoint was altered, or not signed by this log (${error.message})`,
      ...at,
    };
  }
  if (isTlogError(error) && (error.reason === 'unverified_note' || error.reason === 'missing_log_signature')) {
    return {
      code: 'checkpoint_unsigned',
      message: `${where}: no signature by the log key ${label} (${error.message})`,
      ...at,
    };
  }
  return { code: 'checkpoint_malformed', message: `${where}: ${describe(error)}`, ...at };
}

// ---------------------------------------------------------------------------------------------
// The tree's files

/** Every tile, level by level, level-0 tiles paired with their entry bundles (lazily: a tree may be large). */
function* jobs(size: number): Generator<Job> {
  const bundles = entryBundlesForSize(size);
  for (const tile of tilesForSize(size)) {
    if (tile.level > 0) {
      yield { kind: 'tile', tile, tilePath: tilePath(tile) };
      continue;
    }
    const next = bundles.next();
    const bundle = next.done === true ? { index: tile.index, width: tile.width } : next.value;
    yield { kind: 'leaves', tile, bundle, tilePath: tilePath(tile), bundlePath: entryBundlePath(bundle) };
  }
}

/** How many tiles a tree of `size` entries has (tlog-tiles: full ones and one partial per level). */
function tileCount(size: number): number {
  let count = 0;
  for (let span = 1; span <= size; span *= TILE_WIDTH) count += Math.ceil(Math.floor(size / span) / TILE_WIDTH);
  return count;
}

function bundleCount(size: number): number {
  return Math.ceil(size / TILE_WIDTH);
}

/**
 * The tiles that computing the root (and the consistency proof from `oldSize`, when not 0)
 * reads: found by running those computations over blank tiles and noting what they ask for.
 */
async function tilesNeeded(size: number, oldSize: number): Promise<string[]> {
  const paths = new Set<string>();
  const blank: FetchTile = (path) => {
    paths.add(path);
    return new Uint8Array(parseTilePath(path).width * HASH_SIZE);
  };
  await rootFromTiles(blank, size);
  if (oldSize > 0) await consistencyProofFromTiles(blank, oldSize, size);
  return [...paths];
}

/** RFC 9162 MTH of a power-of-two number of hashes: a full tile's root. */
function subtreeRoot(hashes: readonly Uint8Array[]): Uint8Array {
  let layer = [...hashes];
  while (layer.length > 1) {
    const next: Uint8Array[] = [];
    for (let i = 0; i + 1 < layer.length; i += 2) {
      const [left, right] = [layer[i], layer[i + 1]];
      if (left !== undefined && right !== undefined) next.push(hashChildren(left, right));
    }
    layer = next;
  }
  return layer[0] ?? EMPTY_ROOT;
}

/**
 * Yields each item with what `load` gave for it, in order, loading up to `window` items ahead.
 * `load` must not reject (results are values), so abandoning the iteration leaves nothing unhandled.
 */
async function* inOrder<T, R>(
  items: Iterator<T>,
  window: number,
  load: (item: T) => Promise<R>,
): AsyncGenerator<readonly [T, R]> {
  const queue: (readonly [T, Promise<R>])[] = [];
  let exhausted = false;
  const fill = (): void => {
    while (!exhausted && queue.length < window) {
      const next = items.next();
      if (next.done === true) exhausted = true;
      else queue.push([next.value, load(next.value)]);
    }
  };
  fill();
  for (let head = queue.shift(); head !== undefined; head = queue.shift()) {
    const result = await head[1];
    fill();
    yield [head[0], result];
  }
}

// ---------------------------------------------------------------------------------------------
// Small helpers

function keyIdHex(keyId: number): string {
  return keyId.toString(16).padStart(8, '0');
}

function keyLabel(name: string, keyId: number): string {
  return `${name}+${keyIdHex(keyId)}`;
}

function positive(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isSafeInteger(value) && value > 0 ? value : fallback;
}

function listed(values: readonly number[]): string {
  const shown = values.slice(0, LISTED).join(', ');
  return values.length > LISTED ? `${shown}, …` : shown;
}

function quote(text: string): string {
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : 'unknown error';
}
