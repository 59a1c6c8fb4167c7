import { fromUtf8, ok, utf8, type Result } from '@plenum/kernel';
import { verifyBallot } from './ballot.ts';
import { parsePublicCredential } from './credential.ts';
import { parseElection, type Election } from './election.ts';
import { cryptoRefusal } from './errors.ts';
import { sha256Hex } from './hash.ts';
import {
  combineDecryptions,
  decryptResult,
  encryptedTally,
  lastBallots,
  parseEncryptedTally,
  parsePartialDecryption,
  verifyPartialDecryption,
  writeResult,
  type EncryptedTally,
  type PartialDecryption,
  type WeightedBallot,
} from './tally.ts';
import { electionPublicKey, parseTrustees, trusteeKeysInOrder, type TrusteeKind } from './trustees.ts';
import { at } from './util.ts';

/**
 * The public data of an election as one file (Belenios 2.0 §4.4): an old-style tar archive
 * of a `BELENIOS` header, data files and events, each named by the SHA-256 of its content,
 * the events chained by their parents' hashes. `verifyArchive` checks all of it in order and
 * names the first failing check; `writeArchive` makes one that belenios-tool accepts.
 */

export interface ArchiveFile {
  readonly name: string;
  readonly text: string;
}

const BLOCK = 512;
const MAX_FILES = 10_000_000;

function octal(bytes: Uint8Array): number | undefined {
  const text = String.fromCharCode(...bytes)
    .replace(/[\0 ]+$/, '')
    .replace(/^ +/, '');
  return /^[0-7]{1,12}$/.test(text) ? Number.parseInt(text, 8) : undefined;
}

/** Reads an old-style (v7 or ustar) tar of regular files; a refusal names the first fault. */
export function readTar(bytes: Uint8Array): Result<ArchiveFile[]> {
  const files: ArchiveFile[] = [];
  const bad = (detail: string): Result<ArchiveFile[]> =>
    cryptoRefusal('malformed', '4.4', `file ${files.length + 1}`, detail);
  for (let at = 0; ;) {
    // belenios-tool appends to its archives, so they end right after the last file.
    if (at === bytes.length) break;
    if (at + BLOCK > bytes.length) return bad('the archive ends inside a header');
    const header = bytes.subarray(at, at + BLOCK);
    if (header.every((b) => b === 0)) break;
    if (files.length >= MAX_FILES) return bad('too many files');
    const sum = octal(header.subarray(148, 156));
    const computed = header.reduce((s, b, i) => s + (i >= 148 && i < 156 ? 32 : b), 0);
    if (sum !== computed) return bad('bad header checksum');
    const type = header[156];
    if (type !== 0x30 && type !== 0) return bad('not a regular file');
    const size = octal(header.subarray(124, 136));
    if (size === undefined || at + BLOCK + size > bytes.length) return bad('bad size');
    const nameEnd = header.indexOf(0);
    const name = String.fromCharCode(...header.subarray(0, nameEnd < 0 || nameEnd > 100 ? 100 : nameEnd));
    let text: string;
    try {
      text = fromUtf8(bytes.subarray(at + BLOCK, at + BLOCK + size));
    } catch {
      return bad(`${name} is not UTF-8`);
    }
    files.push({ name, text });
    at += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
  }
  return ok(files);
}

function tarHeader(name: string, size: number, mtime: number): Uint8Array {
  const header = new Uint8Array(BLOCK);
  const put = (offset: number, text: string): void => header.set(utf8(text), offset);
  put(0, name);
  put(100, '0000644\0');
  put(108, '0000000\0');
  put(116, '0000000\0');
  put(124, `${size.toString(8).padStart(11, '0')}\0`);
  put(136, `${mtime.toString(8).padStart(11, '0')}\0`);
  put(148, '        ');
  put(156, '0');
  const sum = header.reduce((s, b) => s + b, 0);
  put(148, `${sum.toString(8).padStart(6, '0')}\0 `);
  return header;
}

/**
 * An old-style tar of the files, as belenios-tool writes its archives: without the two empty
 * blocks that usually end a tar, because the archive is appended to (belenios-tool refuses
 * them).
 */
export function writeTar(files: readonly ArchiveFile[], mtime: number): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const f of files) {
    const body = utf8(f.text);
    parts.push(tarHeader(f.name, body.length, mtime), body, new Uint8Array((BLOCK - (body.length % BLOCK)) % BLOCK));
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Writing an archive from an election's public data.

export interface ArchiveContent {
  /** Seconds since the epoch, for the header and the tar entries. */
  readonly timestamp: number;
  readonly election: string;
  readonly trustees: string;
  /** The public credentials, one string each (`credential` or `credential,weight`). */
  readonly credentials: readonly string[];
  readonly ballots: readonly string[];
  /** After the ballot box is closed: the encrypted tally's text and the counts. */
  readonly tally?: { readonly text: string; readonly numTallied: number; readonly totalWeight: number };
  readonly partialDecryptions?: readonly { readonly owner: number; readonly text: string }[];
  readonly result?: string;
}

/** The archive's files, in order, with their names and the event chain. */
export function archiveFiles(c: ArchiveContent): ArchiveFile[] {
  const files: ArchiveFile[] = [{ name: 'BELENIOS', text: `{"version":1,"timestamp":"${c.timestamp}"}` }];
  const data = (text: string): string => {
    const hash = sha256Hex(text);
    files.push({ name: `${hash}.data.json`, text });
    return hash;
  };
  let parent: string | undefined;
  let height = 0;
  const event = (type: string, payload?: string): void => {
    const text =
      `{${parent === undefined ? '' : `"parent":"${parent}",`}"height":${height},"type":"${type}"` +
      `${payload === undefined ? '' : `,"payload":"${payload}"`}}`;
    parent = sha256Hex(text);
    height += 1;
    files.push({ name: `${parent}.event.json`, text });
  };
  const setup = `{"election":"${data(c.election)}","trustees":"${data(c.trustees)}","credentials":"${data(JSON.stringify(c.credentials))}"}`;
  event('Setup', data(setup));
  for (const b of c.ballots) event('Ballot', data(b));
  if (c.tally === undefined) return files;
  event('EndBallots');
  const t = c.tally;
  const sized = `{"num_tallied":${t.numTallied},"total_weight":${t.totalWeight},"encrypted_tally":"${data(t.text)}"}`;
  event('EncryptedTally', data(sized));
  for (const pd of c.partialDecryptions ?? []) {
    event('PartialDecryption', data(`{"owner":${pd.owner},"payload":"${data(pd.text)}"}`));
  }
  if (c.result !== undefined) event('Result', data(c.result));
  return files;
}

export function writeArchive(c: ArchiveContent): Uint8Array {
  return writeTar(archiveFiles(c), c.timestamp);
}

// ---------------------------------------------------------------------------------------------
// Verifying an archive (§3.5): every check an auditor makes, in order.

export interface ArchiveSummary {
  readonly election: Election;
  readonly trustees: readonly TrusteeKind[];
  /** Ballots accepted, and those counted (the last of each credential). */
  readonly ballots: number;
  readonly tallied: number;
  readonly result: readonly (readonly number[])[] | undefined;
}

interface Event {
  readonly type: string;
  readonly payload: string | undefined;
  readonly where: string;
}

type Step<T> = Result<T>;

function readEvents(files: readonly ArchiveFile[]): Step<{ events: Event[]; data: Map<string, string> }> {
  const header = files[0];
  if (header?.name !== 'BELENIOS' || !/^\{"version":1,"timestamp":"[0-9]+"\}$/.test(header.text)) {
    return cryptoRefusal('malformed', '4.4', 'BELENIOS', 'the archive does not start with its version 1 header');
  }
  const data = new Map<string, string>();
  const events: Event[] = [];
  let parent: string | undefined;
  for (const f of files.slice(1)) {
    const match = /^([0-9a-f]{64})\.(data|event)\.json$/.exec(f.name);
    if (match === null) return cryptoRefusal('malformed', '4.4', f.name, 'unexpected file name');
    const hash = sha256Hex(f.text);
    if (match[1] !== hash)
      return cryptoRefusal('malformed', '4.4', f.name, 'the file name is not the hash of its content');
    if (match[2] === 'data') {
      data.set(hash, f.text);
      continue;
    }
    const e = readEvent(f, parent, events.length, data);
    if (!e.ok) return e;
    events.push(e.value);
    parent = hash;
  }
  return ok({ events, data });
}

function readEvent(f: ArchiveFile, parent: string | undefined, height: number, data: Map<string, string>): Step<Event> {
  const where = `event ${height} (${f.name})`;
  let o: unknown;
  try {
    o = JSON.parse(f.text);
  } catch {
    return cryptoRefusal('malformed', '4.4', where, 'not JSON');
  }
  const e = o as { parent?: unknown; height?: unknown; type?: unknown; payload?: unknown };
  if (
    typeof o !== 'object' ||
    o === null ||
    Object.keys(o).some((k) => !['parent', 'height', 'type', 'payload'].includes(k))
  ) {
    return cryptoRefusal('malformed', '4.4', where, 'not an event');
  }
  if (e.parent !== parent) return cryptoRefusal('malformed', '4.4', where, 'its parent is not the previous event');
  if (e.height !== height) return cryptoRefusal('malformed', '4.4', where, `its height is not ${height}`);
  if (typeof e.type !== 'string') return cryptoRefusal('malformed', '4.4', where, 'no type');
  if (e.payload !== undefined && (typeof e.payload !== 'string' || !data.has(e.payload))) {
    return cryptoRefusal('malformed', '4.4', where, 'its payload is not an earlier data file');
  }
  return ok({ type: e.type, payload: e.payload, where });
}

function json<T>(text: string | undefined, where: string): Step<T> {
  try {
    if (text === undefined) throw new Error('missing');
    return ok(JSON.parse(text) as T);
  } catch {
    return cryptoRefusal('malformed', '4.4', where, 'missing or not JSON');
  }
}

/**
 * The checks an auditor makes of an archive, in order; each is reported as it passes (the
 * first that fails is the refusal). `count` says how many things it covered.
 */
export const ARCHIVE_CHECKS = [
  'archive',
  'election',
  'trustees',
  'credentials',
  'ballots',
  'tally',
  'decryption',
  'result',
] as const;
export type ArchiveCheck = (typeof ARCHIVE_CHECKS)[number];

export interface VerifyArchiveOptions {
  /** A check passed: its name, how many items it covered, and for a decryption the trustee's number. */
  readonly onCheck?: (check: ArchiveCheck, count: number) => void;
  /** Ballots verified so far, of how many (after every ballot). */
  readonly onBallot?: (done: number, total: number) => void;
}

/** Verifies a whole archive; the refusal names the first failing check and where. */
export function verifyArchive(bytes: Uint8Array, options: VerifyArchiveOptions = {}): Result<ArchiveSummary> {
  const report = options.onCheck ?? ((): void => undefined);
  const tar = readTar(bytes);
  if (!tar.ok) return tar;
  const read = readEvents(tar.value);
  if (!read.ok) return read;
  const { events, data } = read.value;
  report('archive', events.length);
  const [setupEvent, ...rest] = events;
  if (setupEvent?.type !== 'Setup') return cryptoRefusal('malformed', '4.4', 'event 0', 'the first event is not Setup');
  const setup = readSetup(data, setupEvent, report);
  if (!setup.ok) return setup;
  return checkPhases(setup.value, rest, data, { ...options, onCheck: report });
}

interface SetupData {
  readonly election: Election;
  readonly trustees: TrusteeKind[];
  readonly weights: Map<string, number>;
}

function readSetup(
  data: Map<string, string>,
  setupEvent: Event,
  report: (check: ArchiveCheck, count: number) => void,
): Step<SetupData> {
  const where = setupEvent.where;
  const s = json<{ election?: string; trustees?: string; credentials?: string }>(
    data.get(setupEvent.payload ?? ''),
    where,
  );
  if (!s.ok) return s;
  const electionText = data.get(s.value.election ?? '');
  if (electionText === undefined) return cryptoRefusal('malformed', '4.10', where, 'no election data');
  const election = parseElection(electionText);
  if (!election.ok) return election;
  report('election', election.value.questions.length);
  const G = election.value.group;
  const trustees = parseTrustees(G, data.get(s.value.trustees ?? '') ?? '');
  if (!trustees.ok) return trustees;
  if (!G.equals(electionPublicKey(G, trustees.value), election.value.publicKey)) {
    return cryptoRefusal('invalid-proof', '3.1.1', where, 'the election key is not the product of the trustees keys');
  }
  report('trustees', trusteeKeysInOrder(trustees.value).length);
  const creds = json<unknown>(data.get(s.value.credentials ?? ''), `${where}: credentials`);
  if (!creds.ok) return creds;
  const weights = new Map<string, number>();
  const lines = Array.isArray(creds.value) ? (creds.value as unknown[]) : [undefined];
  for (const [i, line] of lines.entries()) {
    const c = typeof line === 'string' ? parsePublicCredential(G, line) : undefined;
    if (c === undefined || weights.has(c.credential)) {
      return cryptoRefusal('malformed', '4.8', `public credential ${i + 1}`, 'not a public credential, or repeated');
    }
    weights.set(c.credential, c.weight);
  }
  report('credentials', weights.size);
  return ok({ election: election.value, trustees: trustees.value, weights });
}

function checkPhases(
  setup: SetupData,
  events: readonly Event[],
  data: Map<string, string>,
  options: VerifyArchiveOptions & { readonly onCheck: (check: ArchiveCheck, count: number) => void },
): Step<ArchiveSummary> {
  const { election: E, trustees, weights } = setup;
  const report = options.onCheck;
  const cast: WeightedBallot[] = [];
  const total = events.filter((e) => e.type === 'Ballot').length;
  let i = 0;
  for (; i < events.length && events[i]?.type === 'Ballot'; i += 1) {
    const e = at(events, i);
    const v = verifyBallot(E, data.get(e.payload ?? '') ?? '', { isCredential: (c) => weights.has(c) });
    if (!v.ok) return { ...v, params: { ...v.params, where: `${e.where}: ${String(v.params['where'])}` } };
    cast.push({ ballot: v.value.ballot, credential: v.value.credential, weight: weights.get(v.value.credential) ?? 1 });
    options.onBallot?.(cast.length, total);
  }
  report('ballots', cast.length);
  const tallied = lastBallots(cast);
  const summary = { election: E, trustees, ballots: cast.length, tallied: tallied.length, result: undefined };
  if (i === events.length) return ok(summary);
  if (events[i]?.type !== 'EndBallots')
    return cryptoRefusal('malformed', '4.4', at(events, i).where, 'unexpected event');
  const tallyEvent = events[i + 1];
  if (tallyEvent === undefined) return ok(summary);
  const tally = checkTally(E, tallied, tallyEvent, data);
  if (!tally.ok) return tally;
  report('tally', tallied.length);
  const decryptions = new Map<number, PartialDecryption>();
  const keys = trusteeKeysInOrder(trustees);
  for (i += 2; i < events.length && events[i]?.type === 'PartialDecryption'; i += 1) {
    const pd = checkDecryption(E, tally.value, keys, at(events, i), data);
    if (!pd.ok) return pd;
    decryptions.set(pd.value.owner, pd.value.pd);
    report('decryption', pd.value.owner);
  }
  const resultEvent = events[i];
  if (resultEvent === undefined) return ok(summary);
  if (resultEvent.type !== 'Result' || i + 1 !== events.length) {
    return cryptoRefusal('unsupported', '4.4', resultEvent.where, `unexpected event ${resultEvent.type}`);
  }
  const F = combineDecryptions(E, tally.value, trustees, decryptions);
  if (!F.ok) return F;
  const totalWeight = tallied.reduce((s, b) => s + b.weight, 0);
  const result = decryptResult(E, tally.value, F.value, totalWeight);
  if (!result.ok) return result;
  const claimed = json<unknown>(data.get(resultEvent.payload ?? ''), resultEvent.where);
  if (!claimed.ok) return claimed;
  if (JSON.stringify(claimed.value) !== writeResult(result.value)) {
    return cryptoRefusal('invalid-proof', '4.19', resultEvent.where, 'the result is not the decryption of the tally');
  }
  report('result', result.value.length);
  return ok({ ...summary, result: result.value });
}

function checkTally(
  E: Election,
  tallied: readonly WeightedBallot[],
  event: Event,
  data: Map<string, string>,
): Step<EncryptedTally> {
  if (event.type !== 'EncryptedTally') return cryptoRefusal('malformed', '4.4', event.where, 'expected EncryptedTally');
  const sized = json<{ num_tallied?: unknown; total_weight?: unknown; encrypted_tally?: unknown }>(
    data.get(event.payload ?? ''),
    event.where,
  );
  if (!sized.ok) return sized;
  const totalWeight = tallied.reduce((s, b) => s + b.weight, 0);
  if (sized.value.num_tallied !== tallied.length || sized.value.total_weight !== totalWeight) {
    return cryptoRefusal('invalid-proof', '4.16', event.where, 'wrong number of ballots or total weight');
  }
  const claimed = parseEncryptedTally(E, data.get(String(sized.value.encrypted_tally)) ?? '');
  if (!claimed.ok) return claimed;
  const ours = encryptedTally(E, tallied);
  const G = E.group;
  const same = ours.every((cs, q) =>
    cs.every((c, a) => {
      const d = claimed.value[q]?.[a];
      return d !== undefined && G.equals(c.alpha, d.alpha) && G.equals(c.beta, d.beta);
    }),
  );
  if (!same)
    return cryptoRefusal('invalid-proof', '4.16', event.where, 'the encrypted tally is not the product of the ballots');
  return ok(claimed.value);
}

function checkDecryption(
  E: Election,
  tally: EncryptedTally,
  keys: readonly unknown[],
  event: Event,
  data: Map<string, string>,
): Step<{ owner: number; pd: PartialDecryption }> {
  const owned = json<{ owner?: unknown; payload?: unknown }>(data.get(event.payload ?? ''), event.where);
  if (!owned.ok) return owned;
  const owner = owned.value.owner;
  if (typeof owner !== 'number' || !Number.isSafeInteger(owner) || owner < 1 || owner > keys.length) {
    return cryptoRefusal('malformed', '4.18', event.where, 'no such trustee');
  }
  const pd = parsePartialDecryption(E, data.get(String(owned.value.payload)) ?? '');
  if (!pd.ok) return pd;
  const checked = verifyPartialDecryption(E, tally, keys[owner - 1], pd.value);
  if (!checked.ok)
    return { ...checked, params: { ...checked.params, where: `${event.where}: ${String(checked.params['where'])}` } };
  return ok({ owner, pd: pd.value });
}
