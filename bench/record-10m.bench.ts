// The public record at ten million entries, read from a real SQLite store: inclusion proofs and
// consistency checks through the storage port, as the app and the server make them. Issue 3 asks
// for an inclusion proof from a 10,000,000-leaf log in ≤ 1 ms and a consistency check from a
// member's last checkpoint in ≤ 10 ms; bench/merkle.bench.ts measures the same proofs against an
// in-memory reader, this file against the database.
//
// The store is built once and cached in os.tmpdir() (see CACHE_DIR): a data directory prepared
// with prepareDataDir and opened with openSqliteStorage, so that Plenum's own migrations create
// the schema; then `log_hashes` is filled with better-sqlite3 directly (transactions of a million
// leaves, prepared multi-row inserts, journal and fsync off for the build only). The entries are
// synthetic member admissions in canonical JSON; their leaf and interior hashes are computed
// with node:crypto, after proving at start-up that it gives exactly @plenum/log's hashLeaf and
// hashChildren and that the builder emits exactly what hashesToStore stores, index by index.
// Only `log_hashes` is filled: readStoredHashes reads nothing else, so the events table stays
// empty (and the tile case below builds tiles as the server does, without its check of the
// size against eventCount). The cache is rebuilt when missing, when the schema version of the
// storage adapter changes, or when BUILD_FORMAT is bumped.
//
// The root and the old roots members remember are computed during the build from the builder's
// own right edge, independently of the database, and kept next to it; every proof measured here
// is verified against them, so a store that returned wrong hashes would fail, not just be slow.
import { spawnSync } from 'node:child_process';
import { hash as sha256Of } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  readFileSync,
  readSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import SqliteDatabase from 'better-sqlite3';
import { readStored, type StoragePort } from '@plenum/app';
import { bytesEqual, canonicalJson, concatBytes, fromHex, toHex, utf8 } from '@plenum/kernel';
import {
  TILE_HEIGHT,
  TILE_WIDTH,
  consistencyProof,
  consistencyProofFromTiles,
  consistencyProofIndexes,
  hashChildren,
  hashLeaf,
  hashReaderFromMap,
  hashesToStore,
  inclusionProof,
  inclusionProofFromTiles,
  inclusionProofIndexes,
  parseTilePath,
  rootOf,
  storedHashCount,
  storedHashIndex,
  treeRoot,
  treeRootIndexes,
  verifyConsistency,
  verifyInclusion,
  type FetchTile,
} from '@plenum/log';
import type { DomainEvent } from '@plenum/domain';
import { openSqliteStorage, prepareDataDir } from '@plenum/storage-sqlite';

const SIZE = 10_000_000;
/** Bump when the synthetic entries, the sample of old sizes or the way the store is built change. */
const BUILD_FORMAT = 2;
const CACHE_DIR = join(tmpdir(), `plenum-bench-record-10m-v${BUILD_FORMAT}`);
const META_FILE = 'bench-record.json';
/** Random proofs measured per case, after as many to warm up. */
const SAMPLES = 2_000;
/** Proofs measured right after opening the store (cold-ish). */
const FIRST = 200;
/** "A member who looked yesterday": the last checkpoint they saw is this many entries old. */
const YESTERDAY = 1_000;

// ---------------------------------------------------------------------------------------------
// Synthetic entries and deterministic sampling.

const GIVEN = ['Ana', 'João', 'Maria', 'Chidi', 'Aiko', 'Lena', 'Omar', 'Priya'] as const;
const FAMILY = ['Silva', 'Okafor', 'Müller', 'Tanaka', 'Santos', 'Nkosi', 'Haddad', 'Kaur'] as const;
const UNITS = ['br-recife', 'br-sao-paulo', 'de-berlin', 'de-hamburg', 'za-durban', 'za-soweto'] as const;
const pick = <T>(list: readonly T[], i: number): T => list[i % list.length] as T;

/** The day member m<i+1>'s membership began, before the founding: the founders' roll keeps it. */
function since(i: number): string {
  return `20${10 + (i % 15)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
}
/** The day the founders registered the roll. */
const FOUNDED_ON = '2026-01-10';

/** Leaf i of the log: the admission of member m<i+1> (its shape does not change what a proof costs). */
function eventOf(i: number): DomainEvent {
  return {
    type: 'membership.admitted',
    member: {
      id: `m${i + 1}`,
      givenName: pick(GIVEN, i),
      familyName: pick(FAMILY, Math.floor(i / 8)),
      unitId: pick(UNITS, Math.floor(i / 64)),
    },
    applicationId: null,
    on: FOUNDED_ON,
    since: since(i),
    vote: null,
  };
}

/** The same entry's canonical JSON, written out for speed (checked against canonicalJson below). */
function entryOf(i: number): string {
  return (
    `{"applicationId":null,"member":{"familyName":${JSON.stringify(pick(FAMILY, Math.floor(i / 8)))},` +
    `"givenName":${JSON.stringify(pick(GIVEN, i))},"id":"m${i + 1}","unitId":"${pick(UNITS, Math.floor(i / 64))}"},` +
    `"on":"${FOUNDED_ON}","since":"${since(i)}","type":"membership.admitted","vote":null}`
  );
}

/** xorshift32: reproducible "random" numbers in [0, n). */
function random(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return Math.floor(((state >>> 0) / 2 ** 32) * n);
  };
}

/** The old sizes random members come from, in [1, SIZE): fixed by the seed, so the cache keeps their roots. */
const oldSizes = ((): number[] => {
  const below = random(0x9e3779b9);
  return Array.from({ length: 2 * SAMPLES + 2 * FIRST }, () => 1 + below(SIZE - 1));
})();
const yesterday = SIZE - YESTERDAY;

// ---------------------------------------------------------------------------------------------
// The builder's hashing (node:crypto), proved equal to @plenum/log's before use.

/** SHA-256(0x00 || text as UTF-8). */
function fastLeaf(text: string): Buffer {
  const input = Buffer.allocUnsafe(1 + Buffer.byteLength(text));
  input[0] = 0x00;
  input.write(text, 1, 'utf8');
  return sha256Of('sha256', input, 'buffer');
}

const scratch = Buffer.alloc(65);
/** SHA-256(0x01 || left || right). */
function fastChildren(left: Uint8Array, right: Uint8Array): Buffer {
  scratch[0] = 0x01;
  scratch.set(left, 1);
  scratch.set(right, 33);
  return sha256Of('sha256', scratch, 'buffer');
}

function check(condition: boolean, what: string): void {
  if (!condition) throw new Error(`record-10m bench: ${what}`);
}

function proveBuilderMatchesLog(): void {
  for (const i of [0, 1, 7, 63, 64, 4_095, 1_234_567, SIZE - 1]) {
    check(entryOf(i) === canonicalJson(eventOf(i)), `entry ${i} is not the canonical JSON of its event`);
    check(bytesEqual(fastLeaf(entryOf(i)), hashLeaf(utf8(entryOf(i)))), `leaf hash of entry ${i} differs`);
  }
  for (const text of ['', 'x', 'é—ü'.repeat(300)]) {
    check(bytesEqual(fastLeaf(text), hashLeaf(utf8(text))), 'node:crypto leaf hash differs from hashLeaf');
  }
  const a = hashLeaf(utf8('left'));
  const b = hashLeaf(utf8('right'));
  check(bytesEqual(fastChildren(a, b), hashChildren(a, b)), 'node:crypto interior hash differs from hashChildren');
  check(bytesEqual(fastChildren(b, a), hashChildren(b, a)), 'node:crypto interior hash differs from hashChildren');
}

/** RFC 9162 root of the tree whose complete subtrees (largest first) are on `edge`: fold from the right. */
function foldEdge(edge: readonly Uint8Array[]): Uint8Array {
  let root = edge[edge.length - 1];
  if (root === undefined) throw new Error('empty tree');
  for (let i = edge.length - 2; i >= 0; i -= 1) root = fastChildren(edge[i]!, root);
  return root;
}

// ---------------------------------------------------------------------------------------------
// The cached store.

interface Meta {
  readonly format: number;
  readonly size: number;
  readonly schemaVersion: number;
  readonly storedHashes: number;
  readonly root: string;
  /** Roots at the old sizes members remember, computed by the builder, hex by size. */
  readonly oldRoots: Readonly<Record<string, string>>;
  readonly buildSeconds: number;
  readonly builtAt: string;
}

async function currentSchemaVersion(): Promise<number> {
  const probe = await openSqliteStorage(':memory:');
  try {
    return await probe.schemaVersion();
  } finally {
    await probe.close();
  }
}

function readMeta(path: string): Meta | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Meta;
  } catch {
    return undefined;
  }
}

/** Why the cached store cannot be used, or undefined when it can. */
function staleness(file: string, meta: Meta | undefined, schemaVersion: number): string | undefined {
  if (meta === undefined || !existsSync(file)) return 'no cached store';
  if (meta.format !== BUILD_FORMAT || meta.size !== SIZE) return 'cached store has another build format';
  if (meta.schemaVersion !== schemaVersion) {
    return `cached store has schema version ${meta.schemaVersion}, the adapter ${schemaVersion}`;
  }
  try {
    const raw = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
    try {
      const applied = raw.prepare<[], { n: number }>('SELECT count(*) AS n FROM kysely_migration').get()?.n;
      const last = raw.prepare<[], { m: number | null }>('SELECT max(idx) AS m FROM log_hashes').get()?.m;
      if (applied !== schemaVersion) {
        return `cached database has ${String(applied)} migrations, the adapter ${schemaVersion}`;
      }
      if (last !== meta.storedHashes - 1) return 'cached database is incomplete';
    } finally {
      raw.close();
    }
  } catch (error) {
    return `cached database cannot be read (${error instanceof Error ? error.message : String(error)})`;
  }
  return undefined;
}

async function build(file: string, metaPath: string, schemaVersion: number): Promise<Meta> {
  for (const path of [metaPath, file, `${file}-wal`, `${file}-shm`]) rmSync(path, { force: true });
  const start = performance.now();
  // Plenum's own adapter creates the schema.
  const storage = await openSqliteStorage(file);
  check((await storage.schemaVersion()) === schemaVersion, 'new store is not at the current schema version');
  check((await storage.eventCount()) === 0, 'new store is not empty');
  await storage.close();

  const raw = new SqliteDatabase(file);
  raw.pragma('journal_mode = OFF'); // build only: a crash leaves no meta file, and the next run rebuilds
  raw.pragma('synchronous = OFF');
  raw.pragma('cache_size = -262144');
  const insertOne = raw.prepare<[number, Buffer]>('INSERT INTO log_hashes (idx, hash) VALUES (?, ?)');
  const ROWS = 100;
  const insertMany = raw.prepare<(number | Buffer)[]>(
    `INSERT INTO log_hashes (idx, hash) VALUES ${Array.from({ length: ROWS }, () => '(?, ?)').join(', ')}`,
  );
  const pending: (number | Buffer)[] = [];
  const flush = (): void => {
    for (let i = 0; i < pending.length; i += 2) insertOne.run(pending[i] as number, pending[i + 1] as Buffer);
    pending.length = 0;
  };
  const wanted = new Set([...oldSizes, yesterday]);
  const oldRoots: Record<string, string> = {};
  const edge: Buffer[] = []; // roots of the complete subtrees of the tree so far, largest first
  // @plenum/log's own append (hashesToStore) over the first leaves, compared hash by hash.
  const CROSS_CHECK = 4_096;
  const logStored = new Map<number, Uint8Array>();
  const leafHashes: Uint8Array[] = [];
  let idx = 0;
  const CHUNK = 1_000_000;
  for (let from = 0; from < SIZE; from += CHUNK) {
    raw.transaction(() => {
      for (let n = from; n < Math.min(SIZE, from + CHUNK); n += 1) {
        const leaf = fastLeaf(entryOf(n));
        const emitted = [leaf];
        let hash = leaf;
        for (let x = n; x % 2 === 1; x = Math.floor(x / 2)) {
          hash = fastChildren(edge.pop()!, hash);
          emitted.push(hash);
        }
        edge.push(hash);
        if (n < CROSS_CHECK) {
          check(idx === storedHashIndex(0, n), `leaf ${n} is stored at ${idx}, not at storedHashIndex`);
          const expected = hashesToStore(n, hashLeaf(utf8(entryOf(n))), hashReaderFromMap(logStored));
          check(
            expected.length === emitted.length,
            `leaf ${n} stores ${emitted.length} hashes, not ${expected.length}`,
          );
          expected.forEach((h, k) => {
            check(bytesEqual(h, emitted[k]!), `stored hash ${idx + k} differs from hashesToStore`);
            logStored.set(idx + k, h);
          });
          leafHashes.push(leaf);
          if ([1, 2, 3, 5, 1_000, 4_095, 4_096].includes(n + 1)) {
            check(bytesEqual(foldEdge(edge), rootOf(leafHashes)), `root at size ${n + 1} differs from rootOf`);
          }
        }
        for (const h of emitted) {
          pending.push(idx, h);
          idx += 1;
          if (pending.length === 2 * ROWS) {
            insertMany.run(...pending);
            pending.length = 0;
          }
        }
        if (wanted.has(n + 1)) oldRoots[String(n + 1)] = toHex(foldEdge(edge));
      }
      flush();
    })();
    process.stderr.write(`  built ${Math.min(SIZE, from + CHUNK).toLocaleString('en')} leaves\n`);
  }
  check(idx === storedHashCount(SIZE), `stored ${idx} hashes, storedHashCount says ${storedHashCount(SIZE)}`);
  raw.pragma('journal_mode = WAL'); // as Plenum keeps it
  raw.close();
  const fd = openSync(file, 'r+');
  fsyncSync(fd);
  closeSync(fd);
  const meta: Meta = {
    format: BUILD_FORMAT,
    size: SIZE,
    schemaVersion,
    storedHashes: idx,
    root: toHex(foldEdge(edge)),
    oldRoots,
    buildSeconds: (performance.now() - start) / 1000,
    builtAt: new Date().toISOString(),
  };
  writeFileSync(metaPath, `${JSON.stringify(meta)}\n`);
  return meta;
}

// ---------------------------------------------------------------------------------------------
// Page cache control (Linux; only ever for this benchmark's own file).

/** Bytes of `file` in the OS page cache, if util-linux fincore is there to tell. */
function resident(file: string): number | undefined {
  const out = spawnSync('fincore', ['--bytes', '--noheadings', '--output', 'RES', file], { encoding: 'utf8' });
  const bytes = out.status === 0 ? Number(out.stdout.trim()) : Number.NaN;
  return Number.isFinite(bytes) ? bytes : undefined;
}

/** Asks the kernel to drop `file` from the page cache (GNU dd iflag=nocache, count=0). */
function evict(file: string): boolean {
  return spawnSync('dd', [`if=${file}`, 'iflag=nocache', 'count=0', 'status=none']).status === 0;
}

/** Reads the whole file once, so that the OS page cache holds it. */
function warmFile(file: string): void {
  const fd = openSync(file, 'r');
  const buffer = Buffer.alloc(1 << 22);
  while (readSync(fd, buffer, 0, buffer.length, null) > 0);
  closeSync(fd);
}

// ---------------------------------------------------------------------------------------------
// Measurements.

interface Sample {
  readonly total: number;
  readonly read: number;
}

async function inclusionOnce(storage: StoragePort, leaf: number, entry: Uint8Array, root: Uint8Array): Promise<Sample> {
  const start = performance.now();
  const indexes = inclusionProofIndexes(leaf, SIZE);
  const hashes = await storage.readStoredHashes(indexes);
  const read = performance.now() - start;
  const proof = inclusionProof(leaf, SIZE, () => hashes);
  const result = verifyInclusion(leaf, SIZE, hashLeaf(entry), proof, root);
  const total = performance.now() - start;
  if (!result.ok) throw new Error(`inclusion of leaf ${leaf}: ${result.reason}`);
  return { total, read };
}

async function consistencyOnce(
  storage: StoragePort,
  size1: number,
  root1: Uint8Array,
  root: Uint8Array,
): Promise<Sample> {
  const start = performance.now();
  const indexes = consistencyProofIndexes(size1, SIZE);
  const hashes = await storage.readStoredHashes(indexes);
  const read = performance.now() - start;
  const proof = consistencyProof(size1, SIZE, () => hashes);
  const result = verifyConsistency(size1, SIZE, root1, root, proof);
  const total = performance.now() - start;
  if (!result.ok) throw new Error(`consistency from ${size1}: ${result.reason}`);
  return { total, read };
}

/** The hash tiles as the server's GET /log/tile/<L>/<N> builds them (packages/server/src/log-routes.ts). */
function tileFetcher(storage: StoragePort): FetchTile {
  return async (path) => {
    const tile = parseTilePath(path);
    if (tile.kind !== 'tile') throw new Error(`${path} is not a hash tile`);
    const indexes = Array.from({ length: tile.width }, (_, i) =>
      storedHashIndex(tile.level * TILE_HEIGHT, tile.index * TILE_WIDTH + i),
    );
    return concatBytes(...(await storage.readStoredHashes(indexes)));
  };
}

async function sample(count: number, run: (i: number) => Promise<Sample>): Promise<Sample[]> {
  const out: Sample[] = [];
  for (let i = 0; i < count; i += 1) out.push(await run(i));
  return out;
}

const ms = (value: number): string => `${value < 10 ? value.toFixed(3) : value.toFixed(1)} ms`;

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}

function row(label: string, samples: readonly Sample[], target: string, part: 'total' | 'read' = 'total'): void {
  const times = samples.map((s) => s[part]).sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  console.log(
    `| ${label} | ${times.length.toLocaleString('en')} | ${ms(mean)} | ${ms(quantile(times, 0.5))} | ` +
      `${ms(quantile(times, 0.99))} | ${ms(times[times.length - 1] ?? Number.NaN)} | ${target} |`,
  );
}

// ---------------------------------------------------------------------------------------------

proveBuilderMatchesLog();
const loadBefore = loadavg()[0] ?? Number.NaN;
const file = prepareDataDir(CACHE_DIR);
const metaPath = join(CACHE_DIR, META_FILE);
const schemaVersion = await currentSchemaVersion();
const why = staleness(file, readMeta(metaPath), schemaVersion);
let meta: Meta;
if (why === undefined) {
  meta = readMeta(metaPath)!;
  console.error(`record-10m: using the cached store ${file}`);
} else {
  console.error(`record-10m: ${why}; building ${SIZE.toLocaleString('en')} leaves in ${file}`);
  meta = await build(file, metaPath, schemaVersion);
}
const fileBytes = statSync(file).size;
const root = fromHex(meta.root);
const rootOfSize = (size: number): Uint8Array => {
  const hex = meta.oldRoots[String(size)];
  if (hex === undefined) throw new Error(`no remembered root for size ${size}`);
  return fromHex(hex);
};

const pick2 = random(0x2545f491);
const leaves = (count: number): number[] => Array.from({ length: count }, () => pick2(SIZE));
const entries = new Map<number, Uint8Array>();
const entry = (leaf: number): Uint8Array => {
  let bytes = entries.get(leaf);
  if (bytes === undefined) entries.set(leaf, (bytes = utf8(entryOf(leaf))));
  return bytes;
};

const evictions: (number | undefined)[] = [];
/** Opens a new connection, with the file first dropped from the OS page cache (cold) or read into it. */
async function afterOpening(cold: boolean, run: (storage: StoragePort) => Promise<Sample[]>): Promise<Sample[]> {
  if (cold) evictions.push(evict(file) ? resident(file) : undefined);
  else warmFile(file);
  const fresh = await openSqliteStorage(file);
  try {
    return await run(fresh);
  } finally {
    await fresh.close();
  }
}
const inclusions = (storage: StoragePort, list: readonly number[]) => (i: number) =>
  inclusionOnce(storage, list[i] ?? 0, entry(list[i] ?? 0), root);
const consistencies = (storage: StoragePort, list: readonly number[]) => (i: number) =>
  consistencyOnce(storage, list[i] ?? 1, rootOfSize(list[i] ?? 1), root);
const sizes = (() => {
  let next = 0;
  return (count: number): number[] => oldSizes.slice(next, (next += count));
})();

// 1. Cold: the file dropped from the OS page cache, a new connection, the first proofs.
const coldLeaves = leaves(FIRST);
const coldSizes = sizes(FIRST);
coldLeaves.forEach(entry);
const coldInclusion = await afterOpening(true, (s) => sample(FIRST, inclusions(s, coldLeaves)));
const coldConsistency = await afterOpening(true, (s) => sample(FIRST, consistencies(s, coldSizes)));
const evicted = evictions.every((bytes) => bytes !== undefined && bytes < fileBytes / 100);

// 2. Cold-ish: the whole file in the OS page cache, a new connection (SQLite's own cache empty).
const firstLeaves = leaves(FIRST);
const firstSizes = sizes(FIRST);
firstLeaves.forEach(entry);
const firstInclusion = await afterOpening(false, (s) => sample(FIRST, inclusions(s, firstLeaves)));
const firstConsistency = await afterOpening(false, (s) => sample(FIRST, consistencies(s, firstSizes)));

const storage = await openSqliteStorage(file);
// The store's root, read as signing a checkpoint reads it, must be the builder's.
const rootSamples = await sample(200, async () => {
  const start = performance.now();
  const indexes = treeRootIndexes(SIZE);
  const stored = treeRoot(SIZE, hashReaderFromMap(await readStored(storage, indexes)));
  const total = performance.now() - start;
  check(bytesEqual(stored, root), `root from the store ${toHex(stored)} is not the builder's ${meta.root}`);
  return { total, read: total };
});

// 3. Warm: a warm-up pass, then fresh random leaves and sizes.
const warmLeaves = leaves(SAMPLES);
const measuredLeaves = leaves(SAMPLES);
[...warmLeaves, ...measuredLeaves].forEach(entry);
await sample(SAMPLES, inclusions(storage, warmLeaves));
const inclusion = await sample(SAMPLES, inclusions(storage, measuredLeaves));

const warmSizes = sizes(SAMPLES);
const measuredSizes = sizes(SAMPLES);
await sample(SAMPLES, consistencies(storage, warmSizes));
const consistency = await sample(SAMPLES, consistencies(storage, measuredSizes));
const yesterdayRoot = rootOfSize(yesterday);
const fromYesterday = await sample(SAMPLES, () => consistencyOnce(storage, yesterday, yesterdayRoot, root));

// Noise control: pure CPU work of about a proof's size (100 interior hashes, no SQLite). Its tail
// is the machine's (other processes, GC), not the database's.
const a32 = new Uint8Array(32);
const b32 = new Uint8Array(32).fill(1);
const control = await sample(SAMPLES, async () => {
  const start = performance.now();
  for (let k = 0; k < 100; k += 1) hashChildren(a32, b32);
  await Promise.resolve();
  const total = performance.now() - start;
  return { total, read: total };
});

// 4. Through tiles, as a client of GET /log/tile/… computes the same proofs (server work in-process).
const fetchTile = tileFetcher(storage);
let tilesRead = 0;
const countingFetch: FetchTile = (path) => {
  tilesRead += 1;
  return fetchTile(path);
};
const TILE_SAMPLES = SAMPLES / 4;
const tileInclusion = await sample(TILE_SAMPLES, async (i) => {
  const leaf = measuredLeaves[i] ?? 0;
  const start = performance.now();
  const fromTiles = await inclusionProofFromTiles(countingFetch, SIZE, leaf);
  const result = verifyInclusion(leaf, SIZE, hashLeaf(entry(leaf)), fromTiles.proof, root);
  const total = performance.now() - start;
  if (!result.ok) throw new Error(`inclusion from tiles of leaf ${leaf}: ${result.reason}`);
  check(bytesEqual(fromTiles.leafHash, hashLeaf(entry(leaf))), `tiles give another leaf hash for ${leaf}`);
  return { total, read: total };
});
const tilesPerInclusion = tilesRead / TILE_SAMPLES;
tilesRead = 0;
const tileConsistency = await sample(TILE_SAMPLES, async (i) => {
  const size1 = measuredSizes[i] ?? 1;
  const start = performance.now();
  const proof = await consistencyProofFromTiles(countingFetch, size1, SIZE);
  const result = verifyConsistency(size1, SIZE, rootOfSize(size1), root, proof);
  const total = performance.now() - start;
  if (!result.ok) throw new Error(`consistency from tiles from ${size1}: ${result.reason}`);
  return { total, read: total };
});
const tilesPerConsistency = tilesRead / TILE_SAMPLES;
await storage.close();

// ---------------------------------------------------------------------------------------------

const indexCounts = measuredLeaves.map((leaf) => inclusionProofIndexes(leaf, SIZE).length);
const consistencyCounts = measuredSizes.map((size1) => consistencyProofIndexes(size1, SIZE).length);
const avg = (list: readonly number[]): string => (list.reduce((a, b) => a + b, 0) / list.length).toFixed(1);
const mib = (bytes: number): string => `${(bytes / 2 ** 20).toLocaleString('en', { maximumFractionDigits: 0 })} MiB`;

console.log(
  `\n### The record at ${SIZE.toLocaleString('en')} entries in SQLite (StoragePort.readStoredHashes)\n\n` +
    `Store: ${file}, ${mib(fileBytes)} (${fileBytes.toLocaleString('en')} bytes), ` +
    `${meta.storedHashes.toLocaleString('en')} stored hashes, schema version ${meta.schemaVersion}; ` +
    `built ${why === undefined ? `earlier (${meta.builtAt})` : 'now'} in ${meta.buildSeconds.toFixed(1)} s. ` +
    `Load average (1 min) ${loadBefore.toFixed(1)} before, ${(loadavg()[0] ?? Number.NaN).toFixed(1)} after, ` +
    `on ${availableParallelism()} cores.\n`,
);
console.log('| per proof: plan + read from SQLite + build + verify | n | mean | p50 | p99 | max | target |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
const M = `10M − ${YESTERDAY.toLocaleString('en')}`;
if (evicted) {
  row(`inclusion proof, cold: file out of the OS page cache, new connection, first ${FIRST}`, coldInclusion, '≤ 1 ms');
}
row(`inclusion proof, new connection (file in the OS page cache), first ${FIRST}`, firstInclusion, '≤ 1 ms');
row('inclusion proof, warm, random leaves', inclusion, '≤ 1 ms');
row('… of which plan + SQLite read', inclusion, '', 'read');
if (evicted) {
  row(`consistency check, cold, random old size, first ${FIRST}`, coldConsistency, '≤ 10 ms');
}
row(`consistency check, new connection (file in the OS page cache), first ${FIRST}`, firstConsistency, '≤ 10 ms');
row('consistency check, warm, random old size in [1, 10M)', consistency, '≤ 10 ms');
row('… of which plan + SQLite read', consistency, '', 'read');
row(`consistency check from ${M} ("looked yesterday"), warm`, fromYesterday, '≤ 10 ms');
row('tree root (what signing a checkpoint reads)', rootSamples, '');
row('noise control: 100 interior hashes in memory, no SQLite', control, '');
row(
  `inclusion proof from hash tiles (${tilesPerInclusion.toFixed(1)} tiles each, built as the server does)`,
  tileInclusion,
  '',
);
row(`consistency check from hash tiles (${tilesPerConsistency.toFixed(1)} tiles each)`, tileConsistency, '');
const left = evictions.map((bytes) => (bytes === undefined ? '?' : mib(bytes))).join(' and ');
console.log(
  `\nStored hashes read per inclusion proof ≈ ${avg(indexCounts)}, per consistency proof ≈ ${avg(consistencyCounts)}, ` +
    `each in one query. Cold cases: ${
      evicted
        ? `${left} of the file left in the page cache after dropping it (dd iflag=nocache, fincore)`
        : `the file could not be dropped from the page cache (${left} left; dd iflag=nocache, fincore): rows left out`
    }.`,
);
