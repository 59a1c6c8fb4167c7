/**
 * Calendar dates as unions export them: `2019-03-07`, `2019/03/07` (year first: always
 * year, month, day), `07/03/2019`, `7.3.2019`, `07-03-2019` (year last: day and month in an
 * order the file does not say). A time of exactly midnight after the date, as database
 * exports add it (`2019-03-07 00:00:00`), is accepted; any other time is not, since it would
 * raise the question of the time zone. Two-digit years are refused: `07/03/19` could be 1919.
 */
export type DateOrder = 'dmy' | 'mdy' | 'ymd';

export type DateShape =
  | { readonly kind: 'yearFirst'; readonly year: number; readonly month: number; readonly day: number }
  /** `first` and `second` are the two numbers before the year, in the order written. */
  | { readonly kind: 'yearLast'; readonly first: number; readonly second: number; readonly year: number }
  | { readonly kind: 'twoDigitYear' }
  | { readonly kind: 'unrecognised' };

const MIDNIGHT = String.raw`(?:[ T]00:00(?::00(?:\.0+)?)?)?`;
const YEAR_FIRST = new RegExp(String.raw`^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})${MIDNIGHT}$`);
const YEAR_LAST = new RegExp(String.raw`^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})${MIDNIGHT}$`);
const TWO_DIGIT_YEAR = new RegExp(String.raw`^(\d{1,2})([-/.])(\d{1,2})\2(\d{2})${MIDNIGHT}$`);

export function dateShape(value: string): DateShape {
  let match = YEAR_FIRST.exec(value);
  if (match !== null) {
    return { kind: 'yearFirst', year: Number(match[1]), month: Number(match[3]), day: Number(match[4]) };
  }
  match = YEAR_LAST.exec(value);
  if (match !== null) {
    return { kind: 'yearLast', first: Number(match[1]), second: Number(match[3]), year: Number(match[4]) };
  }
  if (TWO_DIGIT_YEAR.test(value)) return { kind: 'twoDigitYear' };
  return { kind: 'unrecognised' };
}

const isMonth = (n: number): boolean => n >= 1 && n <= 12;
const couldBeDay = (n: number): boolean => n >= 1 && n <= 31;

/** The date says the file writes day first: its first number cannot be a month, its second can. */
export function showsDayFirst(shape: DateShape): boolean {
  return shape.kind === 'yearLast' && shape.first > 12 && couldBeDay(shape.first) && isMonth(shape.second);
}

/** The date says the file writes month first. */
export function showsMonthFirst(shape: DateShape): boolean {
  return shape.kind === 'yearLast' && shape.second > 12 && couldBeDay(shape.second) && isMonth(shape.first);
}

/** The date reads as two different days depending on the order: 03/07/2019. */
export function isAmbiguous(shape: DateShape): boolean {
  return shape.kind === 'yearLast' && isMonth(shape.first) && isMonth(shape.second) && shape.first !== shape.second;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** `YYYY-MM-DD`, or null when there is no such day (31 February, month 13, year 0). */
export function calendarDate(year: number, month: number, day: number): string | null {
  if (year < 1 || !isMonth(month) || day < 1 || day > daysInMonth(year, month)) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Whether `value` is a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return match !== null && calendarDate(Number(match[1]), Number(match[2]), Number(match[3])) === value;
}
