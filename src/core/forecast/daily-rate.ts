// The day-to-day spending left after the recurring items (issue 12 §1): the trailing spend minus what
// the detected recurring outflows explain, spread evenly over the days, so the projection declines
// smoothly instead of by a weekly lump. Every detected outflow explains its past, whatever the advisor
// chose for its future: ignoring a cancelled subscription must not put its old payments back into the
// daily rate.
import { addDays } from '../dates.ts';
import { recurringKey, type DatedTransaction, type RecurringItem } from './recurring.ts';

/** Trailing window length, the same 12 weeks as the runway's burn (runway.ts burnTrailingWeeks). */
export const trailingSpendDays = 84;

export type DayToDaySpend = {
  /** Home-currency spending dated [today - trailingDays, today - 1]. */
  trailingSpendCents: number;
  trailingDays: number;
  /** The part of trailingSpendCents paid to detected recurring outflows (see explainedSpendCents). */
  explainedByRecurringCents: number;
};

/** Cents per day of day-to-day spending (fractional; never below zero). */
export function dailySpendRate(spend: DayToDaySpend): number {
  if (spend.trailingDays <= 0) return 0;
  return (
    Math.max(0, spend.trailingSpendCents - spend.explainedByRecurringCents) / spend.trailingDays
  );
}

/**
 * Whole cents spent on day `k` (0-based) at this rate: the running total rounded, differenced, so the
 * days add up to the rate times the days without a rounding drift.
 */
export const spendOnDay = (ratePerDay: number, k: number): number =>
  Math.round(ratePerDay * (k + 1)) - Math.round(ratePerDay * k);

/**
 * The part of the trailing spend the detected recurring outflows explain: their outgoing transactions
 * dated inside the window. Pass the same transactions the trailing spend was summed from.
 */
export function explainedSpendCents(
  items: readonly RecurringItem[],
  transactions: readonly DatedTransaction[],
  today: string,
  trailingDays: number = trailingSpendDays,
): number {
  const from = addDays(today, -trailingDays);
  const keys = new Set(items.filter((i) => i.direction === 'out').map((i) => i.key));
  let cents = 0;
  for (const t of transactions)
    if (
      t.direction === 'out' &&
      t.date >= from &&
      t.date < today &&
      keys.has(recurringKey('out', t.counterpartyId))
    )
      cents += t.amountCents;
  return cents;
}
