// Terminal wording for the forecast's figures shared by `rowcol console --move`, `rowcol forecast` and
// `rowcol scenario`: runway in days, the lowest point, a before → after effect.
import type { CashWalk } from '../../core/forecast/projection.ts';
import { horizonDays } from '../../core/forecast/projection.ts';
import { money } from './advisor-format.ts';

export const runwayDaysText = (days: number | null): string =>
  days === null ? `no end in ${horizonDays} days` : `${days} day${days === 1 ? '' : 's'}`;

export const signedMoney = (cents: number, currency: string): string =>
  cents === 0 ? '±0' : `${cents > 0 ? '+' : '-'}${money(Math.abs(cents), currency)}`;

const lowestText = (w: CashWalk, currency: string) =>
  `${money(w.lowest.cashCents, currency)} on ${w.lowest.date}`;

/** "Lowest point: -$4,210.00 on 2027-01-14 → $1,880.00 on 2027-01-21 (+$6,090.00); runway: 38 days → …" */
export function effectLine(before: CashWalk, after: CashWalk, currency: string): string {
  const change = after.lowest.cashCents - before.lowest.cashCents;
  return (
    `Lowest point: ${lowestText(before, currency)} → ${lowestText(after, currency)} (${signedMoney(change, currency)}); ` +
    `runway: ${runwayDaysText(before.runwayDays)} → ${runwayDaysText(after.runwayDays)}`
  );
}
