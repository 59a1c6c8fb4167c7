import {
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createVerifyTranslator } from '@plenum/i18n';
import { runVerifyRecord, terminalProgress, type VerifyCommandOptions, type VerifyIo } from './verify-command.ts';

// `plenum verify record` over the Tessera test log (/work/shared/data/tlog/SOURCES.md), from a
// directory and over HTTP. The shared data is only read; damage is done to temporary copies.

const LOG = join(import.meta.dirname, '../../../../shared/data/tlog/tessera/testdata/log');
const VKEY = 'example.com/log/testdata+33d7b496+AeHTu4Q3hEIMHNqc6fASMsq3rKNx280NI+oO5xCFkkSx';
const t = createVerifyTranslator('en');
const ANY: VerifyCommandOptions = { vkey: VKEY, entries: 'any' };

if (!existsSync(join(LOG, 'checkpoint'))) throw new Error(`test vectors missing: ${LOG} (see SOURCES.md)`);

interface Captured extends VerifyIo {
  readonly lines: string[];
  readonly errors: string[];
  readonly shown: string[];
}

function capture(withProgress = false): Captured {
  const lines: string[] = [];
  const errors: string[] = [];
  const shown: string[] = [];
  return {
    lines,
    errors,
    shown,
    out: (line) => lines.push(line),
    err: (line) => errors.push(line),
    ...(withProgress ? { progress: (text: string) => shown.push(text) } : {}),
  };
}

const cleanups: (() => void | Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

function copyOfLog(): string {
  const dir = mkdtempSync(join(tmpdir(), 'plenum-verify-'));
  cleanups.push(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  cpSync(LOG, dir, { recursive: true });
  return dir;
}

/** Serves `dir` under /log/ on a free local port; `override` may answer some paths itself. */
async function serveLog(
  dir: string,
  override?: (path: string, response: ServerResponse) => boolean,
): Promise<{ url: string; server: Server }> {
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    if (override?.(path, response) === true) return;
    const file = path.startsWith('/log/') ? join(dir, path.slice('/log/'.length)) : '';
    if (file === '' || path.includes('..') || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404).end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(readFileSync(file));
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
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/log`, server };
}

describe('plenum verify record, from a directory', () => {
  it('verifies the Tessera log: exit 0, the checkpoint and a summary', async () => {
    const io = capture();
    expect(await runVerifyRecord(LOG, ANY, io, t)).toBe(0);
    expect(io.errors).toEqual([]);
    expect(io.lines).toEqual([
      'Checkpoint of example.com/log/testdata: 15 entries, root rKbDipCvhuX1GZ7g5BBe8sA6BbJ7ja/1nk427v383cs=',
      'Verified: the signature, 1 tile, 1 entry bundle and 15 entries all check out.',
    ]);
  });

  it('finds a tampered copy: exit 1, the problem names the file', async () => {
    const dir = copyOfLog();
    const tile = join(dir, 'tile/0/000.p/15');
    const bytes = readFileSync(tile);
    bytes[3 * 32 + 1] = (bytes[3 * 32 + 1] ?? 0) ^ 0x01;
    writeFileSync(tile, bytes);
    const io = capture();
    expect(await runVerifyRecord(dir, ANY, io, t)).toBe(1);
    const problem = io.lines.find((line) => line.startsWith('Problem [entry_hash_mismatch]'));
    expect(problem).toContain('entry 3: tile/0/000.p/15 holds');
    expect(problem).toContain('tile/entries/000.p/15');
    expect(io.lines.at(-1)).toBe(`NOT verified: 2 problems found in ${dir}.`);
  });

  it('checks Plenum events by default: the words of the Tessera log are not events', async () => {
    const io = capture();
    expect(await runVerifyRecord(LOG, { vkey: VKEY }, io, t)).toBe(1);
    expect(io.lines.filter((line) => line.startsWith('Problem [entry_malformed]: entry '))).toHaveLength(15);
  });

  it('checks consistency with a remembered checkpoint, and leaves the file unchanged', async () => {
    const dir = copyOfLog();
    const remembered = join(dir, 'checkpoint.8');
    const before = { bytes: readFileSync(remembered), mtime: statSync(remembered).mtimeMs };
    const io = capture();
    expect(await runVerifyRecord(LOG, { ...ANY, remembered }, io, t)).toBe(0);
    expect(io.lines).toContain(
      'Consistent with the remembered checkpoint of 8 entries (root bC+VwvrJbalNVjfkdI8kUgs7mJoXrqiXCE7bgnD28pY=).',
    );
    expect(readFileSync(remembered)).toEqual(before.bytes);
    expect(statSync(remembered).mtimeMs).toBe(before.mtime);
  });

  it('calls a rollback a fork risk and says to keep both checkpoints', async () => {
    const dir = copyOfLog();
    writeFileSync(join(dir, 'checkpoint'), readFileSync(join(LOG, 'checkpoint.14')));
    const io = capture();
    const code = await runVerifyRecord(dir, { ...ANY, remembered: join(LOG, 'checkpoint.15') }, io, t);
    expect(code).toBe(1);
    expect(io.lines.some((line) => line.startsWith('Problem [remembered_larger]'))).toBe(true);
    expect(io.lines).toContain(
      'The log has shown two different histories. Keep the remembered checkpoint and the current one: together they prove it.',
    );
  });

  it('refuses a link leading out of the directory', async () => {
    const dir = copyOfLog();
    const outside = join(copyOfLog(), 'tile/0/000.p/15');
    unlinkSync(join(dir, 'tile/0/000.p/15'));
    symlinkSync(outside, join(dir, 'tile/0/000.p/15'));
    const io = capture();
    expect(await runVerifyRecord(dir, ANY, io, t)).toBe(1);
    expect(
      io.lines.some((line) =>
        line.startsWith('Problem [fetch_failed]: tile/0/000.p/15: could not be fetched: refused'),
      ),
    ).toBe(true);
  });

  it('shows progress only through io.progress, and clears it at the end', async () => {
    const io = capture(true);
    expect(await runVerifyRecord(LOG, ANY, io, t)).toBe(0);
    expect(io.shown.at(0)).toBe('Verifying… 1 of 3 files');
    expect(io.shown.at(-2)).toBe('Verifying… 3 of 3 files');
    expect(io.shown.at(-1)).toBe('');
    expect(io.lines.join('\n')).not.toContain('Verifying');
  });

  it('speaks Portuguese with a Portuguese translator', async () => {
    const io = capture();
    expect(await runVerifyRecord(LOG, ANY, io, createVerifyTranslator('pt-BR'))).toBe(0);
    expect(io.lines.at(-1)).toBe(
      'Verificado: a assinatura, 1 tile, 1 pacote de entradas e 15 entradas — tudo confere.',
    );
  });
});

describe('plenum verify record, wrong command lines (exit 2)', () => {
  it('refuses a target that is neither a directory nor an http(s) URL', async () => {
    for (const target of [join(LOG, 'no-such-dir'), join(LOG, 'checkpoint'), 'ftp://example.org/log/', 'http://[']) {
      const io = capture();
      expect(await runVerifyRecord(target, ANY, io, t)).toBe(2);
      expect(io.errors).toEqual([`plenum: “${target}” is neither a directory nor an http(s) URL.`]);
    }
  });

  it('refuses bad keys and an unreadable remembered checkpoint', async () => {
    const bad = capture();
    expect(await runVerifyRecord(LOG, { vkey: 'nonsense', entries: 'any' }, bad, t)).toBe(2);
    expect(bad.errors[0]).toMatch(/^plenum: the key given with --vkey is not a valid log verifier key: /);
    expect(bad.lines).toEqual([]);
    const cosigner = capture();
    expect(await runVerifyRecord(LOG, { ...ANY, cosigners: ['a+b+c'] }, cosigner, t)).toBe(2);
    expect(cosigner.errors[0]).toMatch(/^plenum: a key given with --cosigner is not valid: /);
    const missing = capture();
    const file = join(LOG, 'no-such-checkpoint');
    expect(await runVerifyRecord(LOG, { ...ANY, remembered: file }, missing, t)).toBe(2);
    expect(missing.errors[0]).toMatch(/^plenum: cannot read the remembered checkpoint .*no-such-checkpoint: ENOENT/);
  });
});

describe('plenum verify record, over HTTP', () => {
  it('verifies the log served by a web server (with or without a final slash)', async () => {
    const { url } = await serveLog(LOG);
    for (const target of [url, `${url}/`]) {
      const io = capture();
      expect(await runVerifyRecord(target, ANY, io, t)).toBe(0);
      expect(io.lines.at(-1)).toBe('Verified: the signature, 1 tile, 1 entry bundle and 15 entries all check out.');
    }
  });

  it('reports a truncated tile served over HTTP', async () => {
    const { url } = await serveLog(LOG, (path, response) => {
      if (path !== '/log/tile/0/000.p/15') return false;
      response.writeHead(200).end(readFileSync(join(LOG, 'tile/0/000.p/15')).subarray(0, 100));
      return true;
    });
    const io = capture();
    expect(await runVerifyRecord(url, ANY, io, t)).toBe(1);
    expect(io.lines).toContain(
      'Problem [tile_truncated]: tile/0/000.p/15: truncated: 100 bytes, expected 480 (15 hashes of 32 bytes); the data ends at byte 100',
    );
  });

  it('reports a missing file (404), a server error and a timeout as problems, not crashes', async () => {
    const { url } = await serveLog(LOG, (path, response) => {
      if (path === '/log/tile/entries/000.p/15') {
        response.writeHead(503, 'Service Unavailable').end();
        return true;
      }
      if (path === '/log/tile/0/000.p/15') return true; // never answers
      return false;
    });
    const io = capture();
    expect(await runVerifyRecord(url, { ...ANY, timeoutMs: 300 }, io, t)).toBe(1);
    expect(io.lines).toContain(
      `Problem [fetch_failed]: tile/entries/000.p/15: could not be fetched: ${url}/tile/entries/000.p/15: HTTP 503 Service Unavailable`,
    );
    expect(io.lines).toContain(
      `Problem [fetch_failed]: tile/0/000.p/15: could not be fetched: ${url}/tile/0/000.p/15: no complete answer within 0.3 s`,
    );
    const missing = capture();
    expect(await runVerifyRecord(`${url}/nothing-here`, ANY, missing, t)).toBe(1);
    expect(missing.lines[0]).toBe('Problem [checkpoint_missing]: checkpoint: the log serves no checkpoint');
  });

  it('reports a server that cannot be reached', async () => {
    const { url, server } = await serveLog(LOG);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const io = capture();
    expect(await runVerifyRecord(url, ANY, io, t)).toBe(1);
    expect(io.lines[0]).toMatch(
      /^Problem \[fetch_failed\]: checkpoint: could not be fetched: http:\/\/127\.0\.0\.1:\d+\/log\/checkpoint: fetch failed \(ECONNREFUSED\)$/,
    );
  });
});

describe('terminalProgress', () => {
  it('draws on a terminal only', () => {
    expect(terminalProgress({ isTTY: false, write: () => true })).toBeUndefined();
    const written: string[] = [];
    const show = terminalProgress({ isTTY: true, write: (text: string) => written.push(text) });
    show?.('Verifying… 1 of 3 files');
    show?.('');
    expect(written).toEqual(['\r\u001b[2KVerifying… 1 of 3 files', '\r\u001b[2K']);
  });
});
