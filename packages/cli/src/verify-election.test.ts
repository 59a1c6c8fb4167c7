import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readTar, writeTar } from '@plenum/crypto';
import { STACK_LINE, plenum, requireBuilt } from './test-support/run-bin.ts';

// `plenum verify election` as an auditor runs it, on a real archive belenios-tool 2.0 wrote
// (tests/interop/belenios/election.bel: three ballots, two trustees, the result), from a file
// and over HTTP, and on copies altered in one place each: every check is named as it passes,
// and the first that fails is named with where and why.
const ARCHIVE = join(import.meta.dirname, '../../../tests/interop/belenios/election.bel');

let work: string;
let server: Server;
let base: string;
beforeAll(async () => {
  requireBuilt();
  work = mkdtempSync(join(tmpdir(), 'plenum-verify-election-'));
  const bytes = readFileSync(ARCHIVE);
  server = createServer((request, response) => {
    if (request.url === '/election.bel') response.writeHead(200, { 'content-type': 'application/x-tar' }).end(bytes);
    else response.writeHead(404).end('no');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  base = `http://127.0.0.1:${address.port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(work, { recursive: true, force: true });
});

const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * A copy of the archive with file texts changed. `rechain`: as a forger would, every file is
 * renamed to its new hash and every event that points to a renamed file is rewritten (then
 * renamed in turn), so that the event chain holds and only the cryptography can tell.
 */
function altered(name: string, change: (text: string) => string, rechain = false): string {
  const files = readTar(new Uint8Array(readFileSync(ARCHIVE)));
  if (!files.ok) throw new Error('unreadable fixture');
  let changed = false;
  const renamed = new Map<string, string>();
  const out = files.value.map((f) => {
    let text = change(f.text);
    if (text !== f.text) changed = true;
    const match = /^([0-9a-f]{64})\.(data|event)\.json$/.exec(f.name);
    if (!rechain || match === null) return text === f.text ? f : { ...f, text };
    for (const [from, to] of renamed) text = text.split(from).join(to);
    const hash = sha256Hex(text);
    if (hash !== match[1]) renamed.set(match[1] ?? '', hash);
    return { name: `${hash}.${match[2] ?? ''}.json`, text };
  });
  expect(changed).toBe(true);
  const path = join(work, name);
  writeFileSync(path, writeTar(out, 0));
  return path;
}

describe('plenum verify election', () => {
  it('names every check as it passes, then the result, on a belenios-tool archive', async () => {
    const result = await plenum(['verify', 'election', ARCHIVE]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines.filter((l) => l.startsWith('✓ '))).toEqual([
      expect.stringContaining('the archive'),
      expect.stringContaining('the election: 2 questions'),
      expect.stringContaining("the trustees' keys and proofs (2 keys)"),
      expect.stringContaining('3 public credentials'),
      expect.stringContaining('3 ballots'),
      expect.stringContaining('the encrypted tally is the product of the 3 counted ballots'),
      expect.stringContaining('trustee 1'),
      expect.stringContaining('trustee 2'),
      expect.stringContaining('the result is the decryption of the tally'),
    ]);
    expect(result.stdout).toContain('Verified: 3 ballots cast, 3 counted');
  });

  it('verifies the archive a server serves, and says it in JSON', async () => {
    const result = await plenum(['verify', 'election', `${base}/election.bel`, '--json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { verified: boolean; checks: { check: string }[]; result: number[][] };
    expect(report.verified).toBe(true);
    expect(report.checks.map((c) => c.check)).toEqual([
      'archive',
      'election',
      'trustees',
      'credentials',
      'ballots',
      'tally',
      'decryption',
      'decryption',
      'result',
    ]);
    expect(report.result).toEqual([
      [1, 1],
      [1, 1, 2, 0],
    ]);
  });

  it('names the first failing check of a tampered archive, and where', async () => {
    const tamper = (t: string): string =>
      t.startsWith('{"election_uuid"')
        ? t.replace(/"response":"(\d)/, (_, d: string) => `"response":"${d === '1' ? '2' : '1'}`)
        : t;
    // A ballot's proof changed, the file left under its name: the archive's own check fails.
    const careless = await plenum(['verify', 'election', altered('careless.bel', tamper)]);
    expect(careless.code).toBe(1);
    expect(careless.stdout).not.toContain('✓ the archive');
    expect(careless.stdout).toMatch(
      /✗ .*Belenios specification 2\.0 4\.4.*the file name is not the hash of its content/,
    );
    // The same, re-hashed and re-chained as a forger would: the ballot's proof fails, named.
    const forged = await plenum(['verify', 'election', altered('forged.bel', tamper, true)]);
    expect(forged.code).toBe(1);
    expect(forged.stdout).toContain('✓ the archive');
    expect(forged.stdout).toContain('✓ 3 public credentials');
    expect(forged.stdout).not.toContain('✓ 3 ballots');
    expect(forged.stdout).toMatch(/✗ .*Belenios specification 2\.0 4\.14.*event 1 .*\$\.signature/);
    expect(forged.stdout).toContain('NOT verified');
    expect(forged.stdout).not.toMatch(STACK_LINE);
  });

  it('says why an archive cannot be read, with exit code 2', async () => {
    const missing = await plenum(['verify', 'election', join(work, 'nothing.bel')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read the archive');
    expect(missing.stderr).toContain('ENOENT');
    const notFound = await plenum(['verify', 'election', `${base}/missing.bel`]);
    expect(notFound.code).toBe(2);
    expect(notFound.stderr).toContain('HTTP 404');
    const usage = await plenum(['verify', 'election']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('plenum verify election');
  });
});
