import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cosignatureVerifier, ed25519Verifier, openCheckpoint } from '@plenum/log';
import { STACK_LINE, plenum, requireBuilt, serving } from './test-support/run-bin.ts';

// `plenum witness` as a user runs it: the compiled command (`npm test` builds first) against
// `plenum serve`, all real processes. The operator then turns dishonest: a second server
// signs a different record with the same log key, and the witness catches the split view.
let work: string;
beforeAll(() => {
  requireBuilt();
  work = mkdtempSync(join(tmpdir(), 'plenum-witness-bin-'));
});
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('plenum witness, the command', () => {
  it('cosigns what plenum serve publishes, then catches a second server signing another record with the same key', async () => {
    const honest = join(work, 'honest');
    const init = await plenum(['init', '--data-dir', honest, '--name', 'Union', '--origin', 'example.org/union']);
    expect(init.code).toBe(0);
    const vkey = /(example\.org\/union\+[0-9a-f]{8}\+\S+)/.exec(init.stdout)?.[1] ?? '';
    expect(vkey).not.toBe('');
    const dir = join(work, 'witness');

    const server = await serving(['serve', '--data-dir', honest]);
    const first = await plenum(['witness', server.url, '--vkey', vkey, '--dir', dir, '--once']);
    const served = await (await fetch(new URL('log/checkpoint', server.url))).text();
    await server.stop();
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Cosigned the checkpoint of size');
    expect(statSync(join(dir, 'witness-key')).mode & 0o777).toBe(0o600);
    const witnessKey = /Give its verifier key to the log’s operator and members: (\S+)/.exec(first.stdout)?.[1] ?? '';
    const opened = openCheckpoint(served, { log: ed25519Verifier(vkey), cosigners: [cosignatureVerifier(witnessKey)] });
    expect(opened.cosignatures).toHaveLength(1);
    const remembered = readFileSync(join(dir, 'latest'), 'utf8');

    // The same log key, another record of the same size: what a dishonest operator shows others.
    const other = join(work, 'other');
    mkdirSync(other);
    copyFileSync(join(honest, 'log-key'), join(other, 'log-key'));
    expect((await plenum(['init', '--data-dir', other, '--name', 'Not the union'])).code).toBe(0);
    const liar = await serving(['serve', '--data-dir', other]);
    const caught = await plenum(['witness', liar.url, '--dir', dir, '--once']);
    const lie = await (await fetch(new URL('log/checkpoint', liar.url))).text();
    await liar.stop();

    expect(caught.code).toBe(3);
    expect(caught.stderr).not.toMatch(STACK_LINE);
    const size = opened.checkpoint.size;
    const lieOpened = openCheckpoint(lie, { log: ed25519Verifier(vkey) });
    expect(lieOpened.checkpoint.size).toBe(size);
    const [oldRoot, newRoot] = [opened.checkpoint.rootHash, lieOpened.checkpoint.rootHash].map((root) =>
      Buffer.from(root).toString('base64'),
    );
    expect(caught.stderr).toContain(
      `!!! SPLIT VIEW: the log example.org/union signed two different trees of the same size, ${size}.`,
    );
    expect(caught.stderr).toContain(`remembered: size ${size}, root ${oldRoot ?? ''}`);
    expect(caught.stderr).toContain(`served now: size ${size}, root ${newRoot ?? ''}`);
    const evidence = readdirSync(dir).filter((name) => name.startsWith('evidence-'));
    expect(evidence).toHaveLength(1);
    expect(caught.stderr).toContain(join(dir, evidence[0] ?? ''));
    const file = JSON.parse(readFileSync(join(dir, evidence[0] ?? ''), 'utf8')) as {
      remembered: { note: string };
      served: { note: string };
    };
    expect(file.remembered.note).toBe(remembered);
    expect(file.served.note).toBe(lie);
    expect(readFileSync(join(dir, 'latest'), 'utf8')).toBe(remembered);
  }, 60_000);

  it('a wrong command line: one line, exit 2', async () => {
    const result = await plenum(['witness', '--once']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('usage: plenum witness <url>');
  });
});
