import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fromBase64, toBase64, utf8 } from '@plenum/kernel';
import {
  SIGNATURE_TYPE_COSIGNATURE_V1,
  TILE_WIDTH,
  buildTilesFromLeafHashes,
  cosignatureVerifier,
  ed25519Signer,
  ed25519Verifier,
  formatCheckpoint,
  generateSignerKey,
  hashLeaf,
  openCheckpoint,
  parseTilePath,
  rootFromTiles,
  signNote,
  type NoteSigner,
} from '@plenum/log';
import { Plenum } from '@plenum/app';
import { openSqliteStorage } from '@plenum/storage-sqlite';
import { startServer } from '@plenum/server';
import type { LogInfo } from '@plenum/api';
import { main } from './main.ts';

// `plenum witness`, run in this process through main() (the command line, the dispatch, the
// state directory, HTTP): against a real Plenum server on SQLite whose record grows through
// the app, and against a small HTTP server serving a log crafted with @plenum/log and signed
// with the log's own key — a log that lies: split views, forks, rollbacks, bad signatures,
// another origin, broken tiles, refused cosignatures, an outage.

const STACK_LINE = /^\s+at /m;
const ORIGIN = 'example.org/witnessed';
const LOG = generateSignerKey(ORIGIN, new Uint8Array(32).fill(7));
const LOG_SIGNER = ed25519Signer(LOG.signerKey);

const cleanups: (() => void | Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `plenum-${prefix}-`));
  cleanups.push(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}

interface Run {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Runs `plenum <args>` in this process; `stopped` stands for Ctrl-C (never, by default). */
async function plenum(
  args: string[],
  options: { env?: Record<string, string>; stopped?: Promise<void>; cwd?: string } = {},
): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(
    args,
    { LANG: 'C.UTF-8', ...options.env },
    {
      out: (line) => out.push(line),
      err: (line) => err.push(line),
      stopped: options.stopped ?? new Promise(() => undefined),
      cwd: options.cwd ?? tmpdir(),
    },
  );
  const result = { code, out: out.join('\n'), err: err.join('\n') };
  expect(result.err).not.toMatch(STACK_LINE);
  expect(`${result.out}\n${result.err}`).not.toContain('PRIVATE+KEY');
  return result;
}

function witness(url: string, dir: string, ...more: string[]): Promise<Run> {
  return plenum(['witness', url, '--dir', dir, '--once', ...more]);
}

function history(dir: string): {
  size: number;
  root: string;
  note: string;
  cosigned: string;
  cosignature: { accepted: boolean; error?: string };
}[] {
  const file = join(dir, 'history.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as ReturnType<typeof history>[number]);
}

function evidenceFiles(dir: string): string[] {
  return readdirSync(dir).filter((name) => name.startsWith('evidence-'));
}

// ---------------------------------------------------------------------------------------------
// A crafted log, served over HTTP like `plenum serve` serves /log/

interface CraftedLog {
  readonly size: number;
  readonly root: string;
  readonly note: string;
  /** Tiles by `<level>/<index>`: the tree's own (full or partial) tile at that place. */
  readonly tiles: ReadonlyMap<string, Uint8Array>;
}

async function craft(
  entries: readonly string[],
  options: { readonly origin?: string; readonly signer?: NoteSigner } = {},
): Promise<CraftedLog> {
  const built = buildTilesFromLeafHashes(entries.map((entry) => hashLeaf(utf8(entry))));
  const byPath = new Map(built.map((tile) => [tile.path, tile.data] as const));
  const rootHash = await rootFromTiles((path) => byPath.get(path) ?? new Uint8Array(0), entries.length);
  const text = formatCheckpoint({ origin: options.origin ?? ORIGIN, size: entries.length, rootHash, extensions: [] });
  return {
    size: entries.length,
    root: toBase64(rootHash),
    note: signNote(text, [options.signer ?? LOG_SIGNER]),
    tiles: new Map(built.map((tile) => [`${tile.tile.level}/${tile.tile.index}`, tile.data] as const)),
  };
}

function history1(prefix: string, size: number): string[] {
  return Array.from({ length: size }, (_, i) => `${prefix} entry ${i}`);
}

interface LyingServer {
  readonly url: string;
  /** What /log/ serves now. */
  log: CraftedLog | undefined;
  /** Rewrites a tile's bytes before they are sent. */
  tamper: ((path: string, data: Uint8Array) => Uint8Array) | undefined;
  /** Answer every request with this status (an outage). */
  down: number | undefined;
  /** Refuse cosignatures with this status and message. */
  refuse: { status: number; message: string } | undefined;
  readonly received: { witness: string; cosigned: string }[];
  readonly tilesServed: string[];
}

async function lyingServer(initial?: CraftedLog): Promise<LyingServer> {
  const state: LyingServer = {
    url: '',
    log: initial,
    tamper: undefined,
    down: undefined,
    refuse: undefined,
    received: [],
    tilesServed: [],
  };
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    if (state.down !== undefined) {
      response.writeHead(state.down).end('down');
      return;
    }
    if (request.method === 'POST' && path === '/log/cosignature') {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        state.received.push(JSON.parse(body) as { witness: string; cosigned: string });
        if (state.refuse !== undefined) {
          response
            .writeHead(state.refuse.status, { 'content-type': 'application/json' })
            .end(JSON.stringify({ error: { code: 'invalid_input', message: state.refuse.message } }));
        } else {
          response.writeHead(201, { 'content-type': 'application/json' }).end('{}');
        }
      });
      return;
    }
    const log = state.log;
    if (log !== undefined && path === '/log/checkpoint') {
      response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(log.note);
      return;
    }
    if (log !== undefined && path.startsWith('/log/tile/')) {
      const relative = path.slice('/log/'.length);
      try {
        const resource = parseTilePath(relative);
        if (resource.kind === 'tile') {
          const own = log.tiles.get(`${resource.level}/${resource.index}`);
          if (own !== undefined && own.length >= resource.width * 32) {
            state.tilesServed.push(relative);
            const data = own.slice(0, resource.width * 32);
            response.writeHead(200).end(state.tamper?.(relative, data) ?? data);
            return;
          }
        }
      } catch {
        // not a tile path: 404 below
      }
    }
    response.writeHead(404).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  );
  return Object.assign(state, { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
}

/** A witness that has accepted `log` from `server` (first run, with the log key). */
async function witnessed(server: LyingServer, log: CraftedLog): Promise<string> {
  const dir = join(tempDir('witness'), 'state');
  server.log = log;
  const first = await witness(server.url, dir, '--vkey', LOG.verifierKey);
  expect(first.err).toBe('');
  expect(first.code).toBe(0);
  return dir;
}

function expectUnchangedLatest(dir: string, log: CraftedLog): void {
  const latest = openCheckpoint(readFileSync(join(dir, 'latest'), 'utf8'), { log: ed25519Verifier(LOG.verifierKey) });
  expect(latest.checkpoint.size).toBe(log.size);
  expect(toBase64(latest.checkpoint.rootHash)).toBe(log.root);
}

// ---------------------------------------------------------------------------------------------

describe('plenum witness against a real Plenum server', () => {
  it('cosigns, the server serves and lists the cosignature, and it follows the record as it grows', async () => {
    const data = tempDir('witness-server');
    const storage = await openSqliteStorage(join(data, 'plenum.sqlite'));
    cleanups.push(() => storage.close());
    const keys = generateSignerKey('example.org/union', new Uint8Array(32).fill(9));
    const app = new Plenum(storage, {
      log: { origin: 'example.org/union', signer: ed25519Signer(keys.signerKey), verifierKey: keys.verifierKey },
    });
    // Through the app, as `plenum init` and the server do: the founders act until a congress exists.
    const founders = app.localSigner({ kind: 'founders' }, new Uint8Array(32).fill(3));
    await app.initialise('Union', founders, { on: '2026-01-01' });
    const server = await startServer({
      plenum: app,
      version: 'test',
      webRoot: null,
      host: '127.0.0.1',
      port: 0,
      logLevel: 'silent',
    });
    cleanups.push(() => server.close());
    const dir = join(data, 'witness');

    const first = await witness(server.url, dir, '--vkey', keys.verifierKey, '--name', 'witness.test/alice');
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    const vkey = /(witness\.test\/alice\+[0-9a-f]{8}\+\S+)/.exec(first.out)?.[1] ?? '';
    expect(first.out).toContain(`Created the witness key ${join(dir, 'witness-key')}`);
    expect(first.out).toContain(`Pinned the log key ${keys.verifierKey}`);
    expect(first.out).toContain('First checkpoint of example.org/union: 2 entries');
    expect(first.out).toContain('Cosigned the checkpoint of size 2; the server accepted the cosignature.');
    expect(statSync(join(dir, 'witness-key')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, 'log-vkey'), 'utf8')).toBe(`${keys.verifierKey}\n`);

    // The server now serves the checkpoint with the witness's cosignature, and lists the witness.
    const served = await (await fetch(new URL('log/checkpoint', server.url))).text();
    expect(served).toMatch(/^— witness\.test\/alice /m);
    const opened = openCheckpoint(served, {
      log: ed25519Verifier(keys.verifierKey),
      cosigners: [cosignatureVerifier(vkey)],
    });
    expect(opened.cosignatures).toHaveLength(1);
    const info = (await (await fetch(new URL('api/log', server.url))).json()) as LogInfo;
    expect(info.witnesses).toEqual([expect.objectContaining({ witness: vkey, size: 2 })]);

    // The record grows past a full tile; the witness checks the consistency proof and cosigns again.
    const grown = await app.execute(
      Array.from({ length: TILE_WIDTH + 43 }, (_, i) => ({
        by: founders,
        command: {
          type: 'foundUnit' as const,
          unit: { id: `section-${i}`, level: 'section', name: `Section ${i}`, parentId: 'root' },
          on: '2026-01-01',
        },
      })),
    );
    expect(grown.ok).toBe(true);
    const second = await witness(server.url, dir);
    expect(second.err).toBe('');
    expect(second.code).toBe(0);
    expect(second.out).toContain(`Witness key: ${vkey}`);
    expect(second.out).toContain('The log example.org/union grew from 2 to 301 entries');
    expect(second.out).toContain('Cosigned the checkpoint of size 301');
    const lines = history(dir);
    expect(lines.map((line) => [line.size, line.cosignature.accepted])).toEqual([
      [2, true],
      [301, true],
    ]);
    expect(readFileSync(join(dir, 'latest'), 'utf8')).toBe(lines[1]?.cosigned);
    const info2 = (await (await fetch(new URL('api/log', server.url))).json()) as LogInfo;
    expect(info2.witnesses).toEqual([expect.objectContaining({ witness: vkey, size: 301 })]);

    // Nothing new: nothing sent, nothing written. The log's own URL (…/log) works as well.
    const third = await witness(new URL('log', server.url).href, dir);
    expect(third.code).toBe(0);
    expect(third.out).toContain('No change: 301 entries');
    expect(third.out).not.toContain('Cosigned');
    expect(history(dir)).toHaveLength(2);

    // `latest` is a checkpoint `plenum verify record --remembered` takes.
    const verified = await plenum([
      'verify',
      'record',
      new URL('log', server.url).href,
      '--vkey',
      keys.verifierKey,
      '--remembered',
      join(dir, 'latest'),
    ]);
    expect(verified.out).toContain('Consistent with the remembered checkpoint of 301 entries');
  });
});

describe('the witness state directory', () => {
  it('needs --vkey on the first run, and then makes nothing', async () => {
    const server = await lyingServer(await craft(history1('a', 3)));
    const dir = join(tempDir('witness'), 'state');
    const result = await witness(server.url, dir);
    expect(result.code).toBe(2);
    expect(result.err).toContain('the first run of a witness needs the log’s verifier key');
    expect(existsSync(dir)).toBe(false);
  });

  it('refuses a bad --vkey, or a cosigner key for the log, without making a key', async () => {
    const server = await lyingServer(await craft(history1('a', 3)));
    const dir = join(tempDir('witness'), 'state');
    const bad = await witness(server.url, dir, '--vkey', 'example.org/witnessed+00000000+AQ==');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('is not a valid log verifier key');
    const cosigner = generateSignerKey(ORIGIN, new Uint8Array(32).fill(1), SIGNATURE_TYPE_COSIGNATURE_V1);
    const wrongType = await witness(server.url, dir, '--vkey', cosigner.verifierKey);
    expect(wrongType.code).toBe(2);
    expect(wrongType.err).toContain('Ed25519 key (type 0x01)');
    expect(existsSync(dir)).toBe(false);
  });

  it('pins the log key: a different --vkey later is refused loudly and the pin stays', async () => {
    const server = await lyingServer();
    const dir = await witnessed(server, await craft(history1('a', 3)));
    const other = generateSignerKey(ORIGIN, new Uint8Array(32).fill(8));
    const result = await witness(server.url, dir, '--vkey', other.verifierKey);
    expect(result.code).toBe(2);
    expect(result.err).toContain('REFUSED');
    expect(result.err).toContain(other.verifierKey);
    expect(result.err).toContain(LOG.verifierKey);
    expect(readFileSync(join(dir, 'log-vkey'), 'utf8')).toBe(`${LOG.verifierKey}\n`);
    // The same key again is fine.
    expect((await witness(server.url, dir, '--vkey', LOG.verifierKey)).code).toBe(0);
  });

  it('refuses a witness key others can read, and a different --name', async () => {
    const server = await lyingServer();
    const dir = await witnessed(server, await craft(history1('a', 3)));
    const renamed = await witness(server.url, dir, '--name', 'someone.else/witness');
    expect(renamed.code).toBe(2);
    expect(renamed.err).toContain('a witness key is never renamed');
    chmodSync(join(dir, 'witness-key'), 0o640);
    const result = await witness(server.url, dir);
    expect(result.code).toBe(1);
    expect(result.err).toContain(`chmod 600 ${join(dir, 'witness-key')}`);
    expect(result.err.split('\n')).toHaveLength(1);
  });

  it('is used by one witness at a time; a lock left by a witness that is gone is taken over', async () => {
    const server = await lyingServer();
    const dir = await witnessed(server, await craft(history1('a', 3)));
    expect(existsSync(join(dir, 'lock'))).toBe(false);
    writeFileSync(join(dir, 'lock'), `${process.ppid}\n`);
    const busy = await witness(server.url, dir);
    expect(busy.code).toBe(1);
    expect(busy.err).toContain(`another witness (process ${process.ppid}) is using ${dir}`);
    writeFileSync(join(dir, 'lock'), '999999999\n');
    const stale = await witness(server.url, dir);
    expect(stale.code).toBe(0);
    expect(existsSync(join(dir, 'lock'))).toBe(false);
  });

  it('takes the directory from PLENUM_WITNESS_DIR, else ./plenum-witness', async () => {
    const server = await lyingServer(await craft(history1('a', 3)));
    const cwd = tempDir('witness-cwd');
    const fromEnv = join(cwd, 'from-env');
    const byEnv = await plenum(['witness', server.url, '--once', '--vkey', LOG.verifierKey], {
      env: { PLENUM_WITNESS_DIR: fromEnv },
      cwd,
    });
    expect(byEnv.code).toBe(0);
    expect(existsSync(join(fromEnv, 'latest'))).toBe(true);
    const byDefault = await plenum(['witness', server.url, '--once', '--vkey', LOG.verifierKey], { cwd });
    expect(byDefault.code).toBe(0);
    expect(statSync(join(cwd, 'plenum-witness', 'witness-key')).mode & 0o777).toBe(0o600);
  });

  it('says what is wrong with the command line (exit 2)', async () => {
    for (const [args, message] of [
      [['witness'], 'usage: plenum witness <url>'],
      [['witness', 'ftp://example.org/log'], 'is not the http(s) URL'],
      [['witness', 'http://x', '--interval', '0'], '--interval must be a number of seconds'],
      [['witness', 'http://x', '--interval', 'soon'], '“soon”'],
      [['witness', 'http://x', '--name', 'has space'], 'cannot name a witness key'],
      [['witness', 'http://x', 'y'], 'unexpected argument “y”'],
      [['witness', 'http://x', '--frob'], 'unknown option “--frob”'],
    ] as const) {
      const result = await plenum([...args]);
      expect({ args, code: result.code }).toEqual({ args, code: 2 });
      expect(result.err).toContain(message);
      expect(result.err.split('\n')).toHaveLength(1);
    }
    const help = await plenum(['witness', '--help']);
    expect(help.out).toContain('Exit codes of plenum witness:');
    expect(help.out).toContain('--interval <seconds>');
  });
});

describe('a log that misbehaves: exit 3, both signed checkpoints as evidence, latest unchanged', () => {
  async function expectEvidence(dir: string, remembered: CraftedLog, served: CraftedLog, kind: string): Promise<void> {
    const files = evidenceFiles(dir);
    expect(files).toHaveLength(1);
    const evidence = JSON.parse(readFileSync(join(dir, files[0] ?? ''), 'utf8')) as {
      kind: string;
      logKey: string;
      remembered: { size: number; root: string; note: string };
      served: { size: number; root: string; note: string };
    };
    expect(evidence.kind).toBe(kind);
    expect(evidence.logKey).toBe(LOG.verifierKey);
    // Both notes open with the log key alone: anyone can check them.
    for (const [side, log] of [
      [evidence.remembered, remembered],
      [evidence.served, served],
    ] as const) {
      const opened = openCheckpoint(side.note, { log: ed25519Verifier(evidence.logKey), origin: ORIGIN });
      expect([opened.checkpoint.size, toBase64(opened.checkpoint.rootHash)]).toEqual([log.size, log.root]);
      expect([side.size, side.root]).toEqual([log.size, log.root]);
    }
    expect(evidence.served.note).toBe(served.note);
    expectUnchangedLatest(dir, remembered);
    expect(history(dir)).toHaveLength(1);
    await Promise.resolve();
  }

  it('the same size with another root is a split view', async () => {
    const server = await lyingServer();
    const honest = await craft(history1('a', 5));
    const dir = await witnessed(server, honest);
    const other = await craft(history1('b', 5));
    server.log = other;
    const result = await witness(server.url, dir);
    expect(result.code).toBe(3);
    expect(result.err).toContain(
      '!!! SPLIT VIEW: the log example.org/witnessed signed two different trees of the same size, 5.',
    );
    expect(result.err).toContain(`remembered: size 5, root ${honest.root}`);
    expect(result.err).toContain(`served now: size 5, root ${other.root}, at ${server.url}/log/checkpoint`);
    expect(result.err).toMatch(
      /Evidence, both signed checkpoints.*: \/.*\/evidence-split-view-5-5-[0-9a-f]{16}\.json$/m,
    );
    await expectEvidence(dir, honest, other, 'split-view');
    expect(server.received).toHaveLength(1); // the first cosignature only
    // Seen again (a witness run by cron): the same alarm, the same evidence file, not a second one.
    const again = await witness(server.url, dir);
    expect(again.code).toBe(3);
    expect(again.err).toContain('!!! SPLIT VIEW');
    await expectEvidence(dir, honest, other, 'split-view');
  });

  it('a larger tree that does not extend the remembered one is a fork', async () => {
    const server = await lyingServer();
    const honest = await craft(history1('a', 5));
    const dir = await witnessed(server, honest);
    const rewritten = history1('a', 9);
    rewritten[2] = 'a rewritten entry';
    const forked = await craft(rewritten);
    server.log = forked;
    const result = await witness(server.url, dir);
    expect(result.code).toBe(3);
    expect(result.err).toContain(
      '!!! FORK: the log example.org/witnessed signed a tree of size 9 that does not extend the remembered tree of size 5.',
    );
    expect(result.err).toContain(`remembered: size 5, root ${honest.root}`);
    expect(result.err).toContain(`served now: size 9, root ${forked.root}`);
    const prefix = await craft(rewritten.slice(0, 5));
    expect(result.err).toContain(
      `the first 5 entries of the served tree have the root ${prefix.root}, not ${honest.root}`,
    );
    await expectEvidence(dir, honest, forked, 'fork');
  });

  it('a fork from a remembered tree whose size is a power of two, across tiles', async () => {
    const server = await lyingServer();
    const honest = await craft(history1('a', 256));
    const dir = await witnessed(server, honest);
    const rewritten = history1('a', 300);
    rewritten[255] = 'a rewritten entry';
    const forked = await craft(rewritten);
    server.log = forked;
    const result = await witness(server.url, dir);
    expect(result.code).toBe(3);
    expect(result.err).toContain('!!! FORK');
    expect(result.err).toContain(
      `the first 256 entries of the served tree have the root ${(await craft(rewritten.slice(0, 256))).root}`,
    );
    await expectEvidence(dir, honest, forked, 'fork');
  });

  it('a smaller tree is a rollback', async () => {
    const server = await lyingServer();
    const honest = await craft(history1('a', 9));
    const dir = await witnessed(server, honest);
    const old = await craft(history1('a', 5));
    server.log = old;
    const result = await witness(server.url, dir);
    expect(result.code).toBe(3);
    expect(result.err).toContain(
      '!!! ROLLBACK: the log example.org/witnessed now serves a tree of size 5, smaller than the remembered tree of size 9.',
    );
    expect(result.err).toContain(`remembered: size 9, root ${honest.root}`);
    expect(result.err).toContain(`served now: size 5, root ${old.root}`);
    await expectEvidence(dir, honest, old, 'rollback');
  });

  it('an honest log is followed across forks of nothing: a tree that extends the remembered one is accepted', async () => {
    const server = await lyingServer();
    const dir = await witnessed(server, await craft(history1('a', 5)));
    const extended = history1('a', 5).concat(history1('z', 600));
    server.log = await craft(extended);
    const result = await witness(server.url, dir);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toContain('grew from 5 to 605 entries');
    expect(history(dir).map((line) => line.size)).toEqual([5, 605]);
    expect(
      server.received.map((r) => openCheckpoint(r.cosigned, { log: ed25519Verifier(LOG.verifierKey) }).checkpoint.size),
    ).toEqual([5, 605]);
  });
});

describe('a log that serves what does not verify: said exactly, nothing cosigned (exit 4 with --once)', () => {
  it('a checkpoint whose signature does not verify', async () => {
    const server = await lyingServer();
    const honest = await craft(history1('a', 5));
    const dir = await witnessed(server, honest);
    const next = await craft(history1('a', 7));
    const lines = next.note.split('\n');
    const signatureLine = lines.findIndex((line) => line.startsWith('— '));
    const [dash, name, base64] = (lines[signatureLine] ?? '').split(' ');
    const bytes = fromBase64(base64 ?? '');
    bytes[10] = (bytes[10] ?? 0) ^ 1;
    lines[signatureLine] = `${dash ?? ''} ${name ?? ''} ${toBase64(bytes)}`;
    server.log = { ...next, note: lines.join('\n') };
    const result = await witness(server.url, dir);
    expect(result.code).toBe(4);
    expect(result.err).toContain(
      `UNTRUSTED: the checkpoint served at ${server.url}/log/checkpoint does not verify with the pinned log key`,
    );
    expect(result.err).toContain('does not verify');
    expect(evidenceFiles(dir)).toEqual([]);
    expectUnchangedLatest(dir, honest);
    expect(server.received).toHaveLength(1);
  });

  it('a checkpoint signed by another key of the same name', async () => {
    const server = await lyingServer();
    const honest = await craft(history1('a', 5));
    const dir = await witnessed(server, honest);
    const impostor = ed25519Signer(generateSignerKey(ORIGIN, new Uint8Array(32).fill(5)).signerKey);
    server.log = await craft(history1('b', 5), { signer: impostor });
    const result = await witness(server.url, dir);
    expect(result.code).toBe(4);
    expect(result.err).toContain('no signature in the note is by a known key');
    expectUnchangedLatest(dir, honest);
  });

  it('a checkpoint of another origin, even signed with the log key', async () => {
    const server = await lyingServer();
    const honest = await craft(history1('a', 5));
    const dir = await witnessed(server, honest);
    server.log = await craft(history1('a', 7), { origin: 'other.example/log' });
    const result = await witness(server.url, dir);
    expect(result.code).toBe(4);
    expect(result.err).toContain(`the checkpoint's origin is "other.example/log", expected "example.org/witnessed"`);
    expectUnchangedLatest(dir, honest);
  });

  it('a truncated tile, named with the URL', async () => {
    const server = await lyingServer();
    const honest = await craft(history1('a', 5));
    const dir = await witnessed(server, honest);
    server.log = await craft(history1('a', 9));
    server.tamper = (_path, data) => data.slice(0, data.length - 10);
    const result = await witness(server.url, dir);
    expect(result.code).toBe(4);
    expect(result.err).toContain(`the tiles served under ${server.url}/log/ do not prove the checkpoint of size 9`);
    expect(result.err).toContain('tile/0/000.p/9: truncated');
    expect(evidenceFiles(dir)).toEqual([]);
    expectUnchangedLatest(dir, honest);
  });

  it('a garbled tile is bad tiles, not a fork', async () => {
    const server = await lyingServer();
    const honest = await craft(history1('a', 5));
    const dir = await witnessed(server, honest);
    server.log = await craft(history1('a', 9));
    server.tamper = (_path, data) => {
      const copy = data.slice();
      copy[4 * 32] = (copy[4 * 32] ?? 0) ^ 1; // the hash of entry 4, part of the proof
      return copy;
    };
    const result = await witness(server.url, dir);
    expect(result.code).toBe(4);
    expect(result.err).toContain('the tiles do not give the root of the tree of size 9');
    expect(evidenceFiles(dir)).toEqual([]);
    expectUnchangedLatest(dir, honest);
  });

  it('tiles that do not give the first checkpoint’s root: nothing is remembered', async () => {
    const server = await lyingServer(await craft(history1('a', 5)));
    server.tamper = (_path, data) => data.map((byte) => byte ^ 0xff);
    const dir = join(tempDir('witness'), 'state');
    const result = await witness(server.url, dir, '--vkey', LOG.verifierKey);
    expect(result.code).toBe(4);
    expect(result.err).toContain('the tiles do not give the root of the tree of size 5');
    expect(existsSync(join(dir, 'latest'))).toBe(false);
  });
});

describe('when the log cannot be reached or refuses the cosignature', () => {
  it('a server that is down: exit 1 with --once, naming the URL', async () => {
    const server = await lyingServer();
    const dir = await witnessed(server, await craft(history1('a', 5)));
    server.down = 503;
    const unavailable = await witness(server.url, dir);
    expect(unavailable.code).toBe(1);
    expect(unavailable.err).toBe(
      `plenum: the log cannot be reached: ${server.url}/log/checkpoint: HTTP 503 Service Unavailable`,
    );
    const nothing = await witness('http://127.0.0.1:9', dir);
    expect(nothing.code).toBe(1);
    expect(nothing.err).toContain('the log cannot be reached: http://127.0.0.1:9/log/checkpoint');
    server.down = undefined;
    server.log = undefined;
    const notServed = await witness(server.url, dir);
    expect(notServed.code).toBe(1);
    expect(notServed.err).toContain(`${server.url}/log/checkpoint is not served (HTTP 404)`);
  });

  it('a refused cosignature is reported; the checkpoint is still remembered, and sent again next time', async () => {
    const server = await lyingServer();
    const honest = await craft(history1('a', 5));
    server.refuse = { status: 400, message: 'Invalid request: not today' };
    const dir = join(tempDir('witness'), 'state');
    server.log = honest;
    const result = await witness(server.url, dir, '--vkey', LOG.verifierKey);
    expect(result.code).toBe(1);
    expect(result.err).toBe(
      'plenum: the server refused the cosignature of the checkpoint of size 5 (HTTP 400): Invalid request: not today',
    );
    expectUnchangedLatest(dir, honest);
    expect(history(dir).map((line) => line.cosignature)).toEqual([
      { accepted: false, status: 400, error: 'Invalid request: not today' },
    ]);
    server.refuse = undefined;
    const again = await witness(server.url, dir);
    expect(again.code).toBe(0);
    expect(again.out).toContain('Cosigned the checkpoint of size 5');
    expect(server.received).toHaveLength(2);
    expect(history(dir)).toHaveLength(1);
  });
});

describe('following a log', () => {
  async function until(condition: () => boolean): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error('timed out waiting');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('polls, cosigns each new checkpoint, retries an outage, and stops on SIGINT with 0', async () => {
    const server = await lyingServer(await craft(history1('a', 5)));
    const dir = join(tempDir('witness'), 'state');
    let stop = (): void => undefined;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const running = plenum(['witness', server.url, '--dir', dir, '--vkey', LOG.verifierKey, '--interval', '0.02'], {
      stopped,
    });
    await until(() => history(dir).length === 1);
    server.down = 502;
    await new Promise((resolve) => setTimeout(resolve, 100));
    server.down = undefined;
    server.log = await craft(history1('a', 40));
    await until(() => history(dir).length === 2);
    server.refuse = { status: 409, message: 'no thanks' };
    server.log = await craft(history1('a', 41));
    await until(() => history(dir).length === 3);
    server.refuse = undefined;
    server.log = await craft(history1('a', 42));
    await until(() => history(dir).length === 4);
    stop();
    const result = await running;
    expect(result.code).toBe(0);
    expect(result.out).toContain(`Following ${server.url}/log/ every 0.02 s`);
    expect(result.out).toContain('grew from 5 to 40 entries');
    expect(result.out).toContain('The log can be checked again.');
    expect(result.out.split('\n').at(-1)).toBe('Stopping the witness.');
    // The outage was said once, however many rounds it lasted.
    expect(result.err.split('\n').filter((line) => line.includes('HTTP 502'))).toHaveLength(1);
    expect(result.err).toContain('(HTTP 409): no thanks');
    expect(history(dir).map((line) => [line.size, line.cosignature.accepted])).toEqual([
      [5, true],
      [40, true],
      [41, false],
      [42, true],
    ]);
    // The refused size was not sent again round after round.
    expect(server.received.filter((r) => r.cosigned.startsWith(`${ORIGIN}\n41\n`))).toHaveLength(1);
  });

  it('exits 3 at once on a fork, without being stopped', async () => {
    const server = await lyingServer(await craft(history1('a', 5)));
    const dir = join(tempDir('witness'), 'state');
    const running = plenum(['witness', server.url, '--dir', dir, '--vkey', LOG.verifierKey, '--interval', '0.02']);
    await until(() => history(dir).length === 1);
    server.log = await craft(history1('b', 8));
    const result = await running;
    expect(result.code).toBe(3);
    expect(result.err).toContain('!!! FORK');
    expect(evidenceFiles(dir)).toHaveLength(1);
  });
});
