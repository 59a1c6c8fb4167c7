import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { MessageKey, Translate } from '@plenum/i18n';
import {
  COUNT_METHODS,
  countMethod,
  isBallotFileError,
  parseBallotJson,
  parseBlt,
  parseCompactCsv,
  parsePreflib,
  type CountReport,
  type Election,
} from '@plenum/tally';

/**
 * `plenum count --method <name> [--seats N] [--format f] [--seed S] [--json] FILE`: reads a
 * ballot file, counts it with one of @plenum/tally's methods and prints the report — a table
 * per round for people, or the whole report as JSON. Pure counting, local file: no data
 * directory, no server.
 *
 * Exit codes: 0 counted; 1 the file cannot be read or is malformed (`file:line: what`);
 * 2 an impossible request (unknown method, more seats than candidates, a bad option).
 */
export interface CountCommandOptions {
  readonly method: string;
  readonly seats?: number | undefined;
  readonly format?: string | undefined;
  readonly seed?: string | undefined;
  /** Apportionment: the threshold, a percentage of the votes ("5", "0.5"). */
  readonly threshold?: string | undefined;
  readonly json: boolean;
}

export interface CountIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly progress?: ((text: string) => void) | undefined;
}

export const EXIT_COUNTED = 0;
export const EXIT_BAD_FILE = 1;
export const EXIT_USAGE = 2;

/** Files above this size show a reading progress line on a terminal. */
const PROGRESS_FROM_BYTES = 4 * 1024 * 1024;
const FORMATS = ['blt', 'csv', 'soi', 'toi', 'toc', 'json'] as const;
type Format = (typeof FORMATS)[number];

/** The election in a file, and the candidates a CVR marks as undeclared write-ins (CSV). */
function readElection(
  format: Format,
  text: string,
  seats: number | undefined,
): { election: Election; undeclaredWriteIns: number[] } {
  switch (format) {
    case 'blt':
      return { election: parseBlt(text), undeclaredWriteIns: [] };
    case 'csv': {
      const { election, marks } = parseCompactCsv(text, seats === undefined ? {} : { seats });
      return { election, undeclaredWriteIns: marks.undeclaredWriteIn === null ? [] : [marks.undeclaredWriteIn] };
    }
    case 'soi':
    case 'toi':
    case 'toc':
      return { election: parsePreflib(text, seats === undefined ? {} : { seats }), undeclaredWriteIns: [] };
    case 'json':
      return { election: parseBallotJson(text), undeclaredWriteIns: [] };
  }
}

export async function runCount(file: string, options: CountCommandOptions, io: CountIo, t: Translate): Promise<number> {
  const method = countMethod(options.method);
  if (method === undefined) {
    io.err(t('count.error.method', { method: options.method, methods: COUNT_METHODS.map((m) => m.name).join(', ') }));
    return EXIT_USAGE;
  }
  const format = formatOf(file, options.format);
  if (format === undefined) {
    io.err(t('count.error.format', { file, formats: FORMATS.join(', ') }));
    return EXIT_USAGE;
  }

  let bytes: Uint8Array;
  try {
    bytes = await readWithProgress(file, io, t);
  } catch (error) {
    io.err(t('count.error.read', { file, reason: reasonOf(error) }));
    return EXIT_BAD_FILE;
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    io.err(t('count.error.encoding', { file }));
    return EXIT_BAD_FILE;
  }

  let election: Election;
  let undeclaredWriteIns: number[];
  try {
    ({ election, undeclaredWriteIns } = readElection(format, text, options.seats));
  } catch (error) {
    if (!isBallotFileError(error)) throw error;
    io.err(t('count.error.malformed', { file, line: error.line, detail: error.detail }));
    return EXIT_BAD_FILE;
  }

  const seats = options.seats ?? election.seats;
  const standing = election.candidates.filter((c) => !c.withdrawn).length;
  if (!method.multiWinner && seats !== 1 && options.seats !== undefined) {
    io.err(t('count.error.singleWinner', { method: method.name, seats }));
    return EXIT_USAGE;
  }
  if (options.threshold !== undefined && method.partySeats !== true) {
    io.err(t('count.error.thresholdMethod', { method: method.name }));
    return EXIT_USAGE;
  }
  if (method.partySeats !== true && seats > standing) {
    io.err(t('count.error.seats', { seats, candidates: standing }));
    return EXIT_USAGE;
  }
  if (!method.equalRankings) {
    const index = election.ballots.findIndex((b) => b.ranking.some((group) => group.length > 1));
    if (index >= 0) {
      io.err(t('count.error.equalRankings', { file, method: method.name, ballot: index + 1 }));
      return EXIT_BAD_FILE;
    }
  }

  // A rule that needs chance draws with this seed; by default the file's own SHA-256, so
  // that anyone holding the same file draws the same lots.
  const seed = options.seed ?? createHash('sha256').update(bytes).digest('hex');
  io.progress?.(t('count.progress.counting', { ballots: election.ballots.length }));
  let report: CountReport;
  try {
    report = method.count(
      { ...election, seats },
      { seed, undeclaredWriteIns, ...(options.threshold === undefined ? {} : { threshold: options.threshold }) },
    );
  } catch (error) {
    io.progress?.('');
    if (error instanceof RangeError) {
      io.err(t('count.error.impossible', { method: method.name, reason: error.message }));
      return EXIT_USAGE;
    }
    throw error;
  }
  io.progress?.('');
  if (options.json) io.out(JSON.stringify({ ...report, seed }, null, 2));
  else for (const line of renderReport(report, seed, t)) io.out(line);
  return EXIT_COUNTED;
}

function formatOf(file: string, given: string | undefined): Format | undefined {
  const name = given ?? path.extname(file).slice(1).toLowerCase();
  return (FORMATS as readonly string[]).includes(name) ? (name as Format) : undefined;
}

async function readWithProgress(file: string, io: CountIo, t: Translate): Promise<Uint8Array> {
  const { size } = await stat(file);
  const chunks: Buffer[] = [];
  let read = 0;
  let shown = -1;
  for await (const chunk of createReadStream(file)) {
    const buffer = chunk as Buffer;
    chunks.push(buffer);
    read += buffer.length;
    const percent = size === 0 ? 100 : Math.floor((read * 100) / size);
    if (io.progress !== undefined && size >= PROGRESS_FROM_BYTES && percent !== shown) {
      shown = percent;
      io.progress(t('count.progress.reading', { file: path.basename(file), percent }));
    }
  }
  io.progress?.('');
  return new Uint8Array(Buffer.concat(chunks));
}

/** The report for people: a header, a table per round, the actions with their rules, the result. */
export function renderReport(report: CountReport, seed: string, t: Translate): string[] {
  const name = (c: number): string => report.candidates[c] ?? `#${c + 1}`;
  const names = (cs: readonly number[]): string => cs.map(name).join(', ');
  const lines: string[] = [
    t('count.header', {
      title: report.title === '' ? '—' : report.title,
      method: report.method,
      seats: report.seats,
      voters: report.voters,
      candidates: report.candidates.length,
    }),
    t('count.rule', { rule: report.rule }),
  ];
  if (report.quota !== null) lines.push(t('count.quota', { quota: report.quota }));
  const width = Math.max(
    t('count.column.candidate').length,
    t('count.nonTransferable').length,
    ...report.candidates.map((c) => c.length),
  );
  const numberWidth = Math.max(12, ...report.rounds.flatMap((r) => r.votes.map((v) => v.length + 1)));
  for (const round of report.rounds) {
    lines.push('');
    lines.push(
      round.quota === null
        ? t('count.round', { number: round.number })
        : t('count.roundWithQuota', { number: round.number, quota: round.quota }),
    );
    const row = (label: string, votes: string, change: string): string =>
      `  ${label.padEnd(width)}  ${votes.padStart(numberWidth)}  ${change.padStart(numberWidth)}`;
    lines.push(
      row(
        t('count.column.candidate'),
        t('count.column.votes'),
        round.transfers === null ? '' : t('count.column.change'),
      ),
    );
    round.votes.forEach((votes, c) => {
      const change = round.transfers?.[c];
      lines.push(row(name(c), votes, change === undefined ? '' : signed(change)));
    });
    lines.push(row(t('count.nonTransferable'), round.nonTransferable, ''));
    for (const action of round.actions) {
      switch (action.kind) {
        case 'elected':
          lines.push(
            `  → ${t('count.action.elected', { names: names(action.candidates), rule: action.rule, reason: action.reason })}`,
          );
          break;
        case 'excluded':
          lines.push(
            `  → ${t('count.action.excluded', { names: names(action.candidates), rule: action.rule, reason: action.reason })}`,
          );
          break;
        case 'surplus':
          lines.push(
            `  → ${t('count.action.surplus', { name: name(action.candidate), amount: action.amount, rule: action.rule, reason: action.reason })}`,
          );
          break;
        case 'note':
          lines.push(`  · ${t('count.action.note', { rule: action.rule, reason: action.reason })}`);
          break;
      }
    }
  }
  lines.push('');
  for (const tie of report.tieBreaks) {
    const key: MessageKey = tie.lot === undefined ? 'count.tieBreak' : 'count.tieBreakLot';
    lines.push(
      t(key, {
        round: tie.round,
        names: names(tie.between),
        chosen: name(tie.chosen),
        purpose: tie.purpose,
        how: tie.how,
        seed: tie.lot?.seed ?? seed,
        draw: tie.lot?.draw ?? 0,
        of: tie.lot?.of ?? 0,
      }),
    );
  }
  lines.push(t('count.elected', { names: names(report.elected) }));
  return lines;
}

function signed(value: string): string {
  return value.startsWith('-') ? value : `+${value}`;
}

function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'EACCES') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
}
