import { open, stat } from 'node:fs/promises';
import { verifyArchive, type ArchiveCheck } from '@plenum/crypto';
import type { MessageKey, Translate } from '@plenum/i18n';

/**
 * `plenum verify election <archive.bel|url> [--json]`: the independent verifier of a secret
 * ballot. It reads a Belenios archive (Plenum's GET /api/ballots/:id/archive, or one written
 * by belenios-tool) from a file or over HTTP(S), and checks everything an auditor checks,
 * in order, naming each check as it passes: the archive's event chain, the election, the
 * trustees' keys and proofs, the public credentials, every ballot's signature and proofs,
 * the encrypted tally, each partial decryption and the result. The first failing check is
 * named with where and why, citing the Belenios specification. Only pure packages do the
 * checking (@plenum/crypto): the same code runs in a browser.
 *
 * Exit codes: 0 verified, 1 a check failed, 2 the archive could not be read.
 */

export interface VerifyElectionIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  /** Transient progress (a terminal's stderr only). */
  readonly progress?: ((text: string) => void) | undefined;
}

export interface VerifyElectionOptions {
  readonly json?: boolean | undefined;
  readonly timeoutMs?: number | undefined;
}

/** A Belenios archive of 100,000 ballots of a few kB each fits well below this. */
const MAX_ARCHIVE = 2 * 1024 * 1024 * 1024;
const PROGRESS_INTERVAL_MS = 100;

const CHECK_KEYS: Readonly<Record<ArchiveCheck, MessageKey>> = {
  archive: 'election.verify.check.archive',
  election: 'election.verify.check.election',
  trustees: 'election.verify.check.trustees',
  credentials: 'election.verify.check.credentials',
  ballots: 'election.verify.check.ballots',
  tally: 'election.verify.check.tally',
  decryption: 'election.verify.check.decryption',
  result: 'election.verify.check.result',
};

export async function runVerifyElection(
  target: string,
  options: VerifyElectionOptions,
  io: VerifyElectionIo,
  t: Translate,
): Promise<number> {
  const read = await readArchive(target, options.timeoutMs ?? 60_000);
  if (typeof read === 'string') {
    io.err(t('election.verify.error.read', { target, reason: read }));
    return 2;
  }
  const passed: { check: ArchiveCheck; count: number }[] = [];
  let last = 0;
  const verified = verifyArchive(read, {
    onCheck: (check, count) => {
      passed.push({ check, count });
      if (options.json !== true) {
        io.progress?.('');
        io.out(`✓ ${t(CHECK_KEYS[check], { count })}`);
      }
    },
    onBallot: (done, total) => {
      const now = Date.now();
      if (io.progress !== undefined && (now - last >= PROGRESS_INTERVAL_MS || done === total)) {
        last = now;
        io.progress(`${bar(done, total)} ${t('election.verify.progress', { done, total })}`);
      }
    },
  });
  io.progress?.('');
  if (options.json === true) {
    io.out(
      JSON.stringify({
        verified: verified.ok,
        checks: passed,
        ...(verified.ok
          ? {
              ballots: verified.value.ballots,
              counted: verified.value.tallied,
              result: verified.value.result ?? null,
            }
          : {
              failed: {
                rule: `${verified.rule.source} ${verified.rule.clause}`,
                messageKey: verified.messageKey,
                params: verified.params,
              },
            }),
      }),
    );
    return verified.ok ? 0 : 1;
  }
  if (!verified.ok) {
    io.out(`✗ ${t(verified.messageKey as MessageKey, verified.params)}`);
    io.out(t('election.verify.failed', { target }));
    return 1;
  }
  const s = verified.value;
  io.out(
    t(s.result === undefined ? 'election.verify.okOpen' : 'election.verify.ok', {
      ballots: s.ballots,
      counted: s.tallied,
    }),
  );
  if (s.result !== undefined) {
    for (const [i, q] of s.election.questions.entries()) {
      const counts = s.result[i] ?? [];
      const answers = q.blank ? [t('election.verify.blank'), ...q.answers] : q.answers;
      io.out(`${q.question}: ${answers.map((a, j) => `${a} ${counts[j] ?? 0}`).join(', ')}`);
    }
  }
  return 0;
}

function bar(done: number, total: number): string {
  const width = 30;
  const filled = total === 0 ? width : Math.round((done / total) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
}

/** The archive's bytes, or why they could not be read. */
async function readArchive(target: string, timeoutMs: number): Promise<Uint8Array | string> {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) {
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      return 'not a URL';
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return `${url.protocol} is not http(s)`;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
      if (!response.ok) return `HTTP ${response.status}`;
      const length = Number(response.headers.get('content-length') ?? 0);
      if (length > MAX_ARCHIVE) return `larger than ${MAX_ARCHIVE} bytes`;
      return new Uint8Array(await response.arrayBuffer());
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }
  try {
    const info = await stat(target);
    if (!info.isFile()) return 'not a file';
    if (info.size > MAX_ARCHIVE) return `larger than ${MAX_ARCHIVE} bytes`;
    const handle = await open(target, 'r');
    try {
      return new Uint8Array(await handle.readFile());
    } finally {
      await handle.close();
    }
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? code : 'unreadable';
  }
}
