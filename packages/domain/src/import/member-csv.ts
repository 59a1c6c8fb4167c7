import { PlenumError, isId, type Id } from '@plenum/kernel';
import type { GovUnit, GovernanceState } from '../governance/state.ts';
import { CSV_SEPARATORS, readCsvRecord, readCsvRecords, type CsvSeparator } from './csv-records.ts';
import {
  calendarDate,
  dateShape,
  isAmbiguous,
  isIsoDate,
  showsDayFirst,
  showsMonthFirst,
  type DateOrder,
  type DateShape,
} from './member-dates.ts';
import {
  REQUIRED_MEMBER_FIELDS,
  isFullNameHeader,
  memberFieldOf,
  type MemberField,
  type RequiredMemberField,
} from './member-headers.ts';

/**
 * Member import from the CSV files unions export, in two pure steps:
 *
 * 1. {@link parseMemberCsv} reads the text (BOM, separator, quoting, header names in several
 *    languages, dates in several formats) and checks every row on its own and against the
 *    other rows of the file;
 * 2. {@link planMemberImport} checks the rows against the organisation (units, dates, ids)
 *    and gives the members to admit.
 *
 * Nothing is partially applied: the caller admits the members only if the file was read
 * (`ok`), no row was rejected by either step, and the plan is `ok`. Every problem is a message
 * key with its parameters (the line, the column as written in the file, the value), never a
 * sentence: the edge translates it.
 */

/** Every message key the import produces; each is in the catalogs of @plenum/i18n. */
export const MEMBER_IMPORT_MESSAGE_KEYS = [
  // The whole file is refused.
  'import.members.file.empty',
  'import.members.file.unterminatedQuote',
  'import.members.file.missingColumns',
  'import.members.file.fullNameColumn',
  'import.members.file.duplicateColumn',
  'import.members.file.dateOrderConflict',
  'import.members.file.dateOrderUnknown',
  // One row is rejected (parseMemberCsv).
  'import.members.row.fieldCount',
  'import.members.row.malformedQuotes',
  'import.members.row.emptyGivenName',
  'import.members.row.emptyFamilyName',
  'import.members.row.emptyUnit',
  'import.members.row.emptyAdmittedOn',
  'import.members.row.controlCharacter',
  'import.members.row.tooLong',
  'import.members.row.emailInvalid',
  'import.members.row.duplicateEmail',
  'import.members.row.duplicateExternalId',
  'import.members.row.dateUnrecognised',
  'import.members.row.dateTwoDigitYear',
  'import.members.row.dateImpossible',
  'import.members.row.dateNotYearFirst',
  // One row is rejected (planMemberImport).
  'import.members.row.unitUnknown',
  'import.members.row.unitAmbiguous',
  'import.members.row.unitNotForMembers',
  'import.members.row.admittedInFuture',
  'import.members.row.idExists',
  'import.members.row.idRepeated',
] as const;

export type MemberImportMessageKey = (typeof MEMBER_IMPORT_MESSAGE_KEYS)[number];

/**
 * Translatable names of the fields, for the `fields` parameter of
 * `import.members.file.missingColumns` (a comma-separated list of field names).
 */
export const MEMBER_FIELD_MESSAGE_KEYS: Readonly<Record<MemberField, string>> = {
  givenName: 'import.members.field.givenName',
  familyName: 'import.members.field.familyName',
  unitRef: 'import.members.field.unitRef',
  admittedOn: 'import.members.field.admittedOn',
  email: 'import.members.field.email',
  externalId: 'import.members.field.externalId',
};

/** Longest value accepted in any field, in Unicode code points. */
export const MAX_FIELD_LENGTH = 200;

export type { CsvSeparator, DateOrder, MemberField };

export interface ImportMessage {
  readonly messageKey: MemberImportMessageKey;
  readonly params: Readonly<Record<string, string | number>>;
}

export interface RejectedRow extends ImportMessage {
  /** Physical line where the row starts (1-based; the header is line 1). */
  readonly line: number;
  /** The column as its header is written in the file, when the problem is in one column. */
  readonly column?: string;
}

export interface MemberCsvRow {
  readonly line: number;
  readonly givenName: string;
  readonly familyName: string;
  /** A unit's id or name, resolved by planMemberImport. */
  readonly unitRef: string;
  /** YYYY-MM-DD. */
  readonly admittedOn: string;
  readonly email?: string;
  readonly externalId?: string;
}

/** The header, as written in the file, of the column read for each field. */
export interface MemberCsvColumns {
  readonly givenName: string;
  readonly familyName: string;
  readonly unitRef: string;
  readonly admittedOn: string;
  readonly email?: string;
  readonly externalId?: string;
}

export interface MemberCsvRead {
  readonly ok: true;
  readonly separator: CsvSeparator;
  /**
   * How the dates written with the year last were read: the order given in the options, or
   * the one the file shows; null when no date needed an order (every date has the year first,
   * or reads the same both ways, like 05/05/2019).
   */
  readonly dateOrder: DateOrder | null;
  readonly columns: MemberCsvColumns;
  /** Headers of the columns that were not read, as written. */
  readonly ignoredColumns: readonly string[];
  /** The rows that passed every check, in file order. */
  readonly rows: readonly MemberCsvRow[];
  /** Every problem of every rejected row, by line (a row may have several). */
  readonly rejected: readonly RejectedRow[];
}

export interface MemberCsvRefused {
  readonly ok: false;
  readonly fileError: ImportMessage;
}

export type MemberCsv = MemberCsvRead | MemberCsvRefused;

export interface MemberCsvOptions {
  /**
   * How to read dates written with the year last (07/03/2019): day first (`dmy`), month first
   * (`mdy`), or `ymd` to accept only dates with the year first. Without it the order is
   * inferred from the whole column, and the file is refused if the column does not decide.
   */
  readonly dateOrder?: DateOrder;
}

const EMPTY_KEY: Readonly<Record<RequiredMemberField, MemberImportMessageKey>> = {
  givenName: 'import.members.row.emptyGivenName',
  familyName: 'import.members.row.emptyFamilyName',
  unitRef: 'import.members.row.emptyUnit',
  admittedOn: 'import.members.row.emptyAdmittedOn',
};

/**
 * Control characters, invisible direction marks and overrides (which can make a name read
 * differently from what it is), line and paragraph separators, and a stray byte-order mark.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const FORBIDDEN_CHARACTER = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff]/u;

function fileError(messageKey: MemberImportMessageKey, params: Record<string, string | number> = {}): MemberCsvRefused {
  return { ok: false, fileError: { messageKey, params } };
}

/** Where the header starts: after a BOM, blank lines and Excel's `sep=;` line. */
function findHeader(text: string): { position: number; line: number; separator: CsvSeparator | undefined } {
  let position = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const blank = /[ \t]*(?:\r\n|\n|\r)/y;
  for (;;) {
    blank.lastIndex = position;
    if (!blank.test(text)) break;
    position = blank.lastIndex;
    line += 1;
  }
  const sepLine = /sep=(.)[ \t]*(?:\r\n|\n|\r|$)/iy;
  sepLine.lastIndex = position;
  const match = sepLine.exec(text);
  const declared = CSV_SEPARATORS.find((candidate) => candidate === match?.[1]);
  if (match !== null && declared !== undefined) {
    return { position: sepLine.lastIndex, line: line + 1, separator: declared };
  }
  return { position, line, separator: undefined };
}

/**
 * The separator of the header line: among those that split it, the one giving the most
 * recognised headers, then the most columns (quotes are respected: a quoted `;` splits
 * nothing).
 */
function detectSeparator(text: string, position: number, line: number): CsvSeparator | { unterminatedLine: number } {
  let best: { separator: CsvSeparator; recognised: number; columns: number } | undefined;
  let unterminatedLine = line;
  for (const separator of CSV_SEPARATORS) {
    const read = readCsvRecord(text, position, line, separator);
    if (!read.ok) {
      unterminatedLine = read.unterminatedLine;
      continue;
    }
    const headers = read.record.fields;
    const recognised = headers.filter((h) => memberFieldOf(h) !== undefined || isFullNameHeader(h)).length;
    const columns = headers.length;
    if (
      best === undefined ||
      recognised > best.recognised ||
      (recognised === best.recognised && columns > best.columns)
    ) {
      best = { separator, recognised, columns };
    }
  }
  return best?.separator ?? { unterminatedLine };
}

type FieldIndex = Partial<Record<MemberField, number>>;

function codePoint(character: string): string {
  return `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

const isLowSurrogate = (unit: number): boolean => unit >= 0xdc00 && unit <= 0xdfff;

/** The length in Unicode code points (what a person counts as characters, bar combining marks). */
export function codePointLength(value: string): number {
  let length = 0;
  for (let i = 0; i < value.length; i += 1) {
    const unit = value.charCodeAt(i);
    // A high surrogate followed by a low one is one code point.
    if (unit < 0xd800 || unit > 0xdbff || !isLowSurrogate(value.charCodeAt(i + 1))) length += 1;
  }
  return length;
}

/** One `@`, something before it, and a domain of at least two non-empty labels. */
function isPlausibleEmail(value: string): boolean {
  if (/\s/u.test(value)) return false;
  const parts = value.split('@');
  if (parts.length !== 2) return false;
  const [local = '', domain = ''] = parts;
  const labels = domain.split('.');
  return local.length > 0 && labels.length >= 2 && labels.every((label) => label.length > 0);
}

interface DateOrderChoice {
  readonly order: DateOrder | null;
}

/** The order of the year-last dates: given, or shown by the column, or the file is refused. */
function chooseDateOrder(
  samples: readonly { readonly line: number; readonly value: string; readonly shape: DateShape }[],
  column: string,
  given: DateOrder | undefined,
): DateOrderChoice | MemberCsvRefused {
  if (given !== undefined) return { order: given };
  const dayFirst = samples.find((sample) => showsDayFirst(sample.shape));
  const monthFirst = samples.find((sample) => showsMonthFirst(sample.shape));
  if (dayFirst !== undefined && monthFirst !== undefined) {
    return fileError('import.members.file.dateOrderConflict', {
      column,
      dmyLine: dayFirst.line,
      dmyValue: dayFirst.value,
      mdyLine: monthFirst.line,
      mdyValue: monthFirst.value,
    });
  }
  if (dayFirst !== undefined) return { order: 'dmy' };
  if (monthFirst !== undefined) return { order: 'mdy' };
  const ambiguous = samples.find((sample) => isAmbiguous(sample.shape));
  if (ambiguous !== undefined) {
    return fileError('import.members.file.dateOrderUnknown', { column, line: ambiguous.line, value: ambiguous.value });
  }
  return { order: null };
}

/** The date as YYYY-MM-DD, or the key saying why it is not one. */
function readDate(shape: DateShape, order: DateOrder | null): { date: string } | { problem: MemberImportMessageKey } {
  const impossible = { problem: 'import.members.row.dateImpossible' } as const;
  switch (shape.kind) {
    case 'unrecognised':
      return { problem: 'import.members.row.dateUnrecognised' };
    case 'twoDigitYear':
      return { problem: 'import.members.row.dateTwoDigitYear' };
    case 'yearFirst': {
      const date = calendarDate(shape.year, shape.month, shape.day);
      return date === null ? impossible : { date };
    }
    case 'yearLast': {
      if (order === 'ymd') return { problem: 'import.members.row.dateNotYearFirst' };
      // With no order, the date reads the same both ways or is impossible both ways.
      const [day, month] = order === 'mdy' ? [shape.second, shape.first] : [shape.first, shape.second];
      const date = calendarDate(shape.year, month, day);
      return date === null ? impossible : { date };
    }
  }
}

/**
 * Reads a member export. The file is refused as a whole (`ok: false`) when it cannot be read
 * as a member list at all: no header, a quote never closed, a required column missing or
 * given twice, a single full-name column, dates whose order cannot be told. Otherwise every
 * row is checked and either read or rejected with every problem it has.
 */
export function parseMemberCsv(text: string, options: MemberCsvOptions = {}): MemberCsv {
  const start = findHeader(text);
  if (start.position >= text.length) return fileError('import.members.file.empty');
  const detected = start.separator ?? detectSeparator(text, start.position, start.line);
  if (typeof detected !== 'string') {
    return fileError('import.members.file.unterminatedQuote', { line: detected.unterminatedLine });
  }
  const separator = detected;
  const read = readCsvRecords(text, start.position, start.line, separator);
  if (!read.ok) return fileError('import.members.file.unterminatedQuote', { line: read.unterminatedLine });
  const [headerRecord, ...records] = read.records;
  if (headerRecord === undefined) return fileError('import.members.file.empty');

  // The columns.
  const headers = headerRecord.fields.map((header) => header.normalize('NFC').trim());
  const index: FieldIndex = {};
  const ignoredColumns: string[] = [];
  let fullNameColumn: string | undefined;
  for (const [i, header] of headers.entries()) {
    const field = memberFieldOf(header);
    if (field === undefined) {
      if (fullNameColumn === undefined && isFullNameHeader(header)) fullNameColumn = header;
      if (header !== '') ignoredColumns.push(header);
      continue;
    }
    const first = index[field];
    if (first !== undefined) {
      return fileError('import.members.file.duplicateColumn', { first: headers[first] ?? '', second: header });
    }
    index[field] = i;
  }
  const missing = REQUIRED_MEMBER_FIELDS.filter((field) => index[field] === undefined);
  if (missing.length > 0) {
    if (fullNameColumn !== undefined && (index.givenName === undefined || index.familyName === undefined)) {
      return fileError('import.members.file.fullNameColumn', { column: fullNameColumn });
    }
    return fileError('import.members.file.missingColumns', {
      fields: missing.join(', '),
      count: missing.length,
      found: headers.filter((header) => header !== '').join(', '),
    });
  }
  const columnOf = (field: MemberField): string => headers[index[field] ?? -1] ?? '';
  const columns: MemberCsvColumns = {
    givenName: columnOf('givenName'),
    familyName: columnOf('familyName'),
    unitRef: columnOf('unitRef'),
    admittedOn: columnOf('admittedOn'),
    ...(index.email === undefined ? {} : { email: columnOf('email') }),
    ...(index.externalId === undefined ? {} : { externalId: columnOf('externalId') }),
  };
  const mappedFields = (Object.entries(index) as [MemberField, number][]).sort((a, b) => a[1] - b[1]);

  // The rows that have the shape of a row: the right number of fields, well quoted.
  const rejected: RejectedRow[] = [];
  const width = headers.length;
  const shaped: { line: number; fields: readonly string[] }[] = [];
  for (const record of records) {
    if (record.fields.every((field) => field.trim() === '')) continue;
    let fields = record.fields;
    if (fields.length > width && fields.slice(width).every((field) => field.trim() === '')) {
      fields = fields.slice(0, width);
    }
    if (fields.length !== width) {
      rejected.push({
        line: record.line,
        messageKey: 'import.members.row.fieldCount',
        params: { line: record.line, expected: width, found: fields.length },
      });
      continue;
    }
    if (record.malformed) {
      rejected.push({
        line: record.line,
        messageKey: 'import.members.row.malformedQuotes',
        params: { line: record.line },
      });
      continue;
    }
    shaped.push({ line: record.line, fields });
  }

  // The order of the dates, from the whole column.
  const admittedIndex = index.admittedOn ?? -1;
  const samples = shaped.map(({ line, fields }) => {
    const value = (fields[admittedIndex] ?? '').trim();
    return { line, value, shape: dateShape(value) };
  });
  const choice = chooseDateOrder(samples, columns.admittedOn, options.dateOrder);
  if ('fileError' in choice) return choice;

  // Every row, every field.
  const rows: MemberCsvRow[] = [];
  const emailLines = new Map<string, number>();
  const externalIdLines = new Map<string, number>();
  for (const { line, fields } of shaped) {
    const values: Partial<Record<MemberField, string>> = {};
    const before = rejected.length;
    for (const [field, i] of mappedFields) {
      const column = headers[i] ?? '';
      const reject = (messageKey: MemberImportMessageKey, params: Record<string, string | number> = {}): void => {
        rejected.push({ line, column, messageKey, params: { line, column, ...params } });
      };
      const value = (fields[i] ?? '').normalize('NFC').trim();
      const forbidden = FORBIDDEN_CHARACTER.exec(value);
      if (forbidden !== null) {
        reject('import.members.row.controlCharacter', { codePoint: codePoint(forbidden[0]) });
        continue;
      }
      const length = codePointLength(value);
      if (length > MAX_FIELD_LENGTH) {
        reject('import.members.row.tooLong', { length, max: MAX_FIELD_LENGTH });
        continue;
      }
      if (value === '') {
        if (field !== 'email' && field !== 'externalId') reject(EMPTY_KEY[field]);
        continue;
      }
      switch (field) {
        case 'email': {
          if (!isPlausibleEmail(value)) {
            reject('import.members.row.emailInvalid', { value });
            continue;
          }
          const key = value.toLowerCase();
          const firstLine = emailLines.get(key);
          if (firstLine !== undefined) {
            reject('import.members.row.duplicateEmail', { value, firstLine });
            continue;
          }
          emailLines.set(key, line);
          break;
        }
        case 'externalId': {
          const firstLine = externalIdLines.get(value);
          if (firstLine !== undefined) {
            reject('import.members.row.duplicateExternalId', { value, firstLine });
            continue;
          }
          externalIdLines.set(value, line);
          break;
        }
        case 'admittedOn': {
          const date = readDate(dateShape(value), choice.order);
          if ('problem' in date) reject(date.problem, { value });
          else values.admittedOn = date.date;
          continue;
        }
        case 'givenName':
        case 'familyName':
        case 'unitRef':
          break;
      }
      values[field] = value;
    }
    if (rejected.length > before) continue;
    rows.push({
      line,
      givenName: values.givenName ?? '',
      familyName: values.familyName ?? '',
      unitRef: values.unitRef ?? '',
      admittedOn: values.admittedOn ?? '',
      ...(values.email === undefined ? {} : { email: values.email }),
      ...(values.externalId === undefined ? {} : { externalId: values.externalId }),
    });
  }
  rejected.sort((a, b) => a.line - b.line);

  return { ok: true, separator, dateOrder: choice.order, columns, ignoredColumns, rows, rejected };
}

export interface MemberImportOptions {
  /** Today's date, YYYY-MM-DD: no one is admitted in the future. */
  readonly today: string;
  /** Whether members may belong to this unit (today: the branches). */
  readonly isMemberUnit: (unit: GovUnit) => boolean;
  /** The new member's id, derived from the row (deterministic: no randomness here). */
  readonly newId: (row: MemberCsvRow) => Id;
  /** The headers as written in the file (MemberCsvRead.columns), to name columns in the report. */
  readonly columns?: MemberCsvColumns;
}

/** A member to admit: who, into which unit, and the admission date the file gives. */
export interface MemberAdmission {
  readonly id: Id;
  readonly givenName: string;
  readonly familyName: string;
  readonly unitId: Id;
  readonly admittedOn: string;
}

export type MemberImportPlan =
  | { readonly ok: true; readonly admissions: readonly MemberAdmission[] }
  | { readonly ok: false; readonly rejected: readonly RejectedRow[] };

const unitNameKey = (name: string): string => name.normalize('NFC').trim().toLowerCase();

/**
 * Checks the rows against the organisation and gives the members to admit, or every
 * rejection of every row and no member at all.
 *
 * A row's unit is the unit with that id, else the only unit with that name (ignoring case);
 * members must be allowed in it (`isMemberUnit`). Its admission date must not be after
 * `today`, and its id (from `newId`) must be new.
 *
 * Not checked yet: a row repeating an existing member's e-mail or membership number —
 * members do not record either so far.
 */
export function planMemberImport(
  state: GovernanceState,
  rows: readonly MemberCsvRow[],
  options: MemberImportOptions,
): MemberImportPlan {
  if (!isIsoDate(options.today)) {
    throw new PlenumError(
      'internal',
      `planMemberImport: today must be a date written YYYY-MM-DD, not ${options.today}`,
    );
  }
  const unitColumn = options.columns?.unitRef ?? 'unitRef';
  const dateColumn = options.columns?.admittedOn ?? 'admittedOn';
  const unitsByName = new Map<string, GovUnit[]>();
  for (const unit of state.units.values()) {
    const key = unitNameKey(unit.name);
    unitsByName.set(key, [...(unitsByName.get(key) ?? []), unit]);
  }

  const rejected: RejectedRow[] = [];
  const admissions: MemberAdmission[] = [];
  const idLines = new Map<Id, number>();
  for (const row of rows) {
    const { line } = row;
    const before = rejected.length;
    const reject = (
      messageKey: MemberImportMessageKey,
      params: Record<string, string | number>,
      column: string | undefined,
    ): void => {
      rejected.push({
        line,
        ...(column === undefined ? {} : { column }),
        messageKey,
        params: { line, ...(column === undefined ? {} : { column }), ...params },
      });
    };

    let unit = state.units.get(row.unitRef);
    if (unit === undefined) {
      const named = unitsByName.get(unitNameKey(row.unitRef)) ?? [];
      if (named.length === 1) unit = named[0];
      else if (named.length > 1) {
        const ids = named.map((u) => u.id).sort();
        reject('import.members.row.unitAmbiguous', { value: row.unitRef, ids: ids.join(', ') }, unitColumn);
      } else reject('import.members.row.unitUnknown', { value: row.unitRef }, unitColumn);
    }
    if (unit !== undefined && !options.isMemberUnit(unit)) {
      reject('import.members.row.unitNotForMembers', { value: row.unitRef, unit: unit.name }, unitColumn);
    }
    if (row.admittedOn > options.today) {
      reject('import.members.row.admittedInFuture', { value: row.admittedOn, today: options.today }, dateColumn);
    }
    const id = options.newId(row);
    if (!isId(id)) throw new PlenumError('internal', `planMemberImport: newId gave ${JSON.stringify(id)}, not an id`);
    const firstLine = idLines.get(id);
    if (state.members.has(id)) reject('import.members.row.idExists', { id }, undefined);
    else if (firstLine !== undefined) reject('import.members.row.idRepeated', { id, firstLine }, undefined);
    else idLines.set(id, line);

    if (rejected.length === before && unit !== undefined) {
      admissions.push({
        id,
        givenName: row.givenName,
        familyName: row.familyName,
        unitId: unit.id,
        admittedOn: row.admittedOn,
      });
    }
  }
  return rejected.length > 0 ? { ok: false, rejected } : { ok: true, admissions };
}
