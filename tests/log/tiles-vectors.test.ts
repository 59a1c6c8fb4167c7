// C2SP tlog-tiles against published vectors: our derived JSON (from the C2SP text and Go's
// sumdb tests), a tiny Tessera log (15 entries) and a Sunlight mirror (300 entries). See
// /work/shared/data/tlog/SOURCES.md for where each file comes from. Every file is required:
// a missing one fails the test that needs it (or this whole file), it is never skipped.
import { describe, expect, it } from 'vitest';
import { PlenumError, bytesEqual, fromBase64, fromUtf8, toBase64, utf8 } from '@plenum/kernel';
import { EMPTY_ROOT, hashLeaf } from '../../packages/log/src/hash.ts';
import {
  buildTilesFromLeafHashes,
  decodeEntryBundle,
  encodeEntryBundle,
  encodeTileIndex,
  entryBundlePath,
  entryBundlesForSize,
  inclusionProofFromTiles,
  parseSumdbTilePath,
  parseTileIndex,
  parseTilePath,
  rootFromTiles,
  sumdbTilePath,
  tileHashes,
  tileLevels,
  tilePath,
  tilesForSize,
  type FetchTile,
} from '../../packages/log/src/tiles.ts';
import { readVector, readVectorJson } from './vectors.ts';
import { inclusionRoot } from '../../packages/log/src/test-support/inclusion-root.ts';

/** A fetchTile serving tile files from a directory of the vectors, recording what was asked. */
function diskTiles(base: string): { fetch: FetchTile; fetched: string[] } {
  const fetched: string[] = [];
  return {
    fetched,
    fetch: (path) => {
      fetched.push(path);
      return readVector(`${base}/${path}`);
    },
  };
}

/** The root of a checkpoint file: its third line, standard base64 (c2sp.org/tlog-checkpoint). */
function checkpointSizeAndRoot(relative: string): { size: number; root: Uint8Array } {
  const lines = fromUtf8(readVector(relative), relative).split('\n');
  return { size: Number(lines[1]), root: fromBase64(lines[2] ?? '', `${relative} root`) };
}

function flipped(data: Uint8Array, at: number, mask = 0x01): Uint8Array {
  const copy = data.slice();
  copy[at] = copy[at]! ^ mask;
  return copy;
}

// ---------------------------------------------------------------------------------------------
// derived/tlog-tiles-vectors.json

interface TileVectors {
  indexEncoding: { n: number; encoded: string }[];
  tilesBySize: {
    treeSize: number;
    tiles: (
      { level: number; fullTiles: number; lastFullPath: string } | { level: number; partialPath: string; width: number }
    )[];
    entryBundles: { full: number; partial: string | null };
  }[];
  goSumdbPathExamples: string[];
  goSumdbInvalidPathExamples: string[];
  sunlightMirrorTree: { treeSize: number; root: string };
}

const VECTORS_FILE = 'derived/tlog-tiles-vectors.json';
const vectors = readVectorJson(VECTORS_FILE) as TileVectors;

describe(VECTORS_FILE, () => {
  it('has every section this suite covers', () => {
    expect(vectors.indexEncoding.length).toBeGreaterThan(0);
    expect(vectors.tilesBySize.length).toBeGreaterThan(0);
    expect(vectors.goSumdbPathExamples.length).toBeGreaterThan(0);
    expect(vectors.goSumdbInvalidPathExamples.length).toBeGreaterThan(0);
    expect(vectors.sunlightMirrorTree.root).toMatch(/=$/);
  });

  for (const { n, encoded } of vectors.indexEncoding) {
    it(`indexEncoding: ${n} ↔ ${encoded}`, () => {
      expect(encodeTileIndex(n)).toBe(encoded);
      expect(parseTileIndex(encoded)).toBe(n);
      expect(parseTilePath(`tile/0/${encoded}`)).toEqual({ kind: 'tile', level: 0, index: n, width: 256 });
    });
  }

  for (const { treeSize, tiles, entryBundles } of vectors.tilesBySize) {
    it(`tilesBySize: tree size ${treeSize}`, () => {
      // Describe our tile set the way the vector does: per level, the full tiles (count and last
      // path) and the partial tile (path and width).
      const ours: TileVectors['tilesBySize'][number]['tiles'] = [];
      for (const { level, fullTiles, partialWidth } of tileLevels(treeSize)) {
        if (fullTiles > 0) {
          ours.push({ level, fullTiles, lastFullPath: tilePath({ level, index: fullTiles - 1, width: 256 }) });
        }
        if (partialWidth > 0) {
          ours.push({
            level,
            partialPath: tilePath({ level, index: fullTiles, width: partialWidth }),
            width: partialWidth,
          });
        }
      }
      expect(ours).toEqual(tiles);

      // tilesForSize enumerates the same set.
      const listed = [...tilesForSize(treeSize)];
      for (const expected of tiles) {
        const own = listed.filter((t) => t.level === expected.level);
        if ('fullTiles' in expected) {
          const full = own.filter((t) => t.width === 256);
          expect(full.length).toBe(expected.fullTiles);
          expect(full.map(tilePath).at(-1)).toBe(expected.lastFullPath);
          expect(parseTilePath(expected.lastFullPath)).toMatchObject({ kind: 'tile', level: expected.level });
        } else {
          expect(own.filter((t) => t.width < 256).map(tilePath)).toEqual([expected.partialPath]);
          expect(parseTilePath(expected.partialPath)).toMatchObject({ kind: 'tile', width: expected.width });
        }
      }
      expect(listed.length).toBe(tiles.reduce((n, t) => n + ('fullTiles' in t ? t.fullTiles : 1), 0));

      const bundles = [...entryBundlesForSize(treeSize)];
      expect(bundles.filter((b) => b.width === 256).length).toBe(entryBundles.full);
      const partial = bundles.filter((b) => b.width < 256).map(entryBundlePath);
      expect(partial).toEqual(entryBundles.partial === null ? [] : [entryBundles.partial]);
      if (entryBundles.partial !== null) expect(parseTilePath(entryBundles.partial).kind).toBe('entries');
    });
  }

  for (const path of vectors.goSumdbPathExamples) {
    it(`goSumdbPathExamples: ${path}`, () => {
      const tile = parseSumdbTilePath(path);
      expect(sumdbTilePath(tile)).toBe(path);
      // The height element is what separates the two layouts: C2SP (height 8 implied) refuses it.
      expect(() => parseTilePath(path)).toThrow(PlenumError);
      if (tile.height === 8) {
        const c2sp = path.replace(/^tile\/8\/data\//, 'tile/entries/').replace(/^tile\/8\//, 'tile/');
        expect(parseTilePath(c2sp)).toMatchObject({ index: tile.index, width: tile.width });
      }
    });
  }

  it('goSumdbPathExamples: tile/4/0/001.p/5 and tile/3/5/x123/x456/078 decode to the Go coordinates', () => {
    expect(parseSumdbTilePath('tile/4/0/001.p/5')).toEqual({ height: 4, level: 0, index: 1, width: 5 });
    expect(parseSumdbTilePath('tile/3/5/x123/x456/078')).toEqual({ height: 3, level: 5, index: 123456078, width: 8 });
    expect(parseSumdbTilePath('tile/1/0/x003/x057/500')).toEqual({ height: 1, level: 0, index: 3057500, width: 2 });
  });

  for (const path of vectors.goSumdbInvalidPathExamples) {
    it(`goSumdbInvalidPathExamples: ${path}`, () => {
      expect(() => parseSumdbTilePath(path)).toThrow(PlenumError);
      expect(() => parseTilePath(path)).toThrow(PlenumError);
    });
  }

  it(`sunlightMirrorTree: root of "record i", i < ${vectors.sunlightMirrorTree.treeSize}, computed from built tiles`, async () => {
    const { treeSize, root } = vectors.sunlightMirrorTree;
    const leaves = Array.from({ length: treeSize }, (_, i) => hashLeaf(utf8(`record ${i}`)));
    const tiles = new Map(buildTilesFromLeafHashes(leaves).map((t) => [t.path, t.data] as const));
    const computed = await rootFromTiles((path) => tiles.get(path) ?? Promise.reject(new Error(path)), treeSize);
    expect(toBase64(computed)).toBe(root);
  });
});

// ---------------------------------------------------------------------------------------------
// tessera/testdata/log: entries "one" … "fivten" appended one at a time, a checkpoint per size.

const TESSERA = 'tessera/testdata/log';
const TESSERA_ENTRIES = 'one two three four five six seven eit nain ten ileven twelf threeten fourten fivten'
  .split(' ')
  .map(utf8);
const tessera = diskTiles(TESSERA);

describe(TESSERA, () => {
  it(`${TESSERA}/checkpoint.0: the empty tree's root needs no tiles`, async () => {
    const { size, root } = checkpointSizeAndRoot(`${TESSERA}/checkpoint.0`);
    expect(size).toBe(0);
    expect(await rootFromTiles(() => Promise.reject(new Error('no tile expected')), 0)).toEqual(root);
    expect(root).toEqual(EMPTY_ROOT);
  });

  for (let n = 1; n <= 15; n += 1) {
    const entries = TESSERA_ENTRIES.slice(0, n);

    it(`${TESSERA}/tile/0/000.p/${n}: rebuilt byte for byte from the first ${n} entries`, () => {
      const built = buildTilesFromLeafHashes(entries.map(hashLeaf));
      expect(built.map((t) => t.path)).toEqual([`tile/0/000.p/${n}`]);
      expect(built[0]!.data).toEqual(readVector(`${TESSERA}/tile/0/000.p/${n}`));
    });

    it(`${TESSERA}/tile/entries/000.p/${n}: encoded byte for byte, decoded, hashes match the tile`, () => {
      const bundle = readVector(`${TESSERA}/tile/entries/000.p/${n}`);
      expect(encodeEntryBundle(entries)).toEqual(bundle);
      const path = parseTilePath(`tile/entries/000.p/${n}`);
      expect(path).toEqual({ kind: 'entries', index: 0, width: n });
      const decoded = decodeEntryBundle(bundle, path.width);
      expect(decoded.map((e) => fromUtf8(e))).toEqual(entries.map((e) => fromUtf8(e)));
      const hashes = tileHashes(readVector(`${TESSERA}/tile/0/000.p/${n}`), n);
      decoded.forEach((entry, i) => expect(hashLeaf(entry)).toEqual(hashes[i]));
    });

    it(`${TESSERA}/checkpoint.${n}: root recomputed from the tiles`, async () => {
      const { size, root } = checkpointSizeAndRoot(`${TESSERA}/checkpoint.${n}`);
      expect(size).toBe(n);
      expect(toBase64(await rootFromTiles(tessera.fetch, size))).toBe(toBase64(root));
      for (let m = 0; m < n; m += 1) {
        const { leafHash, proof } = await inclusionProofFromTiles(tessera.fetch, n, m);
        expect(leafHash).toEqual(hashLeaf(TESSERA_ENTRIES[m]!));
        expect(inclusionRoot(m, n, leafHash, proof), `leaf ${m}`).toEqual(root);
      }
    });
  }

  it(`${TESSERA}/checkpoint: the latest checkpoint's root recomputed from the tiles`, async () => {
    const { size, root } = checkpointSizeAndRoot(`${TESSERA}/checkpoint`);
    expect(size).toBe(15);
    expect(await rootFromTiles(tessera.fetch, size)).toEqual(root);
  });

  it(`${TESSERA}: tiles fetched are only those the checkpoints' sizes require`, () => {
    for (const path of tessera.fetched) expect(path).toMatch(/^tile\/0\/000\.p\/([1-9]|1[0-5])$/);
  });

  it(`${TESSERA}/tile/0/000.p/15 with a flipped byte: root mismatch detected`, async () => {
    const { root } = checkpointSizeAndRoot(`${TESSERA}/checkpoint.15`);
    const bad = flipped(readVector(`${TESSERA}/tile/0/000.p/15`), 7 * 32 + 3);
    const computed = await rootFromTiles(() => bad, 15);
    expect(bytesEqual(computed, root)).toBe(false);
  });

  it(`${TESSERA}/tile/0/000.p/15 truncated: refused before hashing`, async () => {
    const short = readVector(`${TESSERA}/tile/0/000.p/15`).subarray(0, 15 * 32 - 1);
    await expect(rootFromTiles(() => short, 15)).rejects.toThrow(
      'tile/0/000.p/15: truncated: expected 480 bytes (15 hashes), got 479',
    );
  });

  it(`${TESSERA}/tile/entries/000.p/15 with a flipped length byte: refused with the offset`, () => {
    const bundle = readVector(`${TESSERA}/tile/entries/000.p/15`);
    // Entry 0 is "one": 00 03 'o' 'n' 'e'. Its high length byte 0x01 makes it 259 bytes long.
    expect(() => decodeEntryBundle(flipped(bundle, 0), 15)).toThrow(
      `entry bundle: entry 0 at byte 0: declares 259 bytes but only ${bundle.length - 2} remain`,
    );
    // Its low length byte 0x02 makes entry 0 "on", and entry 1's length the bytes 'e' 0x00.
    expect(() => decodeEntryBundle(flipped(bundle, 1), 15)).toThrow(
      `entry bundle: entry 1 at byte 4: declares 25856 bytes but only ${bundle.length - 6} remain`,
    );
    // Entry 14 ("fivten", the last) shortened by one: a trailing byte is left over.
    const last = bundle.length - 8;
    expect(() => decodeEntryBundle(flipped(bundle, last + 1, 0x06 ^ 0x05), 15)).toThrow(
      `entry bundle: 1 trailing bytes at byte ${bundle.length - 1}, after entry 14`,
    );
  });
});

// ---------------------------------------------------------------------------------------------
// sunlight/cmd/skylight/testdata/witness/mirror/<sha256(origin)>: a real 300-entry tree.

const SUNLIGHT =
  'sunlight/cmd/skylight/testdata/witness/mirror/000de184301123b9278c086a7d9f68c9577e83872224c197058fd90784ea9706';
const SUNLIGHT_ROOT = 'gw31yQrqZZCcEOPrzX+bpy3nJ6QgngTKn8G1m0i62uU=';
const sunlightLeaves = Array.from({ length: 300 }, (_, i) => hashLeaf(utf8(`record ${i}`)));
const sunlightBuilt = new Map(buildTilesFromLeafHashes(sunlightLeaves).map((t) => [t.path, t.data] as const));

describe(SUNLIGHT, () => {
  it('the tiles of a 300-entry tree are exactly the three mirrored files', () => {
    expect([...sunlightBuilt.keys()]).toEqual(['tile/0/000', 'tile/0/001.p/44', 'tile/1/000.p/1']);
  });

  for (const path of ['tile/0/000', 'tile/0/001.p/44', 'tile/1/000.p/1']) {
    it(`${SUNLIGHT}/${path}: rebuilt byte for byte from "record i", i < 300`, () => {
      expect(sunlightBuilt.get(path)).toEqual(readVector(`${SUNLIGHT}/${path}`));
    });
  }

  it(`${SUNLIGHT}/checkpoint: root at size 300 recomputed from the mirrored tiles`, async () => {
    const { size, root } = checkpointSizeAndRoot(`${SUNLIGHT}/checkpoint`);
    expect(size).toBe(300);
    expect(toBase64(root)).toBe(SUNLIGHT_ROOT);
    const { fetch, fetched } = diskTiles(SUNLIGHT);
    expect(toBase64(await rootFromTiles(fetch, 300))).toBe(SUNLIGHT_ROOT);
    // 300 = 256 + 44: the level-1 hash and the partial level-0 tile; the full tile is not needed.
    expect(fetched.sort()).toEqual(['tile/0/001.p/44', 'tile/1/000.p/1']);
  });

  it(`${SUNLIGHT}/tile/*: inclusion of leaves across both level-0 tiles verifies against the root`, async () => {
    const { fetch } = diskTiles(SUNLIGHT);
    const root = fromBase64(SUNLIGHT_ROOT);
    for (const m of [0, 1, 127, 254, 255, 256, 257, 287, 288, 295, 296, 299]) {
      const { leafHash, proof } = await inclusionProofFromTiles(fetch, 300, m);
      expect(leafHash).toEqual(sunlightLeaves[m]);
      expect(inclusionRoot(m, 300, leafHash, proof), `leaf ${m}`).toEqual(root);
    }
  });

  it(`${SUNLIGHT}/tile/1/000.p/1 equals the root of the 256 hashes of tile/0/000`, () => {
    const root256 = buildTilesFromLeafHashes(tileHashes(readVector(`${SUNLIGHT}/tile/0/000`), 256)).find(
      (t) => t.path === 'tile/1/000.p/1',
    );
    expect(root256?.data).toEqual(readVector(`${SUNLIGHT}/tile/1/000.p/1`));
  });

  it(`${SUNLIGHT}/tile/0/001.p/44 truncated: refused with the path and lengths`, async () => {
    const short = readVector(`${SUNLIGHT}/tile/0/001.p/44`).subarray(0, 44 * 32 - 5);
    const fetch: FetchTile = (path) => (path === 'tile/0/001.p/44' ? short : readVector(`${SUNLIGHT}/${path}`));
    await expect(rootFromTiles(fetch, 300)).rejects.toThrow(
      'tile/0/001.p/44: truncated: expected 1408 bytes (44 hashes), got 1403',
    );
  });

  for (const [path, at] of [
    ['tile/0/001.p/44', 43 * 32 + 31],
    ['tile/1/000.p/1', 0],
  ] as const) {
    it(`${SUNLIGHT}/${path} with a flipped byte: root mismatch detected`, async () => {
      const bad = flipped(readVector(`${SUNLIGHT}/${path}`), at, 0x80);
      const fetch: FetchTile = (p) => (p === path ? bad : readVector(`${SUNLIGHT}/${p}`));
      expect(toBase64(await rootFromTiles(fetch, 300))).not.toBe(SUNLIGHT_ROOT);
    });
  }

  it(`${SUNLIGHT}/tile/0/000 with a flipped byte: the inclusion proof no longer reaches the root`, async () => {
    const bad = flipped(readVector(`${SUNLIGHT}/tile/0/000`), 100 * 32);
    const fetch: FetchTile = (p) => (p === 'tile/0/000' ? bad : readVector(`${SUNLIGHT}/${p}`));
    const { leafHash, proof } = await inclusionProofFromTiles(fetch, 300, 101);
    expect(inclusionRoot(101, 300, leafHash, proof)).not.toEqual(fromBase64(SUNLIGHT_ROOT));
  });
});
