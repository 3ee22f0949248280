// Calendar days as 'YYYY-MM-DD' strings (QBO's TxnDate/DueDate format). Arithmetic runs on UTC day
// numbers so a daylight-saving change never shifts a due date into another week.

const dayMs = 86_400_000;
const isoDayPattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD (2024-02-30 is not one). */
export function isIsoDay(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = isoDayPattern.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return (
    d.getUTCFullYear() === Number(m[1]) &&
    d.getUTCMonth() === Number(m[2]) - 1 &&
    d.getUTCDate() === Number(m[3])
  );
}

/** Days since 1970-01-01 for a YYYY-MM-DD string. */
export function dayNumber(day: string): number {
  const m = isoDayPattern.exec(day);
  if (!m) throw new RangeError(`not a date (YYYY-MM-DD): ${day}`);
  return Math.round(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / dayMs);
}

export function fromDayNumber(n: number): string {
  return new Date(n * dayMs).toISOString().slice(0, 10);
}

export const addDays = (day: string, days: number): string => fromDayNumber(dayNumber(day) + days);

/** b - a in days. */
export const daysBetween = (a: string, b: string): number => dayNumber(b) - dayNumber(a);

/** The advisor's local calendar day of an instant (the books' dates are local dates too). */
export function localDay(at: Date): string {
  const y = at.getFullYear();
  const m = String(at.getMonth() + 1).padStart(2, '0');
  const d = String(at.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}
