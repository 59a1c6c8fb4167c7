import { PlenumError, concatBytes } from '@plenum/kernel';
import { EMPTY_ROOT, HASH_SIZE, hashChildren } from './hash.ts';

/**
 * C2SP tlog-tiles (https://c2sp.org/tlog-tiles): the Merkle tree of the public record served
 * as static "tiles" of hashes, plus "entry bundles" of the entries themselves.
 *
 * - A tile at level L, index N holds up to 256 consecutive hashes of RFC 9162 tree height 8·L:
 *   hash i is MTH(D[(N·256 + i)·256^L : (N·256 + i + 1)·256^L]) (tlog-tiles "Merkle Tree").
 *   Level-0 tiles hold leaf hashes; a level-1 hash is the root of 256 leaves, and so on.
 * - Tiles are served at `tile/<L>/<N>[.p/<W>]`, entry bundles at `tile/entries/<N>[.p/<W>]`.
 * - A full tile is 256 hashes (8,192 bytes); the rightmost tile of a level may be partial,
 *   1 to 255 hashes wide (tlog-tiles "Partial Tiles").
 *
 * Everything here is data in, data out: paths are strings, tiles and bundles are bytes, and
 * the verifier side takes a `fetchTile(path)` supplied by the caller. Sizes and indexes are
 * JavaScript numbers, so trees are limited to 2^53 − 1 entries; any tile or
 * bundle that no such tree can have is refused.
 */

/** tlog-tiles: "a tile represents the entire subtree of height 8". */
export const TILE_HEIGHT = 8;
/** tlog-tiles: "Full tiles MUST be exactly 256 hashes wide, or 8,192 bytes." */
export const TILE_WIDTH = 256;
/** tlog-tiles: `<L>` "MUST be a decimal ASCII integer between 0 and 63". */
export const MAX_TILE_LEVEL = 63;
/**
 * The largest tree the tile functions handle, 2^53 − 1 (as checkpoint.ts): sizes and indexes
 * are safe integers. Not exported, so as not to clash with the other modules' limits.
 */
const MAX_TREE_SIZE = Number.MAX_SAFE_INTEGER;
/** tlog-tiles "Log entries": each entry is prefixed by a big-endian uint16 length. */
export const MAX_ENTRY_SIZE = 0xffff;

/** A Merkle tree tile: `level` 0..63, `index` within the level, `width` 1..256 (256 = full). */
export interface TileCoord {
  readonly level: number;
  readonly index: number;
  readonly width: number;
}

/** An entry bundle: `index` as for level-0 tiles, `width` 1..256 entries (256 = full). */
export interface EntryBundleCoord {
  readonly index: number;
  readonly width: number;
}

/** What a tlog-tiles resource path names. */
export type TileResource =
  | { readonly kind: 'tile'; readonly level: number; readonly index: number; readonly width: number }
  | { readonly kind: 'entries'; readonly index: number; readonly width: number };

/**
 * A node of the RFC 9162 tree: the complete subtree of height `level` whose leaves are
 * D[index·2^level : (index + 1)·2^level]. Level 0 nodes are leaf hashes.
 */
export interface NodeRef {
  readonly level: number;
  readonly index: number;
}

/** A tile together with its path and its bytes, as a log would serve it. */
export interface BuiltTile {
  readonly tile: TileCoord;
  readonly path: string;
  readonly data: Uint8Array;
}

/** How many full tiles a level has at some tree size, and the width of its partial tile (0: none). */
export interface TileLevelSummary {
  readonly level: number;
  readonly fullTiles: number;
  readonly partialWidth: number;
}

/**
 * Returns the stored hash at tile level `level` (RFC 9162 height 8·level), position `index`:
 * at level 0 the hash of leaf `index`, at level L the MTH of leaves [index·256^L, (index+1)·256^L).
 */
export type TileHashReader = (level: number, index: number) => Uint8Array;

/** Fetches the bytes of a tile by its path (`tile/<L>/<N>[.p/<W>]`), synchronously or not. */
export type FetchTile = (path: string) => Uint8Array | Promise<Uint8Array>;

// ---------------------------------------------------------------------------------------------
// Errors and small arithmetic. All arithmetic stays within safe integers: multiplying and
// dividing by powers of two is exact for doubles, and Math.floor of an exact quotient is exact.

function invalid(message: string, params: Record<string, string | number> = {}): PlenumError {
  return new PlenumError('invalid_input', message, { params });
}

/** 256^level = 2^(8·level), exact as a double for every level up to 63. */
function tileSpan(level: number): number {
  return 2 ** (TILE_HEIGHT * level);
}

function isCount(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

function checkTreeSize(size: number, label = 'tree size'): void {
  if (!isCount(size)) throw invalid(`${label} must be an integer from 0 to 2^53 − 1, got ${String(size)}`);
}

function checkTileShape(level: number, index: number, width: number, what: string): void {
  if (!Number.isInteger(level) || level < 0 || level > MAX_TILE_LEVEL) {
    throw invalid(`${what}: level must be an integer from 0 to ${MAX_TILE_LEVEL}, got ${String(level)}`);
  }
  if (!isCount(index)) throw invalid(`${what}: index must be a non-negative safe integer, got ${String(index)}`);
  if (!Number.isInteger(width) || width < 1 || width > TILE_WIDTH) {
    throw invalid(`${what}: width must be an integer from 1 to ${TILE_WIDTH}, got ${String(width)}`);
  }
  // The smallest tree with this tile has (index·256 + width)·256^level entries.
  if ((index * TILE_WIDTH + width) * tileSpan(level) > MAX_TREE_SIZE) {
    throw invalid(`${what}: no tree of at most 2^53 − 1 entries has this tile`, { level, index, width });
  }
}

/** The number of hashes tile (level, index) has in a tree of `size` entries: 0 to 256. */
export function tileWidthAt(size: number, level: number, index: number): number {
  checkTreeSize(size);
  if (!Number.isInteger(level) || level < 0 || level > MAX_TILE_LEVEL || !isCount(index)) {
    throw invalid(`tile (${String(level)}, ${String(index)}): not a valid tile position`);
  }
  const hashes = Math.floor(size / tileSpan(level));
  return Math.max(0, Math.min(TILE_WIDTH, hashes - index * TILE_WIDTH));
}

// ---------------------------------------------------------------------------------------------
// Paths (tlog-tiles "Merkle Tree" and "Log entries").

/**
 * tlog-tiles: `<N>` is "encoded into zero-padded 3-digit path elements. All but the last path
 * element MUST begin with an x", e.g. 1234067 → `x001/x234/067`.
 */
export function encodeTileIndex(index: number): string {
  if (!isCount(index)) throw invalid(`tile index must be a non-negative safe integer, got ${String(index)}`);
  let rest = index;
  let out = String(rest % 1000).padStart(3, '0');
  rest = Math.floor(rest / 1000);
  while (rest > 0) {
    out = `x${String(rest % 1000).padStart(3, '0')}/${out}`;
    rest = Math.floor(rest / 1000);
  }
  return out;
}

const LAST_GROUP = /^[0-9]{3}$/;
const X_GROUP = /^x[0-9]{3}$/;

/**
 * Parses the canonical encoding of a tile index, refusing anything `encodeTileIndex` would not
 * write: a missing or misplaced `x`, groups of other than three digits, a leading `x000`
 * group (a leading zero), and indexes beyond 2^53 − 1.
 */
export function parseTileIndex(text: string): number {
  const groups = text.split('/');
  let index = 0;
  for (const [i, group] of groups.entries()) {
    const last = i === groups.length - 1;
    if (!(last ? LAST_GROUP : X_GROUP).test(group)) {
      throw invalid(
        `tile index ${quote(text)}: group ${i + 1} must be ${last ? 'three digits' : 'x and three digits'}`,
      );
    }
    if (i === 0 && !last && group === 'x000') {
      throw invalid(`tile index ${quote(text)}: leading zero group`);
    }
    index = index * 1000 + Number(last ? group : group.slice(1));
    if (index > MAX_TREE_SIZE) throw invalid(`tile index ${quote(text)}: too large`);
  }
  return index;
}

function partialSuffix(width: number): string {
  return width === TILE_WIDTH ? '' : `.p/${String(width)}`;
}

/** tlog-tiles: `tile/<L>/<N>[.p/<W>]`; the `.p/<W>` suffix only for partial tiles. */
export function tilePath(tile: TileCoord): string {
  checkTileShape(tile.level, tile.index, tile.width, 'tile');
  return `tile/${String(tile.level)}/${encodeTileIndex(tile.index)}${partialSuffix(tile.width)}`;
}

/** tlog-tiles "Log entries": `tile/entries/<N>[.p/<W>]`. */
export function entryBundlePath(bundle: EntryBundleCoord): string {
  checkTileShape(0, bundle.index, bundle.width, 'entry bundle');
  return `tile/entries/${encodeTileIndex(bundle.index)}${partialSuffix(bundle.width)}`;
}

// Level: "0" or 1–2 digits without a leading zero (at most 63, checked after). Width: 1–3 digits
// without a leading zero (at most 255, checked after). Every alternative is anchored and
// bounded, so matching is linear; overlong input is refused before matching anyway.
const TILE_PATH = /^tile\/(entries|0|[1-9][0-9]?)\/((?:x[0-9]{3}\/)*[0-9]{3})(?:\.p\/([1-9][0-9]{0,2}))?$/;
const MAX_PATH_LENGTH = 128;

function quote(text: string): string {
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);
}

/**
 * Parses a tlog-tiles resource path (relative to the log prefix, no leading slash), as it
 * comes from an HTTP request. Only the exact canonical form is accepted (the one tilePath and
 * entryBundlePath write): level 0–63 and width 1–255 with no leading zeros, index groups as in
 * encodeTileIndex, and no tile beyond a tree of 2^53 − 1 entries.
 */
export function parseTilePath(path: string): TileResource {
  if (path.length > MAX_PATH_LENGTH) throw invalid(`tile path ${quote(path)}: too long`);
  const match = TILE_PATH.exec(path);
  const levelText = match?.[1];
  const indexText = match?.[2];
  if (levelText === undefined || indexText === undefined) {
    throw invalid(`tile path ${quote(path)}: not of the form tile/<L>/<N>[.p/<W>] or tile/entries/<N>[.p/<W>]`);
  }
  const widthText = match?.[3];
  const width = widthText === undefined ? TILE_WIDTH : Number(widthText);
  if (widthText !== undefined && width >= TILE_WIDTH)
    throw invalid(`tile path ${quote(path)}: partial width must be from 1 to 255`);
  const index = parseTileIndex(indexText);
  if (levelText === 'entries') {
    checkTileShape(0, index, width, `entry bundle path ${quote(path)}`);
    return { kind: 'entries', index, width };
  }
  const level = Number(levelText);
  checkTileShape(level, index, width, `tile path ${quote(path)}`);
  return { kind: 'tile', level, index, width };
}

/**
 * A tile in the Go checksum database layout (golang.org/x/mod/sumdb/tlog, go.dev/design/25530-sumdb),
 * which C2SP tlog-tiles derives from: the path carries the tile height H (1–30),
 * `tile/<H>/<L>/<N>[.p/<W>]`, and record data lives at level `data`. With H = 8, dropping the
 * `8/` element (and reading `data` as `entries`) gives the C2SP path.
 */
export interface SumdbTile {
  readonly height: number;
  readonly level: number | 'data';
  readonly index: number;
  /** 1 to 2^height; 2^height is a full tile. */
  readonly width: number;
}

const SUMDB_TILE_PATH =
  /^tile\/([1-9][0-9]?)\/(data|0|[1-9][0-9]?)\/((?:x[0-9]{3}\/)*[0-9]{3})(?:\.p\/([1-9][0-9]{0,9}))?$/;
const MAX_SUMDB_HEIGHT = 30;

function checkSumdbTile(tile: SumdbTile, what: string): void {
  const { height, level, index, width } = tile;
  if (!Number.isInteger(height) || height < 1 || height > MAX_SUMDB_HEIGHT) {
    throw invalid(`${what}: height must be an integer from 1 to ${MAX_SUMDB_HEIGHT}, got ${String(height)}`);
  }
  if (level !== 'data' && (!Number.isInteger(level) || level < 0 || level > MAX_TILE_LEVEL)) {
    throw invalid(`${what}: level must be "data" or an integer from 0 to ${MAX_TILE_LEVEL}, got ${String(level)}`);
  }
  if (!isCount(index)) throw invalid(`${what}: index must be a non-negative safe integer, got ${String(index)}`);
  if (!Number.isInteger(width) || width < 1 || width > 2 ** height) {
    throw invalid(`${what}: width must be an integer from 1 to 2^${String(height)}, got ${String(width)}`);
  }
}

/** The Go sumdb tile path: `tile/<H>/<L or data>/<N>[.p/<W>]`. */
export function sumdbTilePath(tile: SumdbTile): string {
  checkSumdbTile(tile, 'sumdb tile');
  const suffix = tile.width === 2 ** tile.height ? '' : `.p/${String(tile.width)}`;
  return `tile/${String(tile.height)}/${String(tile.level)}/${encodeTileIndex(tile.index)}${suffix}`;
}

/** Parses a Go sumdb tile path, strictly: only the form sumdbTilePath writes is accepted. */
export function parseSumdbTilePath(path: string): SumdbTile {
  if (path.length > MAX_PATH_LENGTH) throw invalid(`sumdb tile path ${quote(path)}: too long`);
  const match = SUMDB_TILE_PATH.exec(path);
  const heightText = match?.[1];
  const levelText = match?.[2];
  const indexText = match?.[3];
  if (heightText === undefined || levelText === undefined || indexText === undefined) {
    throw invalid(`sumdb tile path ${quote(path)}: not of the form tile/<H>/<L>/<N>[.p/<W>]`);
  }
  const height = Number(heightText);
  const level = levelText === 'data' ? 'data' : Number(levelText);
  const widthText = match?.[4];
  const width = widthText === undefined ? 2 ** height : Number(widthText);
  if (widthText !== undefined && width >= 2 ** height) {
    throw invalid(`sumdb tile path ${quote(path)}: partial width must be below 2^${heightText}`);
  }
  const tile: SumdbTile = { height, level, index: parseTileIndex(indexText), width };
  checkSumdbTile(tile, `sumdb tile path ${quote(path)}`);
  return tile;
}

// ---------------------------------------------------------------------------------------------
// Which tiles a tree has (tlog-tiles "Partial Tiles").

/**
 * Per level, the full tiles and the width of the partial tile of a tree of `size` entries.
 * tlog-tiles: "The partial tile at level l for a tree of size s has floor(s / 256**l) mod 256
 * entries." Levels are listed while they hold at least one hash (256^l ≤ size).
 */
export function tileLevels(size: number): TileLevelSummary[] {
  checkTreeSize(size);
  const levels: TileLevelSummary[] = [];
  for (let level = 0; tileSpan(level) <= size; level += 1) {
    const hashes = Math.floor(size / tileSpan(level));
    levels.push({ level, fullTiles: Math.floor(hashes / TILE_WIDTH), partialWidth: hashes % TILE_WIDTH });
  }
  return levels;
}

/** The tiles of one level that a tree with `newHashes` hashes there has and one with `oldHashes` has not. */
function* levelTilesBetween(level: number, oldHashes: number, newHashes: number): Generator<TileCoord> {
  const oldFull = Math.floor(oldHashes / TILE_WIDTH);
  const newFull = Math.floor(newHashes / TILE_WIDTH);
  for (let index = oldFull; index < newFull; index += 1) yield { level, index, width: TILE_WIDTH };
  const partial = newHashes % TILE_WIDTH;
  if (partial > 0 && newHashes !== oldHashes) yield { level, index: newFull, width: partial };
}

/**
 * Every tile (full, and the partial rightmost one of each level) of a tree of `size` entries,
 * level by level, left to right: what a client may fetch for that tree. Lazy, since a large
 * tree has millions of tiles.
 */
export function* tilesForSize(size: number): Generator<TileCoord> {
  yield* tilesChanged(0, size);
}

/**
 * The tiles a tree of `newSize` entries has that a tree of `oldSize` entries does not have in
 * the same form: the full tiles completed in between and the new partial tiles. This is what a
 * log writes when it grows from oldSize to newSize (full tiles are immutable, tlog-tiles).
 */
export function* tilesChanged(oldSize: number, newSize: number): Generator<TileCoord> {
  checkTreeSize(oldSize, 'old tree size');
  checkTreeSize(newSize, 'new tree size');
  if (oldSize > newSize) throw invalid(`old tree size ${oldSize} exceeds new tree size ${newSize}`);
  for (let level = 0; tileSpan(level) <= newSize; level += 1) {
    const span = tileSpan(level);
    yield* levelTilesBetween(level, Math.floor(oldSize / span), Math.floor(newSize / span));
  }
}

/** Every entry bundle of a tree of `size` entries, left to right (the level-0 tiles' coordinates). */
export function* entryBundlesForSize(size: number): Generator<EntryBundleCoord> {
  yield* entryBundlesChanged(0, size);
}

/** The entry bundles a tree of `newSize` entries has that one of `oldSize` entries does not. */
export function* entryBundlesChanged(oldSize: number, newSize: number): Generator<EntryBundleCoord> {
  checkTreeSize(oldSize, 'old tree size');
  checkTreeSize(newSize, 'new tree size');
  if (oldSize > newSize) throw invalid(`old tree size ${oldSize} exceeds new tree size ${newSize}`);
  for (const { index, width } of levelTilesBetween(0, oldSize, newSize)) yield { index, width };
}

// ---------------------------------------------------------------------------------------------
// Building tiles (log side).

function checkHash(hash: Uint8Array, what: string): void {
  if (hash.length !== HASH_SIZE) throw invalid(`${what}: a hash must be ${HASH_SIZE} bytes, got ${hash.length}`);
}

/** MTH of the `count` (a power of two) hashes starting at `start`: a complete subtree (RFC 9162 §2.1.1). */
function completeSubtreeRoot(hashes: readonly Uint8Array[], start: number, count: number): Uint8Array {
  let layer = hashes.slice(start, start + count);
  while (layer.length > 1) {
    const next: Uint8Array[] = [];
    for (let i = 0; i + 1 < layer.length; i += 2) {
      const left = layer[i];
      const right = layer[i + 1];
      if (left === undefined || right === undefined) throw new PlenumError('internal', 'subtree layer is short');
      next.push(hashChildren(left, right));
    }
    layer = next;
  }
  const root = layer[0];
  if (root === undefined || count < 1) throw new PlenumError('internal', 'empty subtree');
  return root;
}

/**
 * The stored hashes of every tile level of a tree, from its leaf hashes: level 0 is the leaf
 * hashes, and hash i of level L + 1 is the root of the 256 level-L hashes [256·i, 256·i + 256)
 * (tlog-tiles: "each hash in a tile is the Merkle Tree Hash of a full tile at the level below").
 */
export function tileLevelHashes(leafHashes: readonly Uint8Array[]): Uint8Array[][] {
  checkTreeSize(leafHashes.length, 'number of leaves');
  for (const [i, hash] of leafHashes.entries()) checkHash(hash, `leaf hash ${i}`);
  const levels: Uint8Array[][] = [[...leafHashes]];
  for (let below = levels[0] ?? []; below.length >= TILE_WIDTH;) {
    const above: Uint8Array[] = [];
    for (let start = 0; start + TILE_WIDTH <= below.length; start += TILE_WIDTH) {
      above.push(completeSubtreeRoot(below, start, TILE_WIDTH));
    }
    levels.push(above);
    below = above;
  }
  return levels;
}

/** The bytes of a tile: its `width` hashes, concatenated (tlog-tiles "Merkle Tree"). */
export function buildTile(tile: TileCoord, hashAt: TileHashReader): Uint8Array {
  checkTileShape(tile.level, tile.index, tile.width, 'tile');
  const out = new Uint8Array(tile.width * HASH_SIZE);
  for (let i = 0; i < tile.width; i += 1) {
    const position = tile.index * TILE_WIDTH + i;
    const hash = hashAt(tile.level, position);
    checkHash(hash, `tile level ${tile.level} hash ${position}`);
    out.set(hash, i * HASH_SIZE);
  }
  return out;
}

/** Builds the given tiles (e.g. from tilesForSize or tilesChanged) with their paths. */
export function buildTiles(tiles: Iterable<TileCoord>, hashAt: TileHashReader): BuiltTile[] {
  const built: BuiltTile[] = [];
  for (const tile of tiles) built.push({ tile, path: tilePath(tile), data: buildTile(tile, hashAt) });
  return built;
}

/** Every tile of the tree whose leaf hashes are given, in tilesForSize order. */
export function buildTilesFromLeafHashes(leafHashes: readonly Uint8Array[]): BuiltTile[] {
  const levels = tileLevelHashes(leafHashes);
  return buildTiles(tilesForSize(leafHashes.length), (level, index) => {
    const hash = levels[level]?.[index];
    if (hash === undefined) throw new PlenumError('internal', `no hash at tile level ${level}, index ${index}`);
    return hash;
  });
}

/**
 * Splits the bytes of a tile into its hashes, refusing bytes that are not exactly `width`
 * hashes (a truncated or overlong tile). `label` names the tile in the error (e.g. its path).
 */
export function tileHashes(data: Uint8Array, width: number, label = 'tile'): Uint8Array[] {
  if (!Number.isInteger(width) || width < 1 || width > TILE_WIDTH) {
    throw invalid(`${label}: width must be an integer from 1 to ${TILE_WIDTH}, got ${String(width)}`);
  }
  const expected = width * HASH_SIZE;
  if (data.length !== expected) {
    const why = data.length < expected ? 'truncated' : 'too long';
    throw invalid(`${label}: ${why}: expected ${expected} bytes (${width} hashes), got ${data.length}`, {
      expected,
      actual: data.length,
    });
  }
  const hashes: Uint8Array[] = [];
  for (let i = 0; i < width; i += 1) hashes.push(data.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE));
  return hashes;
}

// ---------------------------------------------------------------------------------------------
// Reading the tree from tiles (verifier side).

function checkNode(treeSize: number, node: NodeRef): void {
  const { level, index } = node;
  if (!Number.isInteger(level) || level < 0 || level > 53 || !isCount(index)) {
    throw invalid(`node (${String(level)}, ${String(index)}): not a valid node position`);
  }
  if ((index + 1) * 2 ** level > treeSize) {
    throw invalid(`node (${level}, ${index}) is not a complete subtree of a tree of ${treeSize} entries`, {
      level,
      index,
      treeSize,
    });
  }
}

/**
 * The tile holding a complete-subtree node of a tree of `treeSize` entries: the node at height
 * h is the root of 2^(h mod 8) consecutive hashes of tile level floor(h / 8), all in one tile.
 * The width is that tile's width in this tree, so the tile is one of tilesForSize(treeSize)
 * (tlog-tiles: clients must not fetch partial tiles that no verified checkpoint requires).
 */
export function tileForNode(treeSize: number, node: NodeRef): TileCoord {
  checkTreeSize(treeSize);
  checkNode(treeSize, node);
  const level = Math.floor(node.level / TILE_HEIGHT);
  const first = node.index * 2 ** (node.level - level * TILE_HEIGHT);
  const index = Math.floor(first / TILE_WIDTH);
  return { level, index, width: tileWidthAt(treeSize, level, index) };
}

function fetchOne(fetchTile: FetchTile, path: string): Promise<Uint8Array> {
  return Promise.resolve()
    .then(() => fetchTile(path))
    .then((data) => {
      if (!(data instanceof Uint8Array)) throw invalid(`${path}: fetchTile returned no bytes`);
      return data;
    });
}

/**
 * The hashes of complete-subtree nodes of a tree of `treeSize` entries, read from its tiles.
 * Each needed tile is fetched once (all in parallel) and checked to be exactly its width.
 * The result is only as good as the tiles: compare a root computed from them with a verified
 * checkpoint (rootFromTiles) before trusting anything else they say.
 */
export async function nodeHashesFromTiles(
  fetchTile: FetchTile,
  treeSize: number,
  nodes: readonly NodeRef[],
): Promise<Uint8Array[]> {
  checkTreeSize(treeSize);
  const tiles = new Map<string, TileCoord>();
  const placed = nodes.map((node) => {
    const tile = tileForNode(treeSize, node);
    const path = tilePath(tile);
    tiles.set(path, tile);
    return { node, tile, path };
  });
  const loaded = new Map<string, Uint8Array[]>();
  await Promise.all(
    [...tiles].map(async ([path, tile]) => {
      loaded.set(path, tileHashes(await fetchOne(fetchTile, path), tile.width, path));
    }),
  );
  return placed.map(({ node, tile, path }) => {
    const hashes = loaded.get(path) ?? [];
    const height = node.level - tile.level * TILE_HEIGHT;
    const count = 2 ** height;
    // slice(): a leaf hash is returned as a copy, never as a view into the caller's tile bytes.
    return completeSubtreeRoot(hashes, node.index * count - tile.index * TILE_WIDTH, count).slice();
  });
}

/** The hash of one complete-subtree node (height `level`, position `index`) read from tiles. */
export async function nodeHashFromTiles(
  fetchTile: FetchTile,
  treeSize: number,
  level: number,
  index: number,
): Promise<Uint8Array> {
  const [hash] = await nodeHashesFromTiles(fetchTile, treeSize, [{ level, index }]);
  if (hash === undefined) throw new PlenumError('internal', 'no node hash');
  return hash;
}

/**
 * The complete subtrees that make up D[start:end], largest first: the range's size written as
 * a sum of descending powers of two. For the ranges MTH is taken of in RFC 9162 §2.1.1 (and in
 * PATH and SUBPROOF), `start` is a multiple of the first power, so each piece is a tree node.
 */
function rangeNodes(start: number, end: number): NodeRef[] {
  const nodes: NodeRef[] = [];
  let at = start;
  while (at < end) {
    let level = Math.floor(Math.log2(end - at));
    while (2 ** level > end - at) level -= 1;
    while (2 ** (level + 1) <= end - at) level += 1;
    const size = 2 ** level;
    if (at % size !== 0) throw new PlenumError('internal', `range [${start}, ${end}) is not tree-aligned`);
    nodes.push({ level, index: at / size });
    at += size;
  }
  return nodes;
}

/**
 * RFC 9162 §2.1.1: for n > 1, MTH(D[n]) = HASH(0x01 || MTH(D[0:k]) || MTH(D[k:n])) with k the
 * largest power of two below n. Unrolled, that is the complete subtrees of rangeNodes folded
 * from the right.
 */
function foldRange(hashes: readonly Uint8Array[]): Uint8Array {
  let acc = hashes[hashes.length - 1];
  if (acc === undefined) throw new PlenumError('internal', 'empty range');
  for (let i = hashes.length - 2; i >= 0; i -= 1) {
    const left = hashes[i];
    if (left === undefined) throw new PlenumError('internal', 'range hash missing');
    acc = hashChildren(left, acc);
  }
  return acc;
}

type Range = readonly [start: number, end: number];

/** MTH of each range, all read from the tiles of a tree of `treeSize` entries in one round. */
async function rangeHashesFromTiles(
  fetchTile: FetchTile,
  treeSize: number,
  ranges: readonly Range[],
): Promise<Uint8Array[]> {
  const pieces = ranges.map(([start, end]) => rangeNodes(start, end));
  const hashes = await nodeHashesFromTiles(fetchTile, treeSize, pieces.flat());
  let next = 0;
  return pieces.map((nodes) => {
    const own = hashes.slice(next, next + nodes.length);
    next += nodes.length;
    return foldRange(own);
  });
}

/** RFC 9162 §2.1.1 MTH of the tree of `treeSize` entries, computed from its tiles. */
export async function rootFromTiles(fetchTile: FetchTile, treeSize: number): Promise<Uint8Array> {
  checkTreeSize(treeSize);
  if (treeSize === 0) return EMPTY_ROOT.slice();
  const [root] = await rangeHashesFromTiles(fetchTile, treeSize, [[0, treeSize]]);
  if (root === undefined) throw new PlenumError('internal', 'no root');
  return root;
}

/** Largest power of two strictly below n (n ≥ 2), the split point k of RFC 9162 §2.1.1. */
function split(n: number): number {
  let k = 2 ** Math.floor(Math.log2(n));
  while (k >= n) k /= 2;
  while (k * 2 < n) k *= 2;
  return k;
}

/** RFC 9162 §2.1.3.1 PATH(m, D[lo:hi]) as the ranges whose MTHs make the path, leaf side first. */
function pathRanges(m: number, lo: number, hi: number): Range[] {
  if (hi - lo <= 1) return [];
  const k = split(hi - lo);
  return m < lo + k ? [...pathRanges(m, lo, lo + k), [lo + k, hi]] : [...pathRanges(m, lo + k, hi), [lo, lo + k]];
}

/** RFC 9162 §2.1.4.1 SUBPROOF(m, D[lo:hi], b) as ranges, for m counted from lo. */
function subproofRanges(m: number, lo: number, hi: number, complete: boolean): Range[] {
  const n = hi - lo;
  if (m === n) return complete ? [] : [[lo, hi]];
  const k = split(n);
  return m <= k
    ? [...subproofRanges(m, lo, lo + k, complete), [lo + k, hi]]
    : [...subproofRanges(m - k, lo + k, hi, false), [lo, lo + k]];
}

/**
 * The leaf hash of entry `leafIndex` and its RFC 9162 §2.1.3.1 inclusion proof in the tree of
 * `treeSize` entries, computed from the tree's tiles. Verify the proof against a checkpoint's
 * root with the RFC 9162 §2.1.3.2 algorithm.
 */
export async function inclusionProofFromTiles(
  fetchTile: FetchTile,
  treeSize: number,
  leafIndex: number,
): Promise<{ leafHash: Uint8Array; proof: Uint8Array[] }> {
  checkTreeSize(treeSize);
  if (!isCount(leafIndex) || leafIndex >= treeSize) {
    throw invalid(`leaf index ${String(leafIndex)} is not below tree size ${treeSize}`);
  }
  const [leafHash, ...proof] = await rangeHashesFromTiles(fetchTile, treeSize, [
    [leafIndex, leafIndex + 1],
    ...pathRanges(leafIndex, 0, treeSize),
  ]);
  if (leafHash === undefined) throw new PlenumError('internal', 'no leaf hash');
  return { leafHash, proof };
}

/**
 * The RFC 9162 §2.1.4.1 consistency proof PROOF(m, D[n]) from the tree of `oldSize` entries to
 * the tree of `newSize` entries, computed from the tiles of the newer tree. Empty when the sizes
 * are equal; oldSize 0 is refused (RFC 9162 defines proofs for 0 < m ≤ n only).
 */
export async function consistencyProofFromTiles(
  fetchTile: FetchTile,
  oldSize: number,
  newSize: number,
): Promise<Uint8Array[]> {
  checkTreeSize(oldSize, 'old tree size');
  checkTreeSize(newSize, 'new tree size');
  if (oldSize < 1 || oldSize > newSize) {
    throw invalid(`no consistency proof from tree size ${oldSize} to ${newSize}`);
  }
  if (oldSize === newSize) return [];
  return rangeHashesFromTiles(fetchTile, newSize, subproofRanges(oldSize, 0, newSize, true));
}

// ---------------------------------------------------------------------------------------------
// Entry bundles (tlog-tiles "Log entries"): "sequences of big-endian uint16 length-prefixed
// log entries". A bundle holds as many entries as the matching level-0 tile has hashes.

/** Encodes 1 to 256 entries of at most 65,535 bytes each as an entry bundle. */
export function encodeEntryBundle(entries: readonly Uint8Array[]): Uint8Array {
  if (entries.length < 1 || entries.length > TILE_WIDTH) {
    throw invalid(`entry bundle: must hold 1 to ${TILE_WIDTH} entries, got ${entries.length}`);
  }
  const parts: Uint8Array[] = [];
  for (const [i, entry] of entries.entries()) {
    if (entry.length > MAX_ENTRY_SIZE) {
      throw invalid(`entry bundle: entry ${i} is ${entry.length} bytes, more than ${MAX_ENTRY_SIZE}`);
    }
    parts.push(new Uint8Array([entry.length >> 8, entry.length & 0xff]), entry);
  }
  return concatBytes(...parts);
}

function bundleError(message: string, offset: number, entry: number): PlenumError {
  return invalid(`entry bundle: ${message}`, { offset, entry });
}

/**
 * Decodes an entry bundle. With `width` (from the bundle's path: 256 for a full bundle), it
 * must hold exactly that many entries; without, 1 to 256. Hostile input is refused with the
 * byte offset of the fault: a truncated length prefix, an entry running past the end, more
 * entries than the width, trailing bytes. The entries returned are views into `data`.
 */
export function decodeEntryBundle(data: Uint8Array, width?: number): Uint8Array[] {
  if (width !== undefined && (!Number.isInteger(width) || width < 1 || width > TILE_WIDTH)) {
    throw invalid(`entry bundle: width must be an integer from 1 to ${TILE_WIDTH}, got ${String(width)}`);
  }
  const limit = width ?? TILE_WIDTH;
  const entries: Uint8Array[] = [];
  let offset = 0;
  while (offset < data.length) {
    const i = entries.length;
    const rest = data.length - offset;
    const length = rest >= 2 ? ((data[offset] ?? 0) << 8) | (data[offset + 1] ?? 0) : -1;
    if (i >= limit) {
      // Past the last entry the width allows: a whole further entry, or mere trailing bytes.
      throw length >= 0 && 2 + length <= rest
        ? bundleError(`more than ${limit} entries: an extra entry starts at byte ${offset}`, offset, i)
        : bundleError(`${rest} trailing bytes at byte ${offset}, after entry ${i - 1}`, offset, i);
    }
    if (length < 0) throw bundleError(`entry ${i}: truncated length prefix at byte ${offset}`, offset, i);
    if (2 + length > rest) {
      throw bundleError(
        `entry ${i} at byte ${offset}: declares ${length} bytes but only ${rest - 2} remain`,
        offset,
        i,
      );
    }
    entries.push(data.subarray(offset + 2, offset + 2 + length));
    offset += 2 + length;
  }
  if (entries.length === 0) throw bundleError('empty bundle (tlog-tiles: empty tiles are not served)', 0, 0);
  if (width !== undefined && entries.length < width) {
    throw bundleError(
      `${entries.length} entries, expected ${width} (data ends at byte ${offset})`,
      offset,
      entries.length,
    );
  }
  return entries;
}
