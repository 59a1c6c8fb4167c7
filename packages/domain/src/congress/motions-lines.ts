/**
 * Line-numbered texts for motions and amendments: a text is split into lines on '\n',
 * numbered from 1. An amendment replaces lines fromLine…toLine of its target's text with
 * its replacement ('' deletes them); toLine = fromLine − 1 inserts before fromLine (fromLine
 * may be one past the last line, to append). Pure helpers, shared by the rules (motions.ts)
 * and the web's line-numbered view (amendedLines).
 */

/** The longest motion, amendment or composite text: lines and characters. */
export const MOTION_MAX_LINES = 2000;
export const MOTION_MAX_CHARS = 60_000;

/** The lines of a text ('' has none). */
export function splitLines(text: string): string[] {
  return text === '' ? [] : text.split('\n');
}

/** The text of lines (no lines: ''). */
export function joinLines(lines: readonly string[]): string {
  return lines.join('\n');
}

/**
 * Whether `text` may be a motion's text (or, with `allowEmpty`, an amendment's replacement):
 * a string of at most MOTION_MAX_CHARS characters and MOTION_MAX_LINES lines, without control
 * characters other than line breaks, and not blank unless `allowEmpty`.
 */
export function validMotionText(text: unknown, allowEmpty = false): text is string {
  if (typeof text !== 'string' || text.length > MOTION_MAX_CHARS) return false;
  if (!allowEmpty && text.trim().length === 0) return false;
  let lines = text === '' ? 0 : 1;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code === 0x0a) lines += 1;
    else if (code < 0x20 || code === 0x7f) return false;
  }
  return lines <= MOTION_MAX_LINES;
}

/** Whether lines fit the limits of a motion's text (after an amendment would apply). */
export function linesFit(lines: readonly string[]): boolean {
  if (lines.length > MOTION_MAX_LINES) return false;
  let chars = Math.max(0, lines.length - 1);
  for (const line of lines) chars += line.length;
  return chars <= MOTION_MAX_CHARS;
}

/** A range of lines to replace: fromLine…toLine (1-based, inclusive); toLine = fromLine − 1 is an insertion before fromLine. */
export interface LineRange {
  readonly fromLine: number;
  readonly toLine: number;
}

/** Whether a range is possible in a text of `count` lines. */
export function rangeFits(range: LineRange, count: number): boolean {
  const { fromLine, toLine } = range;
  return (
    Number.isSafeInteger(fromLine) &&
    Number.isSafeInteger(toLine) &&
    fromLine >= 1 &&
    fromLine <= count + 1 &&
    toLine >= fromLine - 1 &&
    toLine <= count
  );
}

/**
 * Whether two ranges of the same text collide, so that when one is carried the other loses
 * its meaning: two replacements sharing a line; an insertion strictly inside a replaced range
 * (between two of its lines). An insertion at either edge of a replacement, and two insertions
 * at the same place, do not collide: the later one keeps its place after the earlier one.
 */
export function rangesOverlap(a: LineRange, b: LineRange): boolean {
  const [sa, ea, sb, eb] = [a.fromLine - 1, a.toLine, b.fromLine - 1, b.toLine];
  if (sa === ea && sb === eb) return false;
  if (sa === ea) return sb < sa && sa < eb;
  if (sb === eb) return sa < sb && sb < ea;
  return Math.max(sa, sb) < Math.min(ea, eb);
}

/** Lines with `range` replaced by `replacement`. */
export function replaceLines(lines: readonly string[], range: LineRange, replacement: readonly string[]): string[] {
  return [...lines.slice(0, range.fromLine - 1), ...replacement, ...lines.slice(range.toLine)];
}

/**
 * Where `other` lies once `carried` (a range of the same text) is replaced by `replacementLines`
 * lines: unchanged before it, shifted by the change in length after it. Only for ranges that do
 * not overlap (rangesOverlap): those fall instead.
 */
export function shiftRange(other: LineRange, carried: LineRange, replacementLines: number): LineRange {
  if (other.fromLine - 1 < carried.toLine) return other;
  const delta = replacementLines - (carried.toLine - carried.fromLine + 1);
  return { fromLine: other.fromLine + delta, toLine: other.toLine + delta };
}

/** A line of the line-numbered view of an amendment: kept, deleted or inserted, with its number before and after. */
export interface AmendedLine {
  readonly status: 'kept' | 'deleted' | 'inserted';
  readonly text: string;
  /** Its number in the text before the amendment (null: an inserted line). */
  readonly before: number | null;
  /** Its number in the text after the amendment (null: a deleted line). */
  readonly after: number | null;
}

/**
 * The line-numbered view of an amendment to `original` (the target's text, or its lines):
 * every line of the text with the amendment's deleted lines marked and its replacement's lines
 * inserted in their place. A range that does not fit the text is clipped to it.
 */
export function amendedLines(
  original: string | readonly string[],
  amendment: LineRange & { readonly replacement: string | readonly string[] },
): AmendedLine[] {
  const lines = typeof original === 'string' ? splitLines(original) : original;
  const replacement =
    typeof amendment.replacement === 'string' ? splitLines(amendment.replacement) : amendment.replacement;
  const from = Math.min(Math.max(1, amendment.fromLine), lines.length + 1);
  const to = Math.min(Math.max(from - 1, amendment.toLine), lines.length);
  const out: AmendedLine[] = [];
  let after = 0;
  for (let n = 1; n < from; n += 1) out.push({ status: 'kept', text: lines[n - 1] ?? '', before: n, after: ++after });
  for (let n = from; n <= to; n += 1) out.push({ status: 'deleted', text: lines[n - 1] ?? '', before: n, after: null });
  for (const line of replacement) out.push({ status: 'inserted', text: line, before: null, after: ++after });
  for (let n = to + 1; n <= lines.length; n += 1) {
    out.push({ status: 'kept', text: lines[n - 1] ?? '', before: n, after: ++after });
  }
  return out;
}
