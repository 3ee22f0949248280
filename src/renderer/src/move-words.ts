// The bulk re-date and the one-bill delay preview in the advisor's words: what the moves are, whether
// what was typed can be one, and their effect (runway and lowest point before → after).
import type { BillMove } from '../../core/forecast/impact.ts';
import { meantimeOf } from '../../core/forecast/impact.ts';
import type { ForecastSummary, MovesPreview } from '../../core/forecast/scenario-view.ts';
import type { DayImpact } from '../../core/forecast/view.ts';
import { isIsoDay } from '../../core/dates.ts';
import { shortDate, signedMoney, wholeMoney } from './format.ts';

export type MoveMode = 'days' | 'date' | 'pay-now';
export type MoveTarget = { mode: MoveMode; daysText: string; date: string };

/** What is wrong with the way of moving, for the field it belongs to; undefined: nothing. */
export type TargetProblem = { field: 'days' | 'date'; text: string };

/** "7", "+7", "-7", "−7" → 7 / -7; undefined when not a whole number. */
export function parseDays(text: string): number | undefined {
  const m = /^\s*([+\-\u2212]?)(\d{1,4})\s*$/.exec(text);
  if (!m) return undefined;
  const n = Number(m[2]);
  return m[1] === '-' || m[1] === '\u2212' ? -n : n;
}

export function targetProblem(t: MoveTarget, today: string): TargetProblem | undefined {
  if (t.mode === 'days') {
    const n = parseDays(t.daysText);
    if (n === undefined || n === 0 || Math.abs(n) > 366)
      return {
        field: 'days',
        text: 'Enter a whole number of days from 1 to 366 (−7 moves them a week earlier).',
      };
  }
  if (t.mode === 'date') {
    if (t.date === '') return { field: 'date', text: 'Pick the date to pay them on.' };
    if (!isIsoDay(t.date)) return { field: 'date', text: 'That is not a date.' };
    if (t.date < today) return { field: 'date', text: 'Pick today or a later date.' };
  }
  return undefined;
}

/** One move per bill, or undefined while the way of moving has a problem. */
export function movesOf(
  billIds: readonly string[],
  t: MoveTarget,
  today: string,
): BillMove[] | undefined {
  if (targetProblem(t, today)) return undefined;
  return billIds.map((billId): BillMove => {
    if (t.mode === 'pay-now') return { billId, to: 'pay-now' };
    if (t.mode === 'date') return { billId, to: 'date', date: t.date };
    return { billId, to: 'days', days: parseDays(t.daysText)! };
  });
}

/** "paid now", "moved to Jan 20", "moved 7 days later". */
export function howMoved(t: MoveTarget): string {
  if (t.mode === 'pay-now') return 'paid now';
  if (t.mode === 'date') return `moved to ${shortDate(t.date)}`;
  const n = parseDays(t.daysText) ?? 0;
  return `moved ${Math.abs(n)} day${Math.abs(n) === 1 ? '' : 's'} ${n > 0 ? 'later' : 'earlier'}`;
}

/** "38 days" or "beyond 13 weeks" (no day below zero in the 91). */
export const runwayText = (days: number | null): string =>
  days === null ? 'beyond 13 weeks' : days === 1 ? '1 day' : `${days} days`;

/** "(+7)", "(−3)", "(no change)"; empty when a side has no end in the horizon. */
function runwayChange(before: number | null, after: number | null): string {
  if (before === null || after === null) return '';
  const d = after - before;
  return d === 0 ? ' (no change)' : d > 0 ? ` (+${d})` : ` (\u2212${-d})`;
}

const changeText = (cents: number, currency: string): string =>
  Math.round(cents / 100) === 0 ? 'no change' : signedMoney(cents, currency);

/**
 * The runway before → after, the lowest point before → after, and the low of the days the moves change
 * (`until`: the day after the last changed one; undefined when no day changes). The overall lowest often
 * lies at the horizon's end, after every bill, where moving bills changes nothing: the days in between
 * are what paying now or later does to the advisor's cash (as each bill's own impact says).
 */
export function effectParts(
  before: ForecastSummary,
  after: ForecastSummary,
  currency: string,
): { runway: string; lowest: string; meantime?: { until: string; low: string } } {
  const at = (p: { date: string; cashCents: number }) =>
    `${wholeMoney(p.cashCents, currency)} on ${shortDate(p.date)}`;
  const m = meantimeOf(
    before.projection[0]?.date ?? after.lowest.date,
    before.projection.map((d) => d.cashCents),
    after.projection.map((d) => d.cashCents),
  );
  return {
    runway: `${runwayText(before.runwayDays)} \u2192 ${runwayText(after.runwayDays)}${runwayChange(before.runwayDays, after.runwayDays)}`,
    lowest: `${at(before.lowest)} \u2192 ${at(after.lowest)} (${changeText(after.lowest.cashCents - before.lowest.cashCents, currency)})`,
    ...(m && {
      meantime: {
        until: shortDate(m.until),
        low: `${at(m.lowestBefore)} \u2192 ${at(m.lowestAfter)} (${changeText(m.lowestAfter.cashCents - m.lowestBefore.cashCents, currency)})`,
      },
    }),
  };
}

/** A one-bill preview as the console's impact line takes it (the same figures as console:list's). */
export function dayImpactOfPreview(p: MovesPreview): DayImpact {
  return {
    lowestChangeCents: p.lowestChangeCents,
    runwayChangeDays: p.runwayChangeDays,
    lowestAfterCents: p.after.lowest.cashCents,
    lowestAfterDate: p.after.lowest.date,
    runwayAfterDays: p.after.runwayDays,
    meantime: meantimeOf(
      p.today,
      p.before.projection.map((d) => d.cashCents),
      p.after.projection.map((d) => d.cashCents),
    ),
  };
}
