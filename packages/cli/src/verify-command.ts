import { open, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { VerifyTranslate } from '@plenum/i18n';
import { nodeEd25519 } from '@plenum/server';
import { acceptAnyEntry, verifyRecord, type FetchRecordFile, type Problem, type RecordReport } from '@plenum/verifier';

/**
 * `plenum verify record <dir|url> --vkey <key> [--remembered <file>] [--cosigner <key>]…`:
 * runs the independent verifier (@plenum/verifier) over a record served in the C2SP
 * tlog-tiles layout, from a local directory (an export, a mirror) or over HTTP(S) (a Plenum
 * server's /log/, any static host). The verifier is pure; this file supplies its `fetch`.
 *
 * Exit codes: 0 verified, 1 problems found (each printed on its own line), 2 wrong command
 * line (a bad key, an unreadable remembered checkpoint, a target that is neither a directory
 * nor an http(s) URL).
 *
 * The remembered checkpoint is only read, never written: keeping the latest verified
 * checkpoint (state) is the witness's job, which comes later.
 */

export interface VerifyCommandOptions {
  /** The log's verifier key (C2SP signed-note vkey). */
  readonly vkey: string;
  /** Path to a file holding a checkpoint verified before. */
  readonly remembered?: string | undefined;
  /** Verifier keys of witnesses whose cosignatures must be on the checkpoint. */
  readonly cosigners?: readonly string[] | undefined;
  /** `plenum` (default): entries must be Plenum events; `any`: entries are not checked. */
  readonly entries?: 'plenum' | 'any' | undefined;
  /** Per HTTP request (default 30 s). */
  readonly timeoutMs?: number | undefined;
}

export interface VerifyIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  /**
   * Shows a transient progress line (replacing the previous one; '' clears it). Give it only
   * when standard error is a terminal: see terminalProgress.
   */
  readonly progress?: ((text: string) => void) | undefined;
}

export const EXIT_VERIFIED = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;

export const DEFAULT_TIMEOUT_MS = 30_000;
/** No file of a tlog-tiles log is larger: an entry bundle is at most 256 × (2 + 65,535) bytes. */
const MAX_FILE_SIZE = 17 * 1024 * 1024;
/** At most ten progress updates a second. */
const PROGRESS_INTERVAL_MS = 100;
/** A checkpoint is a few lines; a remembered one of more than this is not one. */
const MAX_CHECKPOINT_FILE = 1024 * 1024;

export async function runVerifyRecord(
  target: string,
  options: VerifyCommandOptions,
  io: VerifyIo,
  t: VerifyTranslate,
): Promise<number> {
  const timeoutMs =
    options.timeoutMs !== undefined && Number.isFinite(options.timeoutMs) && options.timeoutMs > 0
      ? options.timeoutMs
      : DEFAULT_TIMEOUT_MS;
  const fetch = await fetcherFor(target, timeoutMs);
  if (fetch === undefined) {
    io.err(t('verify.error.target', { target }));
    return EXIT_USAGE;
  }
  let remembered: Uint8Array | undefined;
  if (options.remembered !== undefined) {
    try {
      remembered = await readLocalFile(options.remembered, MAX_CHECKPOINT_FILE);
    } catch (error) {
      io.err(t('verify.error.remembered', { file: options.remembered, reason: reasonOf(error) }));
      return EXIT_USAGE;
    }
  }

  const progress = throttled(io.progress, t);
  const report = await verifyRecord({
    fetch,
    vkey: options.vkey,
    cosigners: options.cosigners ?? [],
    // By default every entry is checked as a signed Plenum event (format, signature, actor key).
    ...(options.entries === 'any' ? { checkEntry: acceptAnyEntry } : {}),
    signatures: nodeEd25519(),
    onProgress: progress.update,
    ...(remembered === undefined ? {} : { remembered }),
  });
  progress.clear();

  const badKey = report.problems.find((p) => p.code === 'vkey_malformed' || p.code === 'cosigner_vkey_malformed');
  if (badKey !== undefined) {
    const key = badKey.code === 'vkey_malformed' ? 'verify.error.vkey' : 'verify.error.cosigner';
    io.err(t(key, { reason: badKey.message }));
    return EXIT_USAGE;
  }
  printReport(report, target, io, t);
  return report.ok ? EXIT_VERIFIED : EXIT_PROBLEMS;
}

function printReport(report: RecordReport, target: string, io: VerifyIo, t: VerifyTranslate): void {
  const { origin, size, root } = report;
  if (origin !== null && size !== null && root !== null) io.out(t('verify.checkpoint', { origin, size, root }));
  for (const { name, keyId, verified, timestamp } of report.cosignatures) {
    if (!verified) io.out(t('verify.signedUnknown', { name, keyId }));
    else if (timestamp === undefined) io.out(t('verify.cosignedUntimed', { name, keyId }));
    else io.out(t('verify.cosigned', { name, keyId, time: isoTime(timestamp) }));
  }
  if (report.remembered?.consistent === true) {
    io.out(t('verify.consistent', { size: report.remembered.size, root: report.remembered.root }));
  }
  for (const problem of report.problems) io.out(t('verify.problem', { code: problem.code, message: problem.message }));
  if (report.problems.some(isFork)) io.out(t('verify.fork'));
  if (report.ok) {
    io.out(t('verify.ok', report.checked));
  } else {
    const count = report.problems.filter((p) => p.code !== 'too_many_problems').length;
    io.out(t('verify.failed', { count, target }));
  }
}

/** POSIX seconds as an ISO 8601 time; beyond what a Date can hold (a hostile value), the number. */
function isoTime(seconds: number): string {
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? String(seconds) : date.toISOString();
}

function isFork(problem: Problem): boolean {
  return problem.code === 'inconsistent_with_remembered' || problem.code === 'remembered_larger';
}

/** Calls `show` at most every PROGRESS_INTERVAL_MS, and always for the last file. */
function throttled(
  show: ((text: string) => void) | undefined,
  t: VerifyTranslate,
): { update: (done: number, total: number) => void; clear: () => void } {
  let last = Number.NEGATIVE_INFINITY;
  let shown = false;
  return {
    update: (done, total) => {
      if (show === undefined) return;
      const now = Date.now();
      if (done < total && now - last < PROGRESS_INTERVAL_MS) return;
      last = now;
      shown = true;
      show(t('verify.progress', { done, total }));
    },
    clear: () => {
      if (shown) show?.('');
    },
  };
}

/**
 * A progress display on a terminal stream (standard error by default): the line is redrawn in
 * place. Undefined when the stream is not a terminal, so nothing is written to logs or pipes.
 */
export function terminalProgress(
  stream: { readonly isTTY?: boolean; write(text: string): unknown } = process.stderr,
): ((text: string) => void) | undefined {
  if (stream.isTTY !== true) return undefined;
  return (text) => {
    stream.write(`\r\u001b[2K${text}`);
  };
}

// ---------------------------------------------------------------------------------------------
// Where the files come from

async function fetcherFor(target: string, timeoutMs: number): Promise<FetchRecordFile | undefined> {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) {
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      return undefined;
    }
    return url.protocol === 'http:' || url.protocol === 'https:' ? httpFetcher(url, timeoutMs) : undefined;
  }
  try {
    const root = await realpath(target);
    return (await stat(root)).isDirectory() ? directoryFetcher(root) : undefined;
  } catch {
    return undefined;
  }
}

/** Reads files under `root` (a real path); refuses any path, or link, leading out of it. */
function directoryFetcher(root: string): FetchRecordFile {
  return async (relative) => {
    const file = path.resolve(root, relative);
    if (!isInside(root, file)) throw new Error(`refused: ${relative} leads outside ${root}`);
    let real: string;
    try {
      real = await realpath(file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
      throw error;
    }
    if (!isInside(root, real)) throw new Error(`refused: ${relative} is a link leading outside ${root}`);
    return readLocalFile(real, MAX_FILE_SIZE);
  };
}

function isInside(root: string, file: string): boolean {
  const relative = path.relative(root, file);
  return relative !== '' && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}

async function readLocalFile(file: string, maxSize: number): Promise<Uint8Array> {
  const handle = await open(file, 'r');
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new Error(`${file} is not a file`);
    if (info.size > maxSize) throw new Error(`${file} has ${info.size} bytes, more than ${maxSize}`);
    const data = await handle.readFile();
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  } finally {
    await handle.close();
  }
}

/** Fetches files under a base URL; 404 is "not found", any other failure an error naming the URL. */
export function httpFetcher(base: URL, timeoutMs: number): FetchRecordFile {
  const prefix = base.href.endsWith('/') ? base.href : `${base.href}/`;
  return async (relative) => {
    const url = new URL(relative, prefix);
    if (!url.href.startsWith(prefix)) throw new Error(`refused: ${relative} leads outside ${prefix}`);
    const signal = AbortSignal.timeout(timeoutMs);
    try {
      const response = await fetch(url, { signal, redirect: 'follow' });
      if (response.status === 404) {
        await response.body?.cancel();
        return undefined;
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw new Error(`HTTP ${response.status}${response.statusText === '' ? '' : ` ${response.statusText}`}`);
      }
      return await readBody(response, MAX_FILE_SIZE);
    } catch (error) {
      throw new Error(`${url.href}: ${networkReason(error, timeoutMs)}`, { cause: error });
    }
  };
}

async function readBody(response: Response, maxSize: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > maxSize) throw new Error(`the response declares ${declared} bytes, more than ${maxSize}`);
  // Node's Response types its body as a stream of `any`; it is a stream of bytes.
  const reader = (response.body as ReadableStream<Uint8Array> | null)?.getReader();
  if (reader === undefined) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxSize) {
      await reader.cancel();
      throw new Error(`the response has more than ${maxSize} bytes`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

function networkReason(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `no complete answer within ${timeoutMs / 1000} s`;
  }
  const cause = error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  const detail = typeof cause?.code === 'string' ? cause.code : typeof cause?.message === 'string' ? cause.message : '';
  const message = reasonOf(error);
  return detail === '' || message.includes(detail) ? message : `${message} (${detail})`;
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
