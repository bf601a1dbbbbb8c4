import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, addYears, daysBetween, daysInMonth, isCalendarDate, isLeapYear, laterOf } from '../../shared/calendar.js';

describe('calendar arithmetic for schedules and treaty time limits', () => {
  it.each([
    [2000, true],
    [1900, false],
    [2028, true],
    [2030, false],
    [2100, false],
    [2400, true],
  ])('knows whether %i is a leap year (%s)', (year, leap) => {
    expect(isLeapYear(year)).toBe(leap);
  });

  it.each([
    ['2030-06-01', 1, '2031-06-01'],
    ['2028-02-29', 1, '2029-02-28'],
    ['2028-02-29', 4, '2032-02-29'],
    ['2030-12-31', 1, '2031-12-31'],
  ])('adds years: %s + %i year(s) = %s', (date, years, expected) => {
    expect(addYears(date, years)).toBe(expected);
  });

  it.each([
    ['2031-03-31', 1, '2031-04-30'],
    ['2031-01-31', 1, '2031-02-28'],
    ['2032-01-31', 1, '2032-02-29'],
    ['2031-11-15', 2, '2032-01-15'],
    ['2031-01-15', -2, '2030-11-15'],
    ['2031-08-01', 6, '2032-02-01'],
  ])('adds months, ending a limit on the last day of a shorter month: %s + %i = %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it('rejects what is not a calendar date instead of rolling it over', () => {
    expect(isCalendarDate('2031-02-29')).toBe(false);
    expect(isCalendarDate('2032-02-29')).toBe(true);
    expect(isCalendarDate('2031-13-01')).toBe(false);
    expect(isCalendarDate('1/6/2030')).toBe(false);
    expect(() => addYears('2031-02-30', 1)).toThrow(RangeError);
    expect(() => addMonths('2031-01-01', 0.5)).toThrow(RangeError);
  });

  it('agrees with Date.UTC on every day of four centuries (a deterministic oracle)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2300 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), fc.integer({ min: -60, max: 60 }), (y, m, d, months) => {
        const day = Math.min(d, daysInMonth(y, m));
        const date = `${y}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
        const target = new Date(Date.UTC(y, m - 1 + months, 1));
        const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
        const expected = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), Math.min(day, lastDay))).toISOString().slice(0, 10);
        expect(addMonths(date, months)).toBe(expected);
      }),
    );
  });

  it.each([
    ['2031-01-01', '2031-01-01', 0],
    ['2031-01-01', '2031-01-02', 1],
    ['2031-01-02', '2031-01-01', -1],
    ['2031-02-28', '2031-03-01', 1],
    ['2032-02-28', '2032-03-01', 2],
    ['2030-12-31', '2031-01-01', 1],
    ['1970-01-01', '2000-01-01', 10_957],
    ['2031-03-10', '2036-03-10', 1_827],
  ])('counts whole days from %s to %s: %i', (from, to, days) => {
    expect(daysBetween(from, to)).toBe(days);
  });

  it('counts days as Date.UTC does over four centuries (a deterministic oracle)', () => {
    const toDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2300, 0, 1) }), fc.integer({ min: -40_000, max: 40_000 }), (fromMs, days) => {
        const from = toDate(fromMs);
        const to = toDate(Date.parse(`${from}T00:00:00Z`) + days * 86_400_000);
        expect(daysBetween(from, to)).toBe(days);
      }),
    );
  });

  it('refuses to count days from what is not a calendar date', () => {
    expect(() => daysBetween('2031-02-30', '2031-03-01')).toThrow(RangeError);
  });

  it('picks the later of two dates', () => {
    expect(laterOf('2030-06-01', '2030-09-15')).toBe('2030-09-15');
    expect(laterOf('2031-01-01', '2030-12-31')).toBe('2031-01-01');
  });
});
