import { bytesEqual } from '@plenum/kernel';
import {
  EMPTY_ROOT,
  HASH_SIZE,
  consistencyProofFromTiles,
  hashChildren,
  parseTilePath,
  rootFromTiles,
  tilePath,
  verifyConsistency,
  type Checkpoint,
  type FetchTile,
} from '@plenum/log';
import { httpFetcher } from './verify-command.ts';

/**
 * The witness's view of a log served over HTTP(S) in the C2SP tlog-tiles layout (a Plenum
 * server's /log/, or any static host): its checkpoint, its tiles, and where cosignatures go.
 * Reading reuses `plenum verify`'s fetcher (timeouts, size limits, the URL in every error).
 */

/** Why a round could not be completed, and so what the witness does about it. */
export type RoundProblemKind =
  /** No answer, or an HTTP error: try again later (exit 1 with --once). */
  | 'unavailable'
  /** An answer that does not verify (a bad signature, a garbled tile): nothing is cosigned (exit 4 with --once). */
  | 'untrusted';

export class RoundProblem extends Error {
  readonly kind: RoundProblemKind;

  constructor(kind: RoundProblemKind, message: string) {
    super(message);
    this.name = 'RoundProblem';
    this.kind = kind;
  }
}

/** The log's base URL (ending in /log/) from the server's address or the log's own. */
export function logBaseUrl(target: string): URL | undefined {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.username !== '' || url.password !== '') return undefined; // no secrets on command lines
  url.search = '';
  url.hash = '';
  const path = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
  url.pathname = path.endsWith('/log/') ? path : `${path}log/`;
  return url;
}

export interface LogClient {
  readonly base: URL;
  readonly checkpointUrl: string;
  readonly cosignatureUrl: string;
  /** The signed checkpoint note as served. */
  checkpoint(): Promise<string>;
  /** A tile reader for one round: each tile is fetched once. */
  tiles(): FetchTile;
  /** POSTs a cosigned checkpoint to /log/cosignature. */
  submit(witnessVkey: string, cosigned: string): Promise<Submission>;
}

export type Submission =
  | { readonly accepted: true }
  | { readonly accepted: false; readonly status: number | null; readonly error: string; readonly transient: boolean };

/** A checkpoint is a few lines and a signature per witness: far below this. */
const MAX_CHECKPOINT_BYTES = 1024 * 1024;
/** What the witness reads of a refusal. */
const MAX_ANSWER_BYTES = 64 * 1024;

export function logClient(base: URL, timeoutMs: number): LogClient {
  const fetchFile = httpFetcher(base, timeoutMs);
  const checkpointUrl = new URL('checkpoint', base).href;
  const cosignatureUrl = new URL('cosignature', base).href;

  /** A file of the log; undefined when the server says 404. */
  async function get(path: string): Promise<Uint8Array | undefined> {
    try {
      return await fetchFile(path);
    } catch (error) {
      throw new RoundProblem('unavailable', error instanceof Error ? error.message : String(error));
    }
  }

  return {
    base,
    checkpointUrl,
    cosignatureUrl,

    async checkpoint() {
      const bytes = await get('checkpoint');
      if (bytes === undefined) throw new NotServed(checkpointUrl);
      if (bytes.length > MAX_CHECKPOINT_BYTES) {
        throw new RoundProblem('untrusted', `${checkpointUrl}: ${bytes.length} bytes is no checkpoint`);
      }
      try {
        return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        throw new RoundProblem('untrusted', `${checkpointUrl}: not UTF-8 text`);
      }
    },

    tiles() {
      const loaded = new Map<string, Promise<Uint8Array>>();
      const load = async (path: string): Promise<Uint8Array> => {
        const data = await get(path);
        if (data !== undefined) return data;
        // tlog-tiles: a partial tile may be gone once the full tile exists; its hashes are a
        // prefix of the full one's.
        const resource = parseTilePath(path);
        if (resource.kind === 'tile' && resource.width < 256) {
          const full = await get(tilePath({ level: resource.level, index: resource.index, width: 256 }));
          if (full !== undefined)
            return full.length >= resource.width * HASH_SIZE ? full.slice(0, resource.width * HASH_SIZE) : full;
        }
        throw new RoundProblem('untrusted', `${new URL(path, base).href} is not served (HTTP 404)`);
      };
      return (path) => {
        let pending = loaded.get(path);
        if (pending === undefined) {
          pending = load(path);
          loaded.set(path, pending);
        }
        return pending;
      };
    },

    async submit(witnessVkey, cosigned) {
      let response: Response;
      try {
        response = await fetch(cosignatureUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ witness: witnessVkey, cosigned }),
          signal: AbortSignal.timeout(timeoutMs),
          redirect: 'error',
        });
      } catch (error) {
        return {
          accepted: false,
          status: null,
          error: `${cosignatureUrl}: ${describeNetwork(error, timeoutMs)}`,
          transient: true,
        };
      }
      const text = await readSome(response);
      if (response.ok) return { accepted: true };
      return {
        accepted: false,
        status: response.status,
        error: serverMessage(text) ?? `HTTP ${response.status} ${response.statusText}`.trim(),
        transient: response.status >= 500 || response.status === 429,
      };
    },
  };
}

/** The checkpoint URL answered 404: the witness was probably given a wrong URL. */
export class NotServed extends RoundProblem {
  readonly url: string;

  constructor(url: string) {
    super('unavailable', `${url}: HTTP 404`);
    this.url = url;
  }
}

async function readSome(response: Response): Promise<string> {
  const reader = (response.body as ReadableStream<Uint8Array> | null)?.getReader();
  if (reader === undefined) return '';
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      total += value.byteLength;
      if (total > MAX_ANSWER_BYTES) {
        await reader.cancel();
        break;
      }
    }
  } catch {
    // A cut answer: what came is enough to report.
  }
  return Buffer.concat(chunks).subarray(0, MAX_ANSWER_BYTES).toString('utf8');
}

/** The message of a Plenum server's error body, `{ error: { code, message } }`. */
function serverMessage(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as { error?: { message?: unknown; code?: unknown } };
    const message = body.error?.message;
    return typeof message === 'string' ? oneLine(message) : undefined;
  } catch {
    return text.trim() === '' ? undefined : oneLine(text);
  }
}

/** Server text shown to a person: one line, bounded, no control characters. */
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return clean.length > 500 ? `${clean.slice(0, 500)}…` : clean;
}

function describeNetwork(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `no complete answer within ${timeoutMs / 1000} s`;
  }
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  const message = error instanceof Error ? error.message : String(error);
  return typeof cause?.code === 'string' && !message.includes(cause.code) ? `${message} (${cause.code})` : message;
}

// ---------------------------------------------------------------------------------------------
// Consistency

/** How the served tree relates to the remembered one (both checkpoints already verified). */
export type Growth =
  | { readonly kind: 'consistent' }
  /** Proven: the tiles give the served root, and in them the first `old.size` entries have `computedRoot`. */
  | { readonly kind: 'fork'; readonly computedRoot: Uint8Array }
  /** The tiles do not give the served root: bad tiles, not a proof of anything. */
  | { readonly kind: 'bad-tiles'; readonly reason: string };

/**
 * Whether the tree of `next` extends the tree of `old` (old.size ≤ next.size), from the
 * served tiles (RFC 9162 §2.1.4 consistency proof, computed with consistencyProofFromTiles
 * and accepted only if @plenum/log's verifyConsistency accepts it).
 *
 * A failed proof is a fork only when it is one: the proof's hashes must give the served,
 * signed root. Then (SHA-256 being collision resistant) they are the served tree's own nodes,
 * and the root they give its first `old.size` entries is that tree's — different from the
 * remembered signed root. When they do not give the served root, the tiles are wrong (a
 * garbled or stale tile), which proves nothing about the log's signatures.
 */
export async function checkGrowth(fetchTile: FetchTile, old: Checkpoint, next: Checkpoint): Promise<Growth> {
  const [m, n] = [old.size, next.size];
  if (m === 0) {
    if (!bytesEqual(old.rootHash, EMPTY_ROOT)) return { kind: 'fork', computedRoot: EMPTY_ROOT };
    return checkRoot(fetchTile, next);
  }
  const proof = await consistencyProofFromTiles(fetchTile, m, n);
  if (verifyConsistency(m, n, old.rootHash, next.rootHash, proof).ok) return { kind: 'consistent' };
  // RFC 9162 §2.1.4.2: when m is a power of two, the proof leaves out the node of the first m
  // entries, which a verifier holding the old root starts from. Here it is read from the tiles.
  const start = isPowerOfTwo(m) ? await rootFromTiles(fetchTile, m) : undefined;
  const roots = proofRoots(m, n, start === undefined ? proof : [start, ...proof]);
  if (roots === undefined || !bytesEqual(roots.newRoot, next.rootHash)) {
    return { kind: 'bad-tiles', reason: `the tiles do not give the root of the tree of size ${n}` };
  }
  if (!bytesEqual(roots.oldRoot, old.rootHash)) return { kind: 'fork', computedRoot: roots.oldRoot };
  return { kind: 'bad-tiles', reason: 'the consistency proof from the tiles does not verify' };
}

/** The tiles of a first checkpoint must give its root (else they cannot prove anything later). */
export async function checkRoot(fetchTile: FetchTile, checkpoint: Checkpoint): Promise<Growth> {
  const computed = await rootFromTiles(fetchTile, checkpoint.size);
  return bytesEqual(computed, checkpoint.rootHash)
    ? { kind: 'consistent' }
    : { kind: 'bad-tiles', reason: `the tiles do not give the root of the tree of size ${checkpoint.size}` };
}

/**
 * RFC 9162 §2.1.4.2 steps 3–7, returning both roots the path gives (the first m entries',
 * the whole tree's) instead of comparing them; undefined if the path has the wrong length.
 * `path` is the proof, preceded by the node of the first m entries when m is a power of two.
 * The same steps as @plenum/log's verifyConsistency, which alone decides consistency: this
 * only tells a fork from bad tiles once that has said no.
 */
function proofRoots(
  m: number,
  n: number,
  path: readonly Uint8Array[],
): { readonly oldRoot: Uint8Array; readonly newRoot: Uint8Array } | undefined {
  let fn = m - 1;
  let sn = n - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  const [first, ...rest] = path;
  if (first === undefined) return undefined;
  let fr = first;
  let sr = first;
  for (const c of rest) {
    if (sn === 0) return undefined;
    if (fn % 2 === 1 || fn === sn) {
      fr = hashChildren(c, fr);
      sr = hashChildren(c, sr);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      sr = hashChildren(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? { oldRoot: fr, newRoot: sr } : undefined;
}

function isPowerOfTwo(value: number): boolean {
  return value > 0 && 2 ** Math.round(Math.log2(value)) === value;
}
