// The forecast as every caller receives it (the contract's forecast:* channels, `rowcol forecast --json`).
import type { PayingHabit } from './habits.ts';
import type { Meantime, MoveImpact } from './impact.ts';
import type { Forecast } from './projection.ts';
import type { ChosenRecurringItem } from './recurring.ts';
import type { StaleChange } from './scenario.ts';

export type ForecastView = Forecast & {
  businessId: string;
  homeCurrency: string;
  /** Recurring money found in the history, each with its state (expected, confirmed, changed, ignored). */
  recurring: ChosenRecurringItem[];
  /** Each customer's paying habit learned from its paid invoices (or the due date, when too few). */
  habits: (PayingHabit & { customerId: string; customerName: string | null })[];
  /** With forecast:get's `scenario`: the scenario applied, and its changes that no longer apply. */
  scenario?: { name: string; noLongerApplies: StaleChange[] };
};

/** What paying a bill now, or delaying it, does to the lowest point and to the runway in days. */
export type DayImpact = {
  lowestChangeCents: number;
  runwayChangeDays: number | null;
  lowestAfterCents: number;
  /** The day of that lowest point after the move. */
  lowestAfterDate: string;
  /** Runway in days after the move; null when cash stays above zero for the whole horizon. */
  runwayAfterDays: number | null;
  /** The days the move changes and their low, before and after (impact.ts Meantime); null: none. */
  meantime: Meantime | null;
};

/** A move's impact as the console and the digest show it. */
export const dayImpactOf = (m: MoveImpact): DayImpact => ({
  lowestChangeCents: m.lowestChangeCents,
  runwayChangeDays: m.runwayChangeDays,
  lowestAfterCents: m.after.lowest.cashCents,
  lowestAfterDate: m.after.lowest.date,
  runwayAfterDays: m.after.runwayDays,
  meantime: m.meantime,
});
