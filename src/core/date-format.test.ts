import { describe, expect, it } from 'vitest';
import { writeDay, writeDayInWords, writeDayShort, writeDaysIn } from './date-format.ts';

describe('dates in the advisor’s format', () => {
  it('writes a whole day in each format the settings offer', () => {
    expect(writeDay('2026-12-07', 'MM/DD/YYYY')).toBe('12/07/2026');
    expect(writeDay('2026-12-07', 'DD/MM/YYYY')).toBe('07/12/2026');
    expect(writeDay('2026-12-07', 'YYYY-MM-DD')).toBe('2026-12-07');
  });

  it('puts the month where the format puts it when the year goes without saying', () => {
    expect(writeDayShort('2026-12-07', 'MM/DD/YYYY')).toBe('Dec 7');
    expect(writeDayShort('2026-12-07', 'DD/MM/YYYY')).toBe('7 Dec');
    expect(writeDayShort('2027-01-31', 'YYYY-MM-DD')).toBe('Jan 31');
  });

  it('rewrites the days inside a stored sentence and leaves other numbers alone', () => {
    const title = 'Bill #1043 was due 2026-11-02 and has no decision (ref 2026-99-99, id 20261102)';
    expect(writeDaysIn(title, 'DD/MM/YYYY')).toBe(
      'Bill #1043 was due 02/11/2026 and has no decision (ref 2026-99-99, id 20261102)',
    );
    expect(writeDaysIn(title, 'YYYY-MM-DD')).toBe(title);
  });

  it('passes through what is not a calendar day instead of inventing one', () => {
    expect(writeDay('2026-02-30', 'MM/DD/YYYY')).toBe('2026-02-30');
    expect(writeDayShort('soon', 'DD/MM/YYYY')).toBe('soon');
  });
});

describe('dates in words with the year (chart labels)', () => {
  it('follows the order of the chosen format', () => {
    expect(writeDayInWords('2027-01-01', 'MM/DD/YYYY')).toBe('Jan 1, 2027');
    expect(writeDayInWords('2027-01-01', 'DD/MM/YYYY')).toBe('1 Jan 2027');
    expect(writeDayInWords('2027-01-01', 'YYYY-MM-DD')).toBe('2027-01-01');
  });
});
