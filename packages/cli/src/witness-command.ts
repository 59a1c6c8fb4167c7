import { join, resolve } from 'node:path';
import { toBase64 } from '@plenum/kernel';
import {
  cosignatureSigner,
  cosignatureVerifier,
  formatNote,
  isTlogError,
  openCheckpoint,
  type Checkpoint,
  type OpenedCheckpoint,
} from '@plenum/log';
import type { WitnessMessageKey, WitnessTranslate } from '@plenum/i18n';
import { DEFAULT_TIMEOUT_MS } from './verify-command.ts';
import {
  NotServed,
  RoundProblem,
  checkGrowth,
  checkRoot,
  logBaseUrl,
  logClient,
  type Growth,
  type LogClient,
} from './witness-log.ts';
import {
  PINNED_KEY_FILE,
  WITNESS_KEY_FILE,
  WitnessStateError,
  appendHistory,
  defaultRandom,
  openWitnessState,
  reasonOf,
  saveLatest,
  writeEvidence,
  type OpenedState,
  type RandomBytes,
  type RememberedCheckpoint,
} from './witness-state.ts';

/**
 * `plenum witness <url> [--vkey <key>] [--dir <dir>] [--name <name>] [--once] [--interval <s>]`:
 * follows a log served in the C2SP tlog-tiles layout (a Plenum server, or its /log/), and for
 * each new checkpoint checks the log's signature and origin against the pinned log key, checks
 * that the tree extends the one it cosigned before (an RFC 9162 consistency proof computed
 * from the served tiles), cosigns it (C2SP tlog-cosignature, cosignature/v1) and sends the
 * cosignature to POST /log/cosignature. A split view, a fork or a rollback stops it with exit
 * code 3 and an evidence file holding both signed checkpoints.
 *
 * The state directory is described in witness-state.ts. `latest` is written before the
 * cosignature leaves the machine: a witness that crashes after sending never forgets what it
 * vouched for, so it can never cosign two inconsistent checkpoints.
 */

export const DEFAULT_WITNESS_DIR = 'plenum-witness';
export const DEFAULT_INTERVAL_SECONDS = 10;

/** 0 stopped or checked; 1 could not (network, state, cosignature not delivered); 2 command line. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
/** The log misbehaved, and the evidence file proves it: fork, split view, rollback. */
export const EXIT_MISBEHAVIOUR = 3;
/** The log served something that does not verify (with --once; when following it tries again). */
export const EXIT_UNTRUSTED = 4;

export interface WitnessOptions {
  /** The log's verifier key: required on the first run, then must equal the pinned one. */
  readonly vkey?: string | undefined;
  /** The state directory (else PLENUM_WITNESS_DIR, else ./plenum-witness). */
  readonly dir?: string | undefined;
  /** The name of the witness key made on the first run. */
  readonly name?: string | undefined;
  /** One round, then exit; else follow until stopped. */
  readonly once: boolean;
  readonly intervalSeconds?: number | undefined;
  /** Per HTTP request (default 30 s). */
  readonly timeoutMs?: number | undefined;
}

export interface WitnessIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  /** Resolves when following should stop: SIGINT or SIGTERM. */
  readonly stopped: Promise<void>;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The clock of cosignature timestamps and history lines (tests set it). */
  readonly now?: (() => Date) | undefined;
  /** Randomness for a new witness key (tests set it). */
  readonly random?: RandomBytes | undefined;
}

export async function runWitness(
  target: string,
  options: WitnessOptions,
  io: WitnessIo,
  t: WitnessTranslate,
): Promise<number> {
  const base = logBaseUrl(target);
  if (base === undefined) {
    io.err(t('witness.error.url', { url: target }));
    return EXIT_USAGE;
  }
  const dir = resolve(io.cwd, options.dir ?? nonEmpty(io.env['PLENUM_WITNESS_DIR']) ?? DEFAULT_WITNESS_DIR);
  let state: OpenedState & { readonly unlock: () => void };
  try {
    state = openWitnessState(dir, { vkey: options.vkey, name: options.name }, io.random ?? defaultRandom);
  } catch (error) {
    if (!(error instanceof WitnessStateError)) return unexpected(error, io, t);
    io.err(t(error.messageKey, error.params));
    return error.usage ? EXIT_USAGE : EXIT_FAILURE;
  }
  if (state.createdKey) io.out(t('witness.keyCreated', { file: join(dir, WITNESS_KEY_FILE), vkey: state.key.vkey }));
  else io.out(t('witness.key', { vkey: state.key.vkey }));
  if (state.pinnedNow) io.out(t('witness.pinned', { vkey: state.log.vkey, file: join(dir, PINNED_KEY_FILE) }));

  const timeoutMs =
    options.timeoutMs !== undefined && Number.isFinite(options.timeoutMs) && options.timeoutMs > 0
      ? options.timeoutMs
      : DEFAULT_TIMEOUT_MS;
  const witness = new Witness(state, logClient(base, timeoutMs), io, t);
  try {
    return await (options.once ? witness.once() : witness.follow(options.intervalSeconds ?? DEFAULT_INTERVAL_SECONDS));
  } finally {
    state.unlock();
  }
}

type RoundResult =
  /** Checked; `delivered` is false when a cosignature was due but the server did not take it. */
  | { readonly kind: 'checked'; readonly delivered: boolean }
  /** Not checked: `exit` 1 (unreachable) or 4 (untrusted answer); `message` says why. */
  | { readonly kind: 'problem'; readonly exit: 1 | 4; readonly message: string }
  /** Misbehaviour reported and evidence written. */
  | { readonly kind: 'alarm' }
  /** The state cannot be written, or a bug: stop. */
  | { readonly kind: 'fatal'; readonly message: string };

const STOP: unique symbol = Symbol('stop');

class Witness {
  readonly #state: OpenedState;
  readonly #client: LogClient;
  readonly #io: WitnessIo;
  readonly #t: WitnessTranslate;
  #latest: RememberedCheckpoint | undefined;
  /**
   * Sizes whose cosignature the server took, or refused (4xx): not sent again by this
   * process, even when the server does not serve it back.
   */
  readonly #sent = new Set<number>();
  /** Set when following stops: a round still running then writes nothing more. */
  #stopping = false;
  #rounds = 0;

  constructor(state: OpenedState, client: LogClient, io: WitnessIo, t: WitnessTranslate) {
    this.#state = state;
    this.#client = client;
    this.#io = io;
    this.#t = t;
    this.#latest = state.latest;
  }

  async once(): Promise<number> {
    const stopped: Promise<typeof STOP> = this.#io.stopped.then(() => STOP);
    const result = await Promise.race([this.#round(true), stopped]);
    if (result === STOP) {
      this.#stop();
      return EXIT_FAILURE; // interrupted: not checked
    }
    switch (result.kind) {
      case 'checked':
        return result.delivered ? EXIT_OK : EXIT_FAILURE;
      case 'problem':
        this.#io.err(result.message);
        return result.exit;
      case 'alarm':
        return EXIT_MISBEHAVIOUR;
      case 'fatal':
        this.#io.err(result.message);
        return EXIT_FAILURE;
    }
  }

  async follow(intervalSeconds: number): Promise<number> {
    const io = this.#io;
    const t = this.#t;
    io.out(t('witness.following', { url: this.#client.base.href, seconds: intervalSeconds }));
    const stopped: Promise<typeof STOP> = io.stopped.then(() => STOP);
    let lastProblem: string | undefined;
    for (;;) {
      const round = this.#round(this.#rounds === 0);
      const result = await Promise.race([round, stopped]);
      if (result === STOP) return this.#stop();
      switch (result.kind) {
        case 'alarm':
          return EXIT_MISBEHAVIOUR;
        case 'fatal':
          io.err(result.message);
          return EXIT_FAILURE;
        case 'problem':
          // The same failure round after round is said once.
          if (result.message !== lastProblem) {
            io.err(result.message);
            io.err(t('witness.retry', { seconds: intervalSeconds }));
          }
          lastProblem = result.message;
          break;
        case 'checked':
          if (lastProblem !== undefined) io.out(t('witness.recovered'));
          lastProblem = undefined;
          break;
      }
      if ((await sleep(intervalSeconds * 1000, stopped)) === STOP) return this.#stop();
    }
  }

  #stop(): number {
    this.#stopping = true;
    this.#io.out(this.#t('witness.stopping'));
    return EXIT_OK;
  }

  /** One round. Never rejects: every outcome is a value. */
  async #round(verbose: boolean): Promise<RoundResult> {
    this.#rounds += 1;
    try {
      return await this.#check(verbose);
    } catch (error) {
      if (error instanceof WitnessStateError)
        return { kind: 'fatal', message: this.#t(error.messageKey, error.params) };
      if (error instanceof NotServed) {
        return {
          kind: 'problem',
          exit: 1,
          message: this.#t('witness.error.notServed', { url: error.url, base: this.#client.base.href }),
        };
      }
      if (error instanceof RoundProblem && error.kind === 'unavailable') {
        return { kind: 'problem', exit: 1, message: this.#t('witness.error.unavailable', { reason: error.message }) };
      }
      if (this.#io.env['PLENUM_DEBUG'] === '1' && error instanceof Error) this.#io.err(error.stack ?? '');
      return { kind: 'fatal', message: this.#t('witness.error.unexpected', { reason: reasonOf(error) }) };
    }
  }

  async #check(verbose: boolean): Promise<RoundResult> {
    const t = this.#t;
    const { log } = this.#state;
    const url = this.#client.checkpointUrl;
    let served: string;
    let opened: OpenedCheckpoint;
    try {
      served = await this.#client.checkpoint();
      opened = openCheckpoint(served, { log: log.verifier, origin: log.origin });
    } catch (error) {
      if (!isTlogError(error) && !(error instanceof RoundProblem && error.kind === 'untrusted')) throw error;
      return {
        kind: 'problem',
        exit: 4,
        message: t('witness.error.checkpoint', { url, vkey: log.vkey, reason: reasonOf(error) }),
      };
    }
    const next = opened.checkpoint;
    const latest = this.#latest;
    const tiles = this.#client.tiles();
    const badTiles = (reason: string): RoundResult => ({
      kind: 'problem',
      exit: 4,
      message: t('witness.error.tiles', { url: this.#client.base.href, size: next.size, reason }),
    });

    if (latest === undefined) {
      const growth = await this.#fromTiles(() => checkRoot(tiles, next));
      if (growth.kind !== 'consistent') return badTiles(growth.kind === 'bad-tiles' ? growth.reason : 'fork');
      return this.#accept(served, opened, () => {
        this.#io.out(t('witness.first', { origin: next.origin, size: next.size, root: toBase64(next.rootHash) }));
      });
    }

    const old = latest.checkpoint;
    if (next.size === old.size) {
      if (toBase64(next.rootHash) !== toBase64(old.rootHash)) return this.#alarm('split-view', latest, served, next);
      if (verbose) this.#io.out(t('witness.unchanged', { size: next.size, root: toBase64(next.rootHash) }));
      if (this.#sent.has(next.size) || this.#servesOurCosignature(served)) return { kind: 'checked', delivered: true };
      return { kind: 'checked', delivered: await this.#submit(this.#cosign(opened), next) };
    }
    if (next.size < old.size) return this.#alarm('rollback', latest, served, next);

    const growth = await this.#fromTiles(() => checkGrowth(tiles, old, next));
    switch (growth.kind) {
      case 'bad-tiles':
        return badTiles(growth.reason);
      case 'fork':
        return this.#alarm('fork', latest, served, next, growth.computedRoot);
      case 'consistent':
        return this.#accept(served, opened, () => {
          const root = toBase64(next.rootHash);
          this.#io.out(t('witness.grew', { origin: next.origin, oldSize: old.size, size: next.size, root }));
        });
    }
  }

  /** Runs a computation over the served tiles; a tile that is not one becomes a 'bad-tiles' answer. */
  async #fromTiles(work: () => Promise<Growth>): Promise<Growth> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof RoundProblem && error.kind === 'unavailable') throw error;
      return { kind: 'bad-tiles', reason: reasonOf(error) };
    }
  }

  /** A new checkpoint verified: remember it, then cosign it and send the cosignature. */
  async #accept(served: string, opened: OpenedCheckpoint, announce: () => void): Promise<RoundResult> {
    const next = opened.checkpoint;
    const cosigned = this.#cosign(opened);
    if (this.#stopping) return { kind: 'checked', delivered: true }; // stopped meanwhile: change nothing
    saveLatest(this.#state.dir, cosigned);
    this.#latest = { checkpoint: next, note: cosigned };
    announce();
    const seenAt = this.#now().toISOString();
    const submission = await this.#client.submit(this.#state.key.vkey, cosigned);
    // Once `latest` moved, the history follows it, even if following has been stopped since.
    appendHistory(this.#state.dir, {
      size: next.size,
      root: toBase64(next.rootHash),
      seenAt,
      url: this.#client.checkpointUrl,
      note: served,
      cosigned,
      cosignature: submission.accepted
        ? { accepted: true }
        : { accepted: false, status: submission.status, error: submission.error },
    });
    return { kind: 'checked', delivered: this.#report(submission, next) };
  }

  async #submit(cosigned: string, checkpoint: Checkpoint): Promise<boolean> {
    return this.#report(await this.#client.submit(this.#state.key.vkey, cosigned), checkpoint);
  }

  #report(submission: Awaited<ReturnType<LogClient['submit']>>, checkpoint: Checkpoint): boolean {
    const t = this.#t;
    const size = checkpoint.size;
    if (submission.accepted) {
      this.#sent.add(size);
      this.#io.out(t('witness.cosigned', { size }));
      return true;
    }
    if (!submission.transient && submission.status !== null) {
      this.#sent.add(size);
      this.#io.err(t('witness.refused', { size, status: `HTTP ${submission.status}`, reason: submission.error }));
    } else {
      this.#io.err(t('witness.undelivered', { size, reason: submission.error }));
    }
    return false;
  }

  /** The checkpoint with the log's signature and this witness's cosignature/v1, timestamped now. */
  #cosign(opened: OpenedCheckpoint): string {
    const { log, key } = this.#state;
    const logSignature = opened.note.verified.find((s) => s.name === log.origin && s.keyId === log.verifier.keyId);
    if (logSignature === undefined) throw new Error('the opened checkpoint has no log signature');
    const signer = cosignatureSigner(key.signer, Math.floor(this.#now().getTime() / 1000));
    const ours = { name: signer.name, keyId: signer.keyId, signature: signer.sign(opened.note.textBytes) };
    return formatNote(opened.note.text, [logSignature, ours]);
  }

  /** Whether the served note already carries a valid cosignature by this witness. */
  #servesOurCosignature(served: string): boolean {
    const { log, key } = this.#state;
    try {
      const opened = openCheckpoint(served, {
        log: log.verifier,
        origin: log.origin,
        cosigners: [cosignatureVerifier(key.vkey)],
      });
      return opened.cosignatures.length > 0;
    } catch {
      return false; // a broken line under our name: send a good one
    }
  }

  /** Says what the log did, loudly, and writes the two signed checkpoints that prove it. */
  #alarm(
    kind: 'split-view' | 'fork' | 'rollback',
    remembered: RememberedCheckpoint,
    served: string,
    next: Checkpoint,
    computedRoot?: Uint8Array,
  ): RoundResult {
    if (this.#stopping) return { kind: 'alarm' }; // seen again at the next start
    const t = this.#t;
    const { log, dir, key } = this.#state;
    const old = remembered.checkpoint;
    const url = this.#client.checkpointUrl;
    const oldRoot = toBase64(old.rootHash);
    const newRoot = toBase64(next.rootHash);
    const messageKey: WitnessMessageKey =
      kind === 'split-view'
        ? 'witness.alarm.splitView'
        : kind === 'fork'
          ? 'witness.alarm.fork'
          : 'witness.alarm.rollback';
    const message = t(messageKey, {
      origin: log.origin,
      size: old.size,
      oldSize: old.size,
      newSize: next.size,
      oldRoot,
      newRoot,
      url,
      computedRoot: computedRoot === undefined ? '' : toBase64(computedRoot),
    });
    this.#io.err(message);
    const now = this.#now();
    const evidence = {
      format: 'plenum-witness-evidence/v1',
      kind,
      explanation: EXPLANATION[kind],
      message,
      origin: log.origin,
      logKey: log.vkey,
      witness: key.vkey,
      detectedAt: now.toISOString(),
      remembered: { size: old.size, root: oldRoot, note: remembered.note },
      served: { size: next.size, root: newRoot, note: served, url },
      ...(computedRoot === undefined ? {} : { servedTreeRootAtRememberedSize: toBase64(computedRoot) }),
    };
    try {
      const { file } = writeEvidence(dir, evidence);
      this.#io.err(t('witness.alarm.evidence', { vkey: log.vkey, file }));
    } catch (error) {
      const reason = error instanceof WitnessStateError ? (error.params['reason'] ?? error.message) : reasonOf(error);
      this.#io.err(t('witness.alarm.noEvidence', { file: dir, reason, remembered: remembered.note, served }));
    }
    return { kind: 'alarm' };
  }

  #now(): Date {
    return this.#io.now?.() ?? new Date();
  }
}

/** What each kind of evidence shows, for whoever reads the file (in English, like the format). */
const EXPLANATION: Readonly<Record<'split-view' | 'fork' | 'rollback', string>> = {
  'split-view':
    'Both checkpoints open with logKey (C2SP signed-note, Ed25519) and are of the same size with different roots. A log signs one tree per size: it showed different histories.',
  fork: 'Both checkpoints open with logKey. The served tree does not extend the remembered one: by the log’s own tiles, which give the served root, its first remembered.size entries have the root servedTreeRootAtRememberedSize, not remembered.root, so no RFC 9162 consistency proof between them can exist.',
  rollback:
    'Both checkpoints open with logKey, and the one served later is of a smaller tree than the one the witness remembered (and cosigned). A log only grows: it went back on its history, or an old checkpoint was served in its place.',
};

function sleep(ms: number, stopped: Promise<typeof STOP>): Promise<typeof STOP | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const elapsed = new Promise<undefined>((done) => {
    timer = setTimeout(() => {
      done(undefined);
    }, ms);
  });
  return Promise.race([elapsed, stopped]).finally(() => {
    clearTimeout(timer);
  });
}

function unexpected(error: unknown, io: WitnessIo, t: WitnessTranslate): number {
  if (io.env['PLENUM_DEBUG'] === '1' && error instanceof Error) io.err(error.stack ?? '');
  io.err(t('witness.error.unexpected', { reason: reasonOf(error) }));
  return EXIT_FAILURE;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
