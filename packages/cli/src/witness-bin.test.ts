import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cosignatureVerifier, ed25519Verifier, openCheckpoint } from '@plenum/log';

// `plenum witness` as a user runs it: the compiled command (`npm test` builds first) against
// `plenum serve`, all real processes. The operator then turns dishonest: a second server
// signs a different record with the same log key, and the witness catches the split view.
const BIN = fileURLToPath(new URL('../bin/plenum.js', import.meta.url));
const STACK_LINE = /^\s+at /m;

interface Outcome {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function env(): NodeJS.ProcessEnv {
  return { PATH: process.env['PATH'], HOME: process.env['HOME'], LANG: 'C.UTF-8' };
}

function collect(child: ChildProcessWithoutNullStreams): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code, stdout, stderr });
    });
  });
}

function plenum(args: string[]): Promise<Outcome> {
  return collect(spawn(process.execPath, [BIN, ...args], { env: env() }));
}

/** `plenum serve` on a free port, once it says where. */
function serving(dataDir: string): Promise<{ url: string; stop: () => Promise<Outcome> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'serve', '--data-dir', dataDir, '--port', '0'], { env: env() });
    const done = collect(child);
    let seen = '';
    child.stdout.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const url = /(http:\/\/\S+)/.exec(seen)?.[1];
      if (url !== undefined) {
        resolve({
          url,
          stop: () => {
            child.kill('SIGTERM');
            return done;
          },
        });
      }
    });
    void done.then((o) => {
      reject(new Error(`plenum serve exited early (${String(o.code)}): ${o.stderr}`));
    });
  });
}

let work: string;
beforeAll(() => {
  if (!existsSync(join(BIN, '../../dist/run.js')))
    throw new Error('packages/cli is not built: run `npm run build` first');
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

    const server = await serving(honest);
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
    const liar = await serving(other);
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
