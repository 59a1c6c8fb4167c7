import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PlenumError, bytesEqual, concatBytes, toHex, utf8 } from '@plenum/kernel';
import { EMPTY_ROOT, HASH_SIZE, hashLeaf } from './hash.ts';
import {
  consistencyProof,
  hashReaderFromArray,
  inclusionProof,
  rootOf,
  storedHashesOf,
  type HashReader,
} from './merkle.ts';
import {
  TILE_WIDTH,
  buildTile,
  buildTilesFromLeafHashes,
  consistencyProofFromTiles,
  decodeEntryBundle,
  encodeEntryBundle,
  encodeTileIndex,
  entryBundlePath,
  entryBundlesChanged,
  entryBundlesForSize,
  inclusionProofFromTiles,
  nodeHashFromTiles,
  nodeHashesFromTiles,
  parseSumdbTilePath,
  parseTileIndex,
  parseTilePath,
  rootFromTiles,
  sumdbTilePath,
  tileForNode,
  tileHashes,
  tileLevelHashes,
  tileLevels,
  tilePath,
  tileWidthAt,
  tilesChanged,
  tilesForSize,
  type FetchTile,
  type TileCoord,
} from './tiles.ts';
import { inclusionRoot } from './test-support/inclusion-root.ts';

/** tiles.ts handles trees of up to 2^53 − 1 entries. */
const MAX_TREE_SIZE = Number.MAX_SAFE_INTEGER;

// ---------------------------------------------------------------------------------------------
// Reference: the tree-based functions of merkle.ts, which the RFC 9162 vectors and Go's
// sumdb/tlog check (tests/log, tests/interop). Tiles must give exactly what they give.

const mth = rootOf;

function storedOf(leaves: readonly Uint8Array[]): HashReader {
  return hashReaderFromArray(storedHashesOf(leaves));
}

/** RFC 9162 §2.1.3.1 PATH(m, D[n]). */
function refPath(m: number, leaves: readonly Uint8Array[]): Uint8Array[] {
  return inclusionProof(m, leaves.length, storedOf(leaves));
}

/** RFC 9162 §2.1.4.1 PROOF(m, D[n]). */
function refConsistency(m: number, leaves: readonly Uint8Array[]): Uint8Array[] {
  return consistencyProof(m, leaves.length, storedOf(leaves));
}

const leavesCache: Uint8Array[] = [];
function leafHashes(n: number): Uint8Array[] {
  for (let i = leavesCache.length; i < n; i += 1) leavesCache.push(hashLeaf(utf8(`leaf ${i}`)));
  return leavesCache.slice(0, n);
}

/** A fetchTile over the tiles of a tree, counting what is fetched. */
function tileStore(leaves: readonly Uint8Array[]): {
  fetch: FetchTile;
  fetched: string[];
  tiles: Map<string, Uint8Array>;
} {
  const tiles = new Map(buildTilesFromLeafHashes(leaves).map((t) => [t.path, t.data] as const));
  const fetched: string[] = [];
  const fetch: FetchTile = (path) => {
    fetched.push(path);
    const data = tiles.get(path);
    if (data === undefined) throw new Error(`404 ${path}`);
    return data;
  };
  return { fetch, fetched, tiles };
}

/** Whether some tree of at most 2^53 − 1 entries has the tile. */
function possible(t: TileCoord): boolean {
  return (t.index * 256 + t.width) * 256 ** t.level <= MAX_TREE_SIZE;
}

function hex(list: readonly Uint8Array[]): string[] {
  return list.map(toHex);
}

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof PlenumError ? error.code : 'not a PlenumError';
  }
  return undefined;
}

function errorOf(fn: () => unknown): PlenumError {
  try {
    fn();
  } catch (error) {
    if (error instanceof PlenumError) return error;
    throw error;
  }
  throw new Error('expected a PlenumError');
}

// ---------------------------------------------------------------------------------------------

describe('tile index encoding (tlog-tiles "Merkle Tree": <N>)', () => {
  it('writes zero-padded three-digit groups, all but the last prefixed with x', () => {
    expect(encodeTileIndex(0)).toBe('000');
    expect(encodeTileIndex(7)).toBe('007');
    expect(encodeTileIndex(999)).toBe('999');
    expect(encodeTileIndex(1000)).toBe('x001/000');
    expect(encodeTileIndex(1234067)).toBe('x001/x234/067');
    expect(encodeTileIndex(MAX_TREE_SIZE)).toBe('x009/x007/x199/x254/x740/991');
  });

  it('round-trips every safe index', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), (n) => {
        expect(parseTileIndex(encodeTileIndex(n))).toBe(n);
      }),
    );
  });

  it('refuses non-canonical encodings', () => {
    for (const bad of [
      '',
      '0',
      '00',
      '0000',
      '1',
      'x000/001',
      'x001',
      '001/000',
      'x001/x002',
      'x1/000',
      'X001/000',
      'x001//000',
      '/000',
      '000/',
      '+01',
      '-01',
      ' 001',
      'x009/x007/x199/x254/x740/992',
      'x001/x000/x000/x000/x000/x000/000',
    ]) {
      expect(
        code(() => parseTileIndex(bad)),
        bad,
      ).toBe('invalid_input');
    }
  });

  it('refuses indexes that are not safe integers', () => {
    for (const bad of [-1, 1.5, Number.NaN, Infinity, MAX_TREE_SIZE + 1]) {
      expect(code(() => encodeTileIndex(bad))).toBe('invalid_input');
    }
  });
});

describe('tile and entry bundle paths', () => {
  it('formats tile/<L>/<N>[.p/<W>] and tile/entries/<N>[.p/<W>]', () => {
    expect(tilePath({ level: 0, index: 0, width: TILE_WIDTH })).toBe('tile/0/000');
    expect(tilePath({ level: 0, index: 1, width: 44 })).toBe('tile/0/001.p/44');
    expect(tilePath({ level: 2, index: 1234067, width: 1 })).toBe('tile/2/x001/x234/067.p/1');
    expect(entryBundlePath({ index: 273, width: 112 })).toBe('tile/entries/273.p/112');
    expect(entryBundlePath({ index: 1000, width: 256 })).toBe('tile/entries/x001/000');
  });

  it('parses what it formats', () => {
    expect(parseTilePath('tile/0/001.p/44')).toEqual({ kind: 'tile', level: 0, index: 1, width: 44 });
    expect(parseTilePath('tile/1/000')).toEqual({ kind: 'tile', level: 1, index: 0, width: 256 });
    expect(parseTilePath('tile/entries/x001/x234/067.p/255')).toEqual({
      kind: 'entries',
      index: 1234067,
      width: 255,
    });
    expect(parseTilePath('tile/6/000.p/31')).toEqual({ kind: 'tile', level: 6, index: 0, width: 31 });
  });

  const tileArb = fc.integer({ min: 0, max: 6 }).chain((level) =>
    fc
      .record({
        level: fc.constant(level),
        index: fc.integer({ min: 0, max: Math.floor(MAX_TREE_SIZE / 256 ** (level + 1)) }),
        width: fc.integer({ min: 1, max: 256 }),
      })
      .filter(possible),
  );

  it('round-trips any tile and bundle of a tree of at most 2^53 − 1 entries', () => {
    fc.assert(
      fc.property(tileArb, (tile) => {
        expect(parseTilePath(tilePath(tile))).toEqual({ kind: 'tile', ...tile });
      }),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: Math.floor(MAX_TREE_SIZE / 256) - 1 }),
        fc.integer({ min: 1, max: 256 }),
        (index, width) => {
          expect(parseTilePath(entryBundlePath({ index, width }))).toEqual({ kind: 'entries', index, width });
        },
      ),
    );
  });

  it('refuses non-canonical and malformed paths (attacker-controlled input)', () => {
    for (const bad of [
      '',
      'tile',
      'tile/',
      'tile/0',
      'tile/0/',
      '/tile/0/000',
      'tile/0/000/',
      'TILE/0/000',
      'tile//000',
      'tile/00/000',
      'tile/01/000',
      'tile/+1/000',
      'tile/-1/000',
      'tile/64/000',
      'tile/100/000',
      'tile/7/000.p/1', // a level-7 tile needs a tree of at least 2^56 entries
      'tile/6/001', // so does a second level-6 tile
      'tile/0/0',
      'tile/0/00',
      'tile/0/0000',
      'tile/0/x000/001',
      'tile/0/x001',
      'tile/0/001/000',
      'tile/0/x1/000',
      'tile/0/000.p/0',
      'tile/0/000.p/00',
      'tile/0/000.p/01',
      'tile/0/000.p/256',
      'tile/0/000.p/1000',
      'tile/0/000.p/',
      'tile/0/000.p/1/',
      'tile/0/000.p/+1',
      'tile/0/000.p',
      'tile/0/000.P/1',
      'tile/0/000.p/1 ',
      'tile/0/000\n',
      ' tile/0/000',
      'tile/0/000?x=1',
      'tile/0/../000',
      'tile/0/٠٠٠',
      'tile/data/000',
      'tile/entry/000',
      'tile/entries/000.p/256',
      'tile/entries/000.p/0',
      'tile/entries/x000/000',
      'tile/entries/0/000',
      'tile/8/0/000', // the Go sumdb layout is not a C2SP path
      `tile/0/${'x001/'.repeat(30)}000`,
    ]) {
      expect(
        code(() => parseTilePath(bad)),
        JSON.stringify(bad),
      ).toBe('invalid_input');
    }
  });

  it('accepts nothing but the canonical form: any parsed string is what formatting writes', () => {
    const pathish = fc.stringMatching(/^tile\/(entries|[0-9x]{1,3})\/[0-9x/.p]{1,30}$/);
    fc.assert(
      fc.property(fc.oneof(pathish, fc.string()), (text) => {
        let parsed;
        try {
          parsed = parseTilePath(text);
        } catch (error) {
          expect(error).toBeInstanceOf(PlenumError);
          return;
        }
        const again = parsed.kind === 'tile' ? tilePath(parsed) : entryBundlePath(parsed);
        expect(again).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses invalid coordinates when formatting', () => {
    for (const tile of [
      { level: -1, index: 0, width: 1 },
      { level: 64, index: 0, width: 1 },
      { level: 0.5, index: 0, width: 1 },
      { level: 0, index: -1, width: 1 },
      { level: 0, index: 0, width: 0 },
      { level: 0, index: 0, width: 257 },
      { level: 7, index: 0, width: 1 },
    ]) {
      expect(
        code(() => tilePath(tile)),
        JSON.stringify(tile),
      ).toBe('invalid_input');
    }
    expect(code(() => entryBundlePath({ index: 0, width: 0 }))).toBe('invalid_input');
  });
});

describe('Go sumdb tile paths (tile/<H>/<L>/<N>[.p/<W>])', () => {
  it('formats and parses, with level "data" for records', () => {
    expect(parseSumdbTilePath('tile/3/5/x123/x456/078.p/2')).toEqual({
      height: 3,
      level: 5,
      index: 123456078,
      width: 2,
    });
    expect(parseSumdbTilePath('tile/8/data/001')).toEqual({ height: 8, level: 'data', index: 1, width: 256 });
    expect(sumdbTilePath({ height: 4, level: 0, index: 1, width: 5 })).toBe('tile/4/0/001.p/5');
    expect(sumdbTilePath({ height: 4, level: 0, index: 1, width: 16 })).toBe('tile/4/0/001');
  });

  it('with height 8 it is the C2SP path plus the height element', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 1, max: 256 }),
        (level, index, width) => {
          fc.pre(possible({ level, index, width }));
          const c2sp = tilePath({ level, index, width });
          expect(sumdbTilePath({ height: 8, level, index, width })).toBe(c2sp.replace(/^tile\//, 'tile/8/'));
          const data = sumdbTilePath({ height: 8, level: 'data', index, width });
          expect(data.replace(/^tile\/8\/data\//, 'tile/entries/')).toBe(entryBundlePath({ index, width }));
        },
      ),
    );
  });

  it('refuses non-canonical paths', () => {
    for (const bad of [
      'tile/3/5/123/456/078',
      'tile/3/-1/123/456/078',
      'tile/0/0/000',
      'tile/31/0/000',
      'tile/03/0/000',
      'tile/4/0/001.p/16',
      'tile/4/0/001.p/0',
      'tile/4/00/001',
      'tile/4/0/x000/001',
      'tile/4/entries/001',
      'tile/0/000',
    ]) {
      expect(
        code(() => parseSumdbTilePath(bad)),
        bad,
      ).toBe('invalid_input');
    }
  });
});

describe('tiles of a tree (tlog-tiles "Partial Tiles")', () => {
  it('matches the spec examples: sizes 70,000 and 256', () => {
    expect(tileLevels(70000)).toEqual([
      { level: 0, fullTiles: 273, partialWidth: 112 },
      { level: 1, fullTiles: 1, partialWidth: 17 },
      { level: 2, fullTiles: 0, partialWidth: 1 },
    ]);
    expect([...tilesForSize(256)].map(tilePath)).toEqual(['tile/0/000', 'tile/1/000.p/1']);
    expect([...tilesForSize(0)]).toEqual([]);
    expect(tileLevels(0)).toEqual([]);
  });

  /** Brute force: tile (l, n) of a tree of size s has min(256, floor(s / 256^l) − 256n) hashes. */
  function bruteTiles(size: number): Set<string> {
    const out = new Set<string>();
    for (let level = 0; 256 ** level <= size; level += 1) {
      const hashes = Math.floor(size / 256 ** level);
      for (let index = 0; index * 256 < hashes; index += 1) {
        out.add(tilePath({ level, index, width: Math.min(256, hashes - index * 256) }));
      }
    }
    return out;
  }

  const sizeArb = fc.oneof(fc.integer({ min: 0, max: 600 }), fc.integer({ min: 0, max: 140_000 }));

  it('tilesForSize lists each tile of the tree once, in level order', () => {
    fc.assert(
      fc.property(sizeArb, (size) => {
        const tiles = [...tilesForSize(size)];
        const paths = tiles.map(tilePath);
        expect(new Set(paths)).toEqual(bruteTiles(size));
        expect(paths.length).toBe(new Set(paths).size);
        for (const t of tiles) expect(tileWidthAt(size, t.level, t.index)).toBe(t.width);
        const summary = tileLevels(size);
        for (const { level, fullTiles, partialWidth } of summary) {
          const own = tiles.filter((t) => t.level === level);
          expect(own.filter((t) => t.width === 256).length).toBe(fullTiles);
          expect(own.find((t) => t.width < 256)?.width ?? 0).toBe(partialWidth);
        }
      }),
    );
  });

  it('tilesChanged(a, b) is exactly the tiles of b that a does not have', () => {
    fc.assert(
      fc.property(sizeArb, sizeArb, (x, y) => {
        const [a, b] = x <= y ? [x, y] : [y, x];
        const before = bruteTiles(a);
        const expected = [...bruteTiles(b)].filter((p) => !before.has(p)).sort();
        expect([...tilesChanged(a, b)].map(tilePath).sort()).toEqual(expected);
        const bundles = [...entryBundlesChanged(a, b)].map(entryBundlePath).sort();
        expect(bundles).toEqual(
          expected.filter((p) => p.startsWith('tile/0/')).map((p) => p.replace('tile/0/', 'tile/entries/')),
        );
      }),
    );
    expect([...tilesChanged(300, 300)]).toEqual([]);
    expect([...tilesChanged(255, 256)].map(tilePath)).toEqual(['tile/0/000', 'tile/1/000.p/1']);
    expect(code(() => [...tilesChanged(2, 1)])).toBe('invalid_input');
  });

  it('entry bundles follow the level-0 tiles', () => {
    expect([...entryBundlesForSize(300)].map(entryBundlePath)).toEqual(['tile/entries/000', 'tile/entries/001.p/44']);
    expect([...entryBundlesForSize(0)]).toEqual([]);
  });

  it('handles the largest supported tree lazily', () => {
    expect(tileLevels(MAX_TREE_SIZE).map((l) => l.partialWidth)).toEqual([255, 255, 255, 255, 255, 255, 31]);
    const changed = [...tilesChanged(MAX_TREE_SIZE - 1, MAX_TREE_SIZE)];
    expect(changed.map(tilePath)).toEqual(['tile/0/x035/x184/x372/x088/831.p/255']);
    expect(code(() => tileLevels(MAX_TREE_SIZE + 1))).toBe('invalid_input');
    expect(code(() => tileLevels(-1))).toBe('invalid_input');
    expect(code(() => tileLevels(1.5))).toBe('invalid_input');
  });
});

describe('building tiles', () => {
  it('level hashes: leaf hashes, then the root of each full tile below', () => {
    const leaves = leafHashes(256 * 3 + 7);
    const levels = tileLevelHashes(leaves);
    expect(levels.map((l) => l.length)).toEqual([775, 3]);
    expect(hex(levels[1]!)).toEqual(hex([0, 1, 2].map((i) => mth(leaves.slice(256 * i, 256 * (i + 1))))));
    expect(tileLevelHashes([])).toEqual([[]]);
  });

  it('a tile is its hashes concatenated', () => {
    const leaves = leafHashes(300);
    const tile = buildTile({ level: 0, index: 1, width: 44 }, (level, index) => {
      expect(level).toBe(0);
      return leaves[index]!;
    });
    expect(tile).toEqual(concatBytes(...leaves.slice(256, 300)));
    expect(code(() => buildTile({ level: 0, index: 0, width: 1 }, () => new Uint8Array(31)))).toBe('invalid_input');
  });

  it('builds every tile of tilesForSize', () => {
    const built = buildTilesFromLeafHashes(leafHashes(70000));
    expect(built.map((t) => t.path)).toEqual([...tilesForSize(70000)].map(tilePath));
    const last = built.find((t) => t.path === 'tile/1/001.p/17');
    expect(last?.data.length).toBe(17 * HASH_SIZE);
    expect(last?.data.subarray(0, HASH_SIZE)).toEqual(mth(leafHashes(70000).slice(65536, 65536 + 256)));
  });

  it('splits tile bytes strictly by width', () => {
    const data = concatBytes(...leafHashes(3));
    expect(hex(tileHashes(data, 3))).toEqual(hex(leafHashes(3)));
    const short = errorOf(() => tileHashes(data.subarray(1), 3, 'tile/0/000.p/3'));
    expect(short.message).toBe('tile/0/000.p/3: truncated: expected 96 bytes (3 hashes), got 95');
    expect(short.params).toEqual({ expected: 96, actual: 95 });
    expect(errorOf(() => tileHashes(concatBytes(data, new Uint8Array(1)), 3)).message).toContain('too long');
    expect(code(() => tileHashes(new Uint8Array(0), 0))).toBe('invalid_input');
  });
});

describe('reading the tree from tiles', () => {
  it('computes the RFC 9162 root of every size from its tiles', async () => {
    const leaves = leafHashes(1100);
    for (const size of [0, 1, 2, 3, 7, 8, 255, 256, 257, 511, 512, 513, 767, 1024, 1099, 1100]) {
      const { fetch } = tileStore(leaves.slice(0, size));
      expect(toHex(await rootFromTiles(fetch, size)), `size ${size}`).toBe(toHex(mth(leaves.slice(0, size))));
    }
  });

  it('computes the root across three tile levels', async () => {
    const size = 65536 + 256 * 5 + 3;
    const leaves = leafHashes(size);
    const { fetch, fetched } = tileStore(leaves);
    expect(toHex(await rootFromTiles(fetch, size))).toBe(toHex(mth(leaves)));
    // 65536 = level-2 hash; 5·256 from the level-1 partial tile; 3 leaves from the level-0 partial tile.
    expect(fetched.sort()).toEqual(['tile/0/261.p/3', 'tile/1/001.p/5', 'tile/2/000.p/1']);
  });

  it('agrees with the reference for random sizes, fetching each needed tile once', async () => {
    const leaves = leafHashes(2000);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2000 }), async (size) => {
        const { fetch, fetched, tiles } = tileStore(leaves.slice(0, size));
        expect(toHex(await rootFromTiles(fetch, size))).toBe(toHex(mth(leaves.slice(0, size))));
        expect(new Set(fetched).size).toBe(fetched.length);
        for (const path of fetched) expect(tiles.has(path)).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it('reads any complete-subtree node', async () => {
    const leaves = leafHashes(600);
    const { fetch } = tileStore(leaves);
    for (const [level, index] of [
      [0, 0],
      [0, 599],
      [3, 74],
      [8, 0],
      [8, 1],
      [9, 0],
      [4, 36],
    ] as const) {
      const start = index * 2 ** level;
      expect(toHex(await nodeHashFromTiles(fetch, 600, level, index)), `${level}/${index}`).toBe(
        toHex(mth(leaves.slice(start, start + 2 ** level))),
      );
    }
    expect(tileForNode(600, { level: 9, index: 0 })).toEqual({ level: 1, index: 0, width: 2 });
    expect(tileForNode(600, { level: 3, index: 70 })).toEqual({ level: 0, index: 2, width: 88 });
    await expect(nodeHashFromTiles(fetch, 600, 4, 37)).rejects.toThrow(/not a complete subtree/);
    await expect(nodeHashFromTiles(fetch, 600, 10, 0)).rejects.toThrow(PlenumError);
    expect(await nodeHashesFromTiles(fetch, 600, [])).toEqual([]);
  });

  it('produces RFC 9162 inclusion proofs that verify, for every leaf of small trees', async () => {
    const leaves = leafHashes(40);
    for (let size = 1; size <= 40; size += 1) {
      const { fetch } = tileStore(leaves.slice(0, size));
      const root = mth(leaves.slice(0, size));
      for (let m = 0; m < size; m += 1) {
        const { leafHash, proof } = await inclusionProofFromTiles(fetch, size, m);
        expect(hex(proof)).toEqual(hex(refPath(m, leaves.slice(0, size))));
        expect(leafHash).toEqual(leaves[m]);
        expect(inclusionRoot(m, size, leafHash, proof)).toEqual(root);
      }
    }
  });

  it('produces inclusion proofs in larger trees', async () => {
    const leaves = leafHashes(3000);
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 3000 }).chain((size) => fc.tuple(fc.constant(size), fc.nat(size - 1))),
        async ([size, m]) => {
          const { fetch } = tileStore(leaves.slice(0, size));
          const { leafHash, proof } = await inclusionProofFromTiles(fetch, size, m);
          expect(hex(proof)).toEqual(hex(refPath(m, leaves.slice(0, size))));
          expect(inclusionRoot(m, size, leafHash, proof)).toEqual(mth(leaves.slice(0, size)));
        },
      ),
      { numRuns: 30 },
    );
    const { fetch } = tileStore(leaves.slice(0, 10));
    await expect(inclusionProofFromTiles(fetch, 10, 10)).rejects.toThrow(PlenumError);
    await expect(inclusionProofFromTiles(fetch, 0, 0)).rejects.toThrow(PlenumError);
  });

  it('produces RFC 9162 consistency proofs', async () => {
    const leaves = leafHashes(1500);
    for (let n = 1; n <= 20; n += 1) {
      const { fetch } = tileStore(leaves.slice(0, n));
      for (let m = 1; m <= n; m += 1) {
        const proof = await consistencyProofFromTiles(fetch, m, n);
        expect(hex(proof), `${m} → ${n}`).toEqual(hex(refConsistency(m, leaves.slice(0, n))));
      }
    }
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1500 }), fc.integer({ min: 1, max: 1500 }), async (x, y) => {
        const [m, n] = x <= y ? [x, y] : [y, x];
        const { fetch } = tileStore(leaves.slice(0, n));
        expect(hex(await consistencyProofFromTiles(fetch, m, n))).toEqual(hex(refConsistency(m, leaves.slice(0, n))));
      }),
      { numRuns: 30 },
    );
    const { fetch } = tileStore(leaves.slice(0, 10));
    await expect(consistencyProofFromTiles(fetch, 0, 10)).rejects.toThrow(PlenumError);
    await expect(consistencyProofFromTiles(fetch, 11, 10)).rejects.toThrow(PlenumError);
  });

  it('refuses tiles of the wrong length and passes fetch failures on', async () => {
    const leaves = leafHashes(300);
    const { tiles } = tileStore(leaves);
    const truncated: FetchTile = (path) => {
      const data = tiles.get(path)!;
      return path === 'tile/0/001.p/44' ? data.subarray(0, data.length - 1) : data;
    };
    await expect(rootFromTiles(truncated, 300)).rejects.toThrow(
      'tile/0/001.p/44: truncated: expected 1408 bytes (44 hashes), got 1407',
    );
    const failing: FetchTile = (path) => Promise.reject(new Error(`404 ${path}`));
    await expect(rootFromTiles(failing, 300)).rejects.toThrow(/^404 tile\//);
    const throwing: FetchTile = () => {
      throw new Error('offline');
    };
    await expect(rootFromTiles(throwing, 300)).rejects.toThrow('offline');
  });

  it('detects a flipped bit in any tile it reads', async () => {
    const leaves = leafHashes(300);
    const { tiles } = tileStore(leaves);
    const root = mth(leaves);
    for (const [path, data] of tiles) {
      const bad = data.slice();
      bad[bad.length - 1] = bad[bad.length - 1]! ^ 1;
      const fetch: FetchTile = (p) => (p === path ? bad : tiles.get(p)!);
      const { leafHash, proof } = await inclusionProofFromTiles(fetch, 300, path === 'tile/0/000' ? 255 : 299);
      const reached = inclusionRoot(path === 'tile/0/000' ? 255 : 299, 300, leafHash, proof);
      expect(bytesEqual(reached ?? new Uint8Array(0), root), path).toBe(false);
      // tile/0/000 is not read for the root at 300: its root is the one hash of tile/1/000.p/1.
      if (path !== 'tile/0/000') expect(bytesEqual(await rootFromTiles(fetch, 300), root), path).toBe(false);
    }
  });

  it('returns a fresh empty root for size 0 without fetching', async () => {
    const root = await rootFromTiles(() => Promise.reject(new Error('no fetch expected')), 0);
    expect(root).toEqual(EMPTY_ROOT);
    root[0] = 0;
    expect(EMPTY_ROOT[0]).not.toBe(0);
  });
});

describe('entry bundles (tlog-tiles "Log entries")', () => {
  it('encodes uint16 big-endian length-prefixed entries', () => {
    expect(toHex(encodeEntryBundle([utf8('one'), utf8('two'), new Uint8Array(0)]))).toBe('00036f6e65000374776f0000');
    expect(encodeEntryBundle([new Uint8Array(0x1234)]).subarray(0, 2)).toEqual(new Uint8Array([0x12, 0x34]));
  });

  it('round-trips any 1 to 256 entries', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { minLength: 1, maxLength: 256 }), (entries) => {
        const bundle = encodeEntryBundle(entries);
        expect(decodeEntryBundle(bundle, entries.length)).toEqual(entries);
        expect(decodeEntryBundle(bundle)).toEqual(entries);
      }),
      { numRuns: 50 },
    );
  });

  it('round-trips the largest entry and refuses a larger one', () => {
    const big = new Uint8Array(0xffff).fill(7);
    expect(decodeEntryBundle(encodeEntryBundle([big]), 1)).toEqual([big]);
    expect(errorOf(() => encodeEntryBundle([new Uint8Array(0x10000)])).message).toContain('more than 65535');
    expect(code(() => encodeEntryBundle([]))).toBe('invalid_input');
    expect(code(() => encodeEntryBundle(Array.from({ length: 257 }, () => new Uint8Array(0))))).toBe('invalid_input');
  });

  const bundle = encodeEntryBundle([utf8('one'), utf8('two')]); // 10 bytes

  it('refuses a truncated length prefix, with its offset', () => {
    const error = errorOf(() => decodeEntryBundle(concatBytes(bundle, new Uint8Array([0])), 3));
    expect(error.message).toBe('entry bundle: entry 2: truncated length prefix at byte 10');
    expect(error.params).toEqual({ offset: 10, entry: 2 });
  });

  it('refuses an entry running past the end, with its offset', () => {
    const error = errorOf(() => decodeEntryBundle(bundle.subarray(0, 9), 2));
    expect(error.message).toBe('entry bundle: entry 1 at byte 5: declares 3 bytes but only 2 remain');
    expect(error.params).toEqual({ offset: 5, entry: 1 });
  });

  it('refuses more entries than the width', () => {
    const error = errorOf(() => decodeEntryBundle(bundle, 1));
    expect(error.message).toBe('entry bundle: more than 1 entries: an extra entry starts at byte 5');
    expect(error.params).toEqual({ offset: 5, entry: 1 });
    const many = encodeEntryBundle(Array.from({ length: 256 }, () => new Uint8Array(0)));
    expect(errorOf(() => decodeEntryBundle(concatBytes(many, new Uint8Array(2)))).message).toBe(
      'entry bundle: more than 256 entries: an extra entry starts at byte 512',
    );
  });

  it('refuses trailing bytes after the last entry', () => {
    expect(errorOf(() => decodeEntryBundle(concatBytes(bundle, new Uint8Array([9])), 2)).message).toBe(
      'entry bundle: 1 trailing bytes at byte 10, after entry 1',
    );
    expect(errorOf(() => decodeEntryBundle(concatBytes(bundle, new Uint8Array([0, 5, 1])), 2)).message).toBe(
      'entry bundle: 3 trailing bytes at byte 10, after entry 1',
    );
  });

  it('refuses fewer entries than the width, and empty bundles', () => {
    expect(errorOf(() => decodeEntryBundle(bundle, 3)).message).toBe(
      'entry bundle: 2 entries, expected 3 (data ends at byte 10)',
    );
    expect(code(() => decodeEntryBundle(new Uint8Array(0)))).toBe('invalid_input');
    expect(code(() => decodeEntryBundle(bundle, 0))).toBe('invalid_input');
    expect(code(() => decodeEntryBundle(bundle, 257))).toBe('invalid_input');
  });

  it('never throws anything but a PlenumError on arbitrary bytes', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 64 }),
        fc.option(fc.integer({ min: 1, max: 256 }), { nil: undefined }),
        (data, width) => {
          try {
            const entries = decodeEntryBundle(data, width);
            expect(encodeEntryBundle(entries)).toEqual(data);
          } catch (error) {
            expect(error).toBeInstanceOf(PlenumError);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('tileWidthAt', () => {
  it('is the number of hashes a tile has in a tree, 0 to 256', () => {
    expect(tileWidthAt(70000, 0, 273)).toBe(112);
    expect(tileWidthAt(70000, 0, 272)).toBe(256);
    expect(tileWidthAt(70000, 0, 274)).toBe(0);
    expect(tileWidthAt(70000, 1, 1)).toBe(17);
    expect(tileWidthAt(70000, 2, 0)).toBe(1);
    expect(tileWidthAt(70000, 3, 0)).toBe(0);
    expect(tileWidthAt(70000, 63, 0)).toBe(0);
    for (const [level, index] of [
      [-1, 0],
      [64, 0],
      [0, -1],
      [0.5, 0],
    ] as const) {
      expect(code(() => tileWidthAt(1, level, index))).toBe('invalid_input');
    }
  });
});
