// Calendar arithmetic on YYYY-MM-DD dates for treaty time limits, done on integers so that
// it is the same in every time zone and on every machine (no clock, no local time).

/** Whether a year of the proleptic Gregorian calendar has 29 February. */
export function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/** The number of days in a month (1–12) of a given year. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Whether a string is a real calendar day written YYYY-MM-DD (2031-02-30 is not). */
export function isCalendarDate(date: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

function splitDate(date: string): CalendarDay {
  if (!isCalendarDate(date)) throw new RangeError(`expected a calendar date written YYYY-MM-DD, got '${date}'`);
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return { year, month, day };
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * Adds whole months to a date; when the target month has no corresponding day (31 March + 1
 * month, 29 February + 1 year) the time limit ends on that month's last day, the rule of the
 * European Convention on the Calculation of Time-Limits 1972 (ETS 76) art. 4, which we
 * adopt because the Liability Convention does not say how its periods are counted.
 */
export function addMonths(date: string, months: number): string {
  if (!Number.isInteger(months)) throw new RangeError(`months must be a whole number, got ${months}`);
  const { year, month, day } = splitDate(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const mo = index - y * 12 + 1;
  return `${pad(y, 4)}-${pad(mo, 2)}-${pad(Math.min(day, daysInMonth(y, mo)), 2)}`;
}

/** Adds whole years to a date with the same end-of-month rule as `addMonths`. */
export function addYears(date: string, years: number): string {
  return addMonths(date, years * 12);
}

/** The later of two YYYY-MM-DD dates (they compare correctly as strings for years 0000–9999). */
export function laterOf(a: string, b: string): string {
  return a >= b ? a : b;
}
