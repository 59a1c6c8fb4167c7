import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Running the real `plenum` command, as a user would, from its compiled form (`npm test`
// builds first), for the tests that check exit codes and what people read.

export const BIN = fileURLToPath(new URL('../../bin/plenum.js', import.meta.url));
export const STACK_LINE = /^\s+at /m;

export interface Outcome {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Fails early, with the fix, when the command has not been built. */
export function requireBuilt(): void {
  if (!existsSync(join(BIN, '../../dist/run.js'))) {
    throw new Error('packages/cli is not built: run `npm run build` first');
  }
}

/** A small environment: no inherited PLENUM_* settings, English unless `extra` says otherwise. */
function baseEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env['PATH'], HOME: process.env['HOME'], LANG: 'C.UTF-8', ...extra };
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

/** Runs `plenum <args>` to its end. */
export function plenum(args: string[], extra: Record<string, string> = {}): Promise<Outcome> {
  return collect(spawn(process.execPath, [BIN, ...args], { env: baseEnv(extra) }));
}

/** Starts a long-running `plenum <args> --port 0` and waits for the line that says where it serves. */
export function serving(
  args: string[],
  extra: Record<string, string> = {},
): Promise<{ url: string; stop: () => Promise<Outcome> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args, '--port', '0'], { env: baseEnv(extra) });
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
      reject(new Error(`plenum exited early (${String(o.code)}): ${o.stderr}`));
    });
  });
}
