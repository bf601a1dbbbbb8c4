// Calendar arithmetic on YYYY-MM-DD dates — the scenario's calendar, mission schedules and
// treaty time limits — done on integers so that it is the same in every time zone and on
// every machine (no clock, no local time). The one place dates are computed: the engine,
// the law module and the browser's previews all call it.

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

/**
 * The number of days from 1970-01-01 to a date of the proleptic Gregorian calendar, by
 * counting whole 400-year eras (146 097 days each) from 0000-03-01 (H. Hinnant,
 * "chrono-compatible low-level date algorithms", days_from_civil).
 */
function dayNumber({ year, month, day }: CalendarDay): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** Whole days from one date to another, negative when `to` lies before `from`. */
export function daysBetween(from: string, to: string): number {
  return dayNumber(splitDate(to)) - dayNumber(splitDate(from));
}

/** Adds whole years to a date with the same end-of-month rule as `addMonths`. */
export function addYears(date: string, years: number): string {
  return addMonths(date, years * 12);
}

/** The later of two YYYY-MM-DD dates (they compare correctly as strings for years 0000–9999). */
export function laterOf(a: string, b: string): string {
  return a >= b ? a : b;
}
