import { readFile, stat } from 'node:fs/promises';
import {
  DEMO_STATUTE_YAML,
  MAX_STATUTE_LENGTH,
  MEMBER_FIELD_MESSAGE_KEYS,
  STATUTE_1921_YAML,
  parseMemberCsv,
  parseStatute,
  type DateOrder,
} from '@plenum/domain';
import type { MessageKey, Translate } from '@plenum/i18n';

/**
 * Offline checks an organisation runs before anything is recorded:
 *   plenum statute check <file>        reads a statute and lists every problem with its line
 *   plenum statute example demo|1921   prints one of the example statutes, to start from
 *   plenum members check <file.csv>    reads a member export and lists every rejected row
 * None needs a data directory or a server. Exit 0: fine; 1: the file has problems (all listed);
 * 2: a usage error.
 */
export interface CheckIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

export const EXIT_FINE = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;

/** A member export of a large union is a few tens of megabytes; anything far beyond is refused unread. */
const MAX_CSV_BYTES = 256 * 1024 * 1024;

export const STATUTE_EXAMPLES: Readonly<Record<string, string>> = {
  demo: DEMO_STATUTE_YAML,
  '1921': STATUTE_1921_YAML,
};

export async function readText(file: string, max: number, io: CheckIo, t: Translate): Promise<string | undefined> {
  try {
    const { size } = await stat(file);
    if (size > max) {
      io.err(t('check.error.tooLarge', { file, max }));
      return undefined;
    }
    const bytes = await readFile(file);
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') io.err(t('check.error.missing', { file }));
    else if (error instanceof TypeError) io.err(t('count.error.encoding', { file }));
    else io.err(t('check.error.read', { file, reason: code ?? 'error' }));
    return undefined;
  }
}

export async function runStatuteCheck(file: string, io: CheckIo, t: Translate): Promise<number> {
  const text = await readText(file, MAX_STATUTE_LENGTH * 4, io, t);
  if (text === undefined) return EXIT_PROBLEMS;
  const result = parseStatute(text);
  if (result.ok) {
    const s = result.statute;
    io.out(
      t('statute.check.ok', {
        file,
        title: s.title,
        version: s.version,
        levels: s.units.levels.join(' → '),
        bodies: Object.keys(s.bodies).length,
      }),
    );
    return EXIT_FINE;
  }
  for (const p of result.problems) {
    const where = p.line === null ? file : `${file}:${p.line}:${p.column ?? 1}`;
    const message = t(p.messageKey as MessageKey, p.params);
    io.err(p.path === '' ? `${where}: ${message}` : `${where}: ${p.path}: ${message}`);
  }
  io.err(t('statute.check.refused', { file, count: result.problems.length }));
  return EXIT_PROBLEMS;
}

export function runStatuteExample(name: string, io: CheckIo, t: Translate): number {
  const text = STATUTE_EXAMPLES[name];
  if (text === undefined) {
    io.err(t('statute.example.unknown', { name, names: Object.keys(STATUTE_EXAMPLES).join(', ') }));
    return EXIT_USAGE;
  }
  io.out(text.trimEnd());
  return EXIT_FINE;
}

export async function runMembersCheck(
  file: string,
  dateOrder: DateOrder | undefined,
  io: CheckIo,
  t: Translate,
): Promise<number> {
  const text = await readText(file, MAX_CSV_BYTES, io, t);
  if (text === undefined) return EXIT_PROBLEMS;
  const csv = parseMemberCsv(text, dateOrder === undefined ? {} : { dateOrder });
  if (!csv.ok) {
    reportCsvFileError(file, csv.fileError, io, t);
    return EXIT_PROBLEMS;
  }
  for (const row of csv.rejected) {
    io.err(`${file}:${row.line}: ${t(row.messageKey, row.params)}`);
  }
  io.out(
    t('members.check.summary', {
      file,
      rows: csv.rows.length,
      rejected: new Set(csv.rejected.map((r) => r.line)).size,
      separator: csv.separator === '\t' ? 'tab' : csv.separator,
      dateOrder: csv.dateOrder ?? '—',
    }),
  );
  return csv.rejected.length === 0 ? EXIT_FINE : EXIT_PROBLEMS;
}

/** A CSV file refused as a whole (no header, missing columns…), its field lists in the reader's language. */
export function reportCsvFileError(
  file: string,
  fileError: { readonly messageKey: MessageKey; readonly params: Readonly<Record<string, string | number>> },
  io: CheckIo,
  t: Translate,
): void {
  const params: Record<string, string | number> = { ...fileError.params };
  // Field lists are ids (unitRef, admittedOn): shown as their labels in the user's language.
  if (typeof params['fields'] === 'string') {
    params['fields'] = params['fields']
      .split(', ')
      .map((f) => {
        const key = (MEMBER_FIELD_MESSAGE_KEYS as Readonly<Record<string, string | undefined>>)[f];
        return key === undefined ? f : t(key as MessageKey);
      })
      .join(', ');
  }
  io.err(`${file}: ${t(fileError.messageKey, params)}`);
}
