/**
 * A small RFC 4180 reader: records of fields, with the physical line each record starts on.
 *
 * - Fields are separated by one separator character; records end at `\r\n`, `\n` or a lone
 *   `\r` (old Macintosh exports).
 * - A field that starts with `"` (after spaces) is quoted: it may hold separators, line breaks
 *   and `""` for a quote, and ends at the next single `"`. Anything but spaces between that
 *   quote and the next separator makes the record `malformed` (the text is kept as it is).
 * - A `"` inside an unquoted field is an ordinary character, as in most spreadsheets.
 * - A quote that is never closed swallows the rest of the file: reading stops with the line
 *   where its record started, because nothing after it can be trusted.
 */
export type CsvSeparator = ',' | ';' | '\t' | '|';

/** The separators recognised, in the order preferred when a header does not decide. */
export const CSV_SEPARATORS: readonly CsvSeparator[] = [',', ';', '\t', '|'];

export interface CsvRecord {
  /** Physical line (1-based) on which the record starts. */
  readonly line: number;
  readonly fields: readonly string[];
  /** A quoted field is followed by something other than a separator or the end of the record. */
  readonly malformed: boolean;
}

export type CsvRead =
  | { readonly ok: true; readonly record: CsvRecord; readonly next: number; readonly nextLine: number }
  | { readonly ok: false; readonly unterminatedLine: number };

const QUOTE = 0x22;
const SPACE = 0x20;
const LF = 0x0a;
const CR = 0x0d;

/** Reads the record that starts at `start` (on physical line `line`) of `text`. */
export function readCsvRecord(text: string, start: number, line: number, separator: CsvSeparator): CsvRead {
  const sep = separator.charCodeAt(0);
  const end = text.length;
  const fields: string[] = [];
  let malformed = false;
  let current = line;
  let i = start;
  for (;;) {
    let j = i;
    while (j < end && text.charCodeAt(j) === SPACE) j += 1;
    let field: string;
    if (j < end && text.charCodeAt(j) === QUOTE) {
      const parts: string[] = [];
      let from = j + 1;
      i = from;
      for (;;) {
        if (i >= end) return { ok: false, unterminatedLine: line };
        const c = text.charCodeAt(i);
        if (c === QUOTE) {
          parts.push(text.slice(from, i));
          if (text.charCodeAt(i + 1) === QUOTE) {
            parts.push('"');
            i += 2;
            from = i;
            continue;
          }
          i += 1;
          break;
        }
        if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) current += 1;
        i += 1;
      }
      const after = i;
      while (i < end) {
        const c = text.charCodeAt(i);
        if (c === sep || c === LF || c === CR) break;
        if (c !== SPACE) malformed = true;
        i += 1;
      }
      parts.push(text.slice(after, i));
      field = parts.join('');
    } else {
      const from = i;
      while (i < end) {
        const c = text.charCodeAt(i);
        if (c === sep || c === LF || c === CR) break;
        i += 1;
      }
      field = text.slice(from, i);
    }
    fields.push(field);
    if (i >= end) return { ok: true, record: { line, fields, malformed }, next: i, nextLine: current };
    if (text.charCodeAt(i) === sep) {
      i += 1;
      continue;
    }
    i += text.charCodeAt(i) === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    return { ok: true, record: { line, fields, malformed }, next: i, nextLine: current + 1 };
  }
}

/** Every record from `start` to the end of `text`, or the line of a quote never closed. */
export function readCsvRecords(
  text: string,
  start: number,
  line: number,
  separator: CsvSeparator,
): { readonly ok: true; readonly records: CsvRecord[] } | { readonly ok: false; readonly unterminatedLine: number } {
  const records: CsvRecord[] = [];
  let position = start;
  let current = line;
  while (position < text.length) {
    const read = readCsvRecord(text, position, current, separator);
    if (!read.ok) return read;
    records.push(read.record);
    position = read.next;
    current = read.nextLine;
  }
  return { ok: true, records };
}
