// The intervals recurring money comes at, with how much jitter each tolerates (a payroll run a day
// early for a holiday, rent paid on the 3rd instead of the 1st). Jitter is scatter around a schedule,
// so on average it cancels out: a series that drifts the same way every time (every 5 days, every 12)
// is another rhythm, not this cadence, and recurring.ts rejects it (mean signed jitter over half the
// tolerance). Monthly and quarterly step by calendar
// month so rent on the 1st is projected on the 1st, not drifting by 30-day steps.
import { addDays, dayNumber, fromDayNumber } from '../dates.ts';

export type Cadence = 'weekly' | 'biweekly' | 'monthly' | 'quarterly';

type CadenceRule = { cadence: Cadence; nominalDays: number; toleranceDays: number; months: number };

export const cadences: readonly CadenceRule[] = [
  { cadence: 'weekly', nominalDays: 7, toleranceDays: 2, months: 0 },
  { cadence: 'biweekly', nominalDays: 14, toleranceDays: 3, months: 0 },
  // 365.25 / 12: the average month; February (28) and 31-day months sit well inside the tolerance.
  { cadence: 'monthly', nominalDays: 30.4375, toleranceDays: 5, months: 1 },
  { cadence: 'quarterly', nominalDays: 91.3125, toleranceDays: 8, months: 3 },
];

export const cadenceRule = (cadence: Cadence): CadenceRule =>
  cadences.find((c) => c.cadence === cadence)!;

/** The same day of the month `months` later, clamped to the month's last day (Jan 31 + 1 → Feb 29). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12;
  const firstOfNext = dayNumber(
    `${String(year + Math.floor((month + 1) / 12)).padStart(4, '0')}-${String(((month + 1) % 12) + 1).padStart(2, '0')}-01`,
  );
  const lastDay = Number(fromDayNumber(firstOfNext - 1).slice(8, 10));
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

/** The k-th occurrence after `anchor` at this cadence (k = 1 is the next one). */
export function stepFrom(anchor: string, cadence: Cadence, k: number): string {
  const rule = cadenceRule(cadence);
  return rule.months > 0
    ? addMonths(anchor, rule.months * k)
    : addDays(anchor, rule.nominalDays * k);
}
