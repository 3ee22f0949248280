// The daily cash forecast of one client (issue 12): the runway's inputs (cash, open bills with their
// decisions, open invoices, the Purchases burn) plus what the mirror teaches: each customer's paying habit
// and the recurring money in the history, with the advisor's choices about it. The rules are pure, in
// src/core/forecast/; this file only gathers their inputs.
import { addDays } from '../../core/dates.ts';
import { explainedSpendCents, trailingSpendDays } from '../../core/forecast/daily-rate.ts';
import { payingHabits, type PayingHabit } from '../../core/forecast/habits.ts';
import { payNowOrDelay, prepareImpacts, type MoveImpact } from '../../core/forecast/impact.ts';
import { projectCash, type ForecastInput } from '../../core/forecast/projection.ts';
import type { ForecastView } from '../../core/forecast/view.ts';
import {
  applyChoices,
  choiceProblem,
  detectRecurring,
  type ChosenRecurringItem,
  type RecurringChoice,
} from '../../core/forecast/recurring.ts';
import { burnTrailingWeeks } from '../../core/runway/runway.ts';
import { CodedError } from '../../core/result.ts';
import type { Db } from '../db/open.ts';
import {
  customerNames,
  moneyHistory,
  paidInvoiceHistory,
} from '../db/repositories/forecast-history.ts';
import { recurringChoices, saveRecurringChoice } from '../db/repositories/recurring-choices.ts';
import type { Scope } from '../db/scope.ts';
import { loadClientMoney, type ClientMoney } from './runway-inputs.ts';

/** How far back recurring money is looked for: a year and a month, so a quarterly item shows 4 times. */
const historyDays = 400;

export type ClientForecast = ForecastView;

export type ForecastParts = {
  input: ForecastInput;
  recurring: ChosenRecurringItem[];
  habits: Map<string, PayingHabit>;
  homeCurrency: string;
};

/** `money`: the client's runway inputs when the caller loaded them already (the console). */
export function forecastParts(db: Db, s: Scope, now: Date, money?: ClientMoney): ForecastParts {
  const c = money ?? loadClientMoney(db, s.advisorId, now, s.businessId).get(s.businessId);
  if (!c) throw new CodedError('NOT_FOUND', `No client ${s.businessId}.`);
  const today = c.input.today;
  const customerOf = new Map(c.invoices.map((i) => [i.qboId, i.counterpartyId]));
  const vendorOf = new Map(c.bills.map((b) => [b.qboId, b.counterpartyId]));
  const habits = payingHabits(paidInvoiceHistory(db, s));
  const history = moneyHistory(db, s, addDays(today, -historyDays));
  const recurring = applyChoices(detectRecurring(history, today), recurringChoices(db, s));
  const counted = recurring.filter((r) => r.state !== 'ignored');
  // The runway's burn is the Purchases of the last 12 weeks: recurring ones among them are projected on
  // their own dates, so they leave the day-to-day rate.
  const purchases = history.filter((t) => t.source === 'purchase');
  const trailingSpendCents = c.input.weeklyBurnCents * burnTrailingWeeks;
  const input: ForecastInput = {
    today,
    openingCashCents: c.input.cashCents,
    invoices: c.input.invoices.map((i) => ({ ...i, customerId: customerOf.get(i.qboId) ?? null })),
    bills: c.input.bills.map((b) => ({ ...b, vendorId: vendorOf.get(b.qboId) ?? null })),
    habits,
    recurring,
    dayToDay: {
      trailingSpendCents,
      trailingDays: burnTrailingWeeks * 7,
      explainedByRecurringCents: explainedSpendCents(
        counted,
        purchases,
        today,
        Math.min(trailingSpendDays, burnTrailingWeeks * 7),
      ),
    },
  };
  return { input, recurring, habits, homeCurrency: c.homeCurrency };
}

/**
 * The view of a client's forecast; `input`: the parts' input changed (a scenario applied); `names`:
 * the client's customer names (for the paying habits).
 */
export function forecastView(
  parts: ForecastParts,
  businessId: string,
  names: ReadonlyMap<string, string>,
  input: ForecastInput = parts.input,
): ClientForecast {
  return {
    ...projectCash(input),
    businessId,
    homeCurrency: parts.homeCurrency,
    recurring: parts.recurring,
    habits: [...parts.habits.entries()].map(([customerId, h]) => ({
      ...h,
      customerId,
      customerName: names.get(customerId) ?? null,
    })),
  };
}

export function clientForecast(db: Db, s: Scope, now: Date): ClientForecast {
  return forecastView(forecastParts(db, s, now), s.businessId, customerNames(db, s));
}

/** Day-level impact of paying each of these bills now or delaying it to its date. */
export function billImpacts(
  parts: ForecastParts,
  delays: ReadonlyMap<string, string>,
): Map<string, { payNow: MoveImpact; delay: MoveImpact }> {
  // The client's records are placed once; each bill's two moves reuse that placement.
  const impacts = prepareImpacts(parts.input);
  const out = new Map<string, { payNow: MoveImpact; delay: MoveImpact }>();
  for (const [billId, delayTo] of delays) out.set(billId, payNowOrDelay(impacts, billId, delayTo));
  return out;
}

/** Keeps the advisor's choice about a recurring item (it applies whenever the series is detected). */
export function chooseRecurring(
  db: Db,
  s: Scope,
  choice: RecurringChoice,
  now: Date,
): ClientForecast {
  const problem = choiceProblem(choice);
  if (problem) throw new CodedError('INVALID_INPUT', problem);
  const known = forecastParts(db, s, now).recurring.some((r) => r.key === choice.key);
  if (!known)
    throw new CodedError(
      'NOT_FOUND',
      `No recurring item ${choice.key} for client ${s.businessId} (see rowcol forecast).`,
    );
  saveRecurringChoice(db, s, choice, now.toISOString());
  return clientForecast(db, s, now);
}
