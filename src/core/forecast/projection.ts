// The daily cash projection for 91 days (issue 12 §1-2), replacing the weekly lumps of runway.ts for
// the forecast. Day 0 is today; each day's cash = the previous day's (opening cash before day 0) plus
// the day's inflows minus its outflows.
//
//   invoices  open balance on the date this customer is expected to pay (habits.ts: due date plus the
//             median days late, or the due date when the history is too thin). A date before today →
//             today. 30 days or more past the expected date → left out (collections, as runway.ts).
//             No due date → left out.
//   bills     as runway.ts places them, by the day: pay now → today; delay with a date → that date;
//             hold or no decision → the due date (holding is "not now", not "never": still owed, and
//             reported beside as heldCents); a date before today, or no date → today; after the
//             horizon → left out.
//   recurring each item not ignored, at its amount (the advisor's when changed), on every occurrence in
//             the horizon (one a few days overdue → today). An occurrence within the cadence's jitter
//             of an open record of the same counterparty is that record's money, so it is skipped
//             rather than counted twice (matched on the bill's due date, not its plan, so re-dating a
//             bill never brings a skipped occurrence back).
//   day-to-day the trailing spend not explained by recurring outflows, spread evenly (daily-rate.ts).
//   adjustments a scenario's amounts (scenario.ts): each on its date, as given.
//
// A scenario's "this invoice is paid on D" is the invoice's `expectedOn`: it replaces the habit's date
// for the placement only; the record still stands for recurring money at its habit's date, so saying
// when an invoice is paid never brings a skipped occurrence back (as for a bill's plan).
//
// Runway in days: the first day whose cash is below zero, counted from today (0 = today), null when no
// day of the horizon is. Confidence: of the money placed (records and recurring items, not the opening
// cash, not the day-to-day spend, not a scenario's amounts), the share on flagged records, on invoices
// placed by a learned habit, and on recurring items nobody confirmed or changed (guesses).
//
// Amounts are home-currency cents; the caller converts foreign-currency records with runway.ts's
// toHomeCents and leaves out (and flags) those it cannot convert, as the runway does.
import { addDays, dayNumber, daysBetween } from '../dates.ts';
import {
  collectionsAfterDays,
  type ProjectedBill,
  type ProjectedInvoice,
} from '../runway/runway.ts';
import { cadenceRule } from './cadence.ts';
import { dailySpendRate, spendOnDay, type DayToDaySpend } from './daily-rate.ts';
import { expectedPayDate, type PayingHabit } from './habits.ts';
import { projectRecurring, type ChosenRecurringItem, type Direction } from './recurring.ts';

export const horizonDays = 91;

export type ForecastInvoice = ProjectedInvoice & {
  customerId: string | null;
  /** The day it is paid when the advisor says so (a scenario), instead of the habit's or due date. */
  expectedOn?: string;
};

/** A scenario's amount on a day (scenario.ts): `id` names the change it comes from. */
export type CashAdjustment = {
  id: string;
  label: string;
  direction: Direction;
  date: string;
  /** Positive; `direction` says which way. */
  amountCents: number;
};
export type ForecastBill = ProjectedBill & { vendorId: string | null };

export type ForecastInput = {
  today: string;
  openingCashCents: number;
  invoices: readonly ForecastInvoice[];
  bills: readonly ForecastBill[];
  habits: ReadonlyMap<string, PayingHabit>;
  recurring: readonly ChosenRecurringItem[];
  dayToDay: DayToDaySpend;
  /** A scenario's amounts in and out (none in the baseline). */
  adjustments?: readonly CashAdjustment[];
};

export type PlacementBasis =
  'habit' | 'due-date' | 'planned' | 'pay-now' | 'held' | 'recurring' | 'scenario';

/** Where one record or recurring occurrence landed (for the console's "expected on" and the tests). */
export type Placement = {
  kind: 'invoice' | 'bill' | 'recurring' | 'adjustment';
  /** The record's qboId, the recurring item's key, or the scenario adjustment's id. */
  id: string;
  direction: Direction;
  date: string;
  amountCents: number;
  basis: PlacementBasis;
  flagged: boolean;
  /** For recurring occurrences, the item's state. */
  state?: ChosenRecurringItem['state'];
};

export type DayCash = { date: string; cashCents: number; inCents: number; outCents: number };

export type Forecast = {
  today: string;
  openingCashCents: number;
  projection: DayCash[];
  runwayDays: number | null;
  lowest: { date: string; cashCents: number };
  firstBelowZero: string | null;
  confidence: { flaggedShare: number; habitShare: number; recurringShare: number };
  /** Day-to-day spending, cents per day (fractional; each day's share is rounded to whole cents). */
  dailySpendCents: number;
  heldCents: number;
  placements: Placement[];
  excluded: {
    collectionsCents: number;
    beyondHorizonCents: number;
    noDueDateInvoiceCents: number;
    /** Recurring occurrences skipped because an open record stands for them. */
    coveredByRecordCents: number;
  };
};

/** The date a bill is paid under its plan, before clamping to today (runway.ts billWeek, by the day). */
export function billDate(today: string, bill: ProjectedBill): string {
  if (bill.plan?.action === 'pay_now') return today;
  const date =
    bill.plan?.action === 'delay' && bill.plan.plannedDate ? bill.plan.plannedDate : bill.dueDate;
  return date ?? today;
}

/** Day index 0..horizon-1 of a date (a past date → 0), or null after the horizon. */
export function dayIndex(today: string, date: string): number | null {
  const d = daysBetween(today, date);
  if (d < 0) return 0;
  return d >= horizonDays ? null : d;
}

const share = (part: number, whole: number): number => (whole === 0 ? 0 : part / whole);

/** Every record and recurring occurrence on its day: the projection before the day-by-day walk. */
export type PlacedFlows = {
  inCents: number[];
  outCents: number[];
  dailySpendCents: number;
  heldCents: number;
  placements: Placement[];
  excluded: Forecast['excluded'];
};

export function placeFlows(input: ForecastInput): PlacedFlows {
  const { today } = input;
  const todayNumber = dayNumber(today);
  const inCents = new Array<number>(horizonDays).fill(0);
  const outCents = new Array<number>(horizonDays).fill(0);
  const placements: Placement[] = [];
  const excluded = {
    collectionsCents: 0,
    beyondHorizonCents: 0,
    noDueDateInvoiceCents: 0,
    coveredByRecordCents: 0,
  };
  let heldCents = 0;
  // Dates at which open records of a counterparty stand for recurring money (see the header).
  const recordDates = new Map<string, string[]>();
  const noteRecord = (key: string, date: string) => {
    const dates = recordDates.get(key);
    if (dates) dates.push(date);
    else recordDates.set(key, [date]);
  };

  const place = (p: Placement): boolean => {
    const d = dayNumber(p.date) - todayNumber;
    if (d >= horizonDays) {
      excluded.beyondHorizonCents += p.amountCents;
      return false;
    }
    (p.direction === 'in' ? inCents : outCents)[Math.max(0, d)]! += p.amountCents;
    placements.push(d < 0 ? { ...p, date: today } : p);
    return true;
  };

  for (const inv of input.invoices) {
    if (!inv.dueDate) {
      excluded.noDueDateInvoiceCents += inv.amountCents;
      continue;
    }
    const habit = inv.customerId === null ? undefined : input.habits.get(inv.customerId);
    const habitDate = expectedPayDate(inv.dueDate, habit);
    if (inv.customerId !== null) noteRecord(`in:${inv.customerId}`, habitDate);
    const date = inv.expectedOn ?? habitDate;
    if (daysBetween(date, today) >= collectionsAfterDays) {
      excluded.collectionsCents += inv.amountCents;
      continue;
    }
    const basis = inv.expectedOn ? 'planned' : habit?.basis === 'habit' ? 'habit' : 'due-date';
    place({
      kind: 'invoice',
      id: inv.qboId,
      direction: 'in',
      date,
      amountCents: inv.amountCents,
      basis,
      flagged: inv.flagged,
    });
  }

  for (const bill of input.bills) {
    if (bill.vendorId !== null && bill.dueDate) noteRecord(`out:${bill.vendorId}`, bill.dueDate);
    const action = bill.plan?.action;
    const basis: PlacementBasis =
      action === 'pay_now'
        ? 'pay-now'
        : action === 'hold'
          ? 'held'
          : action === 'delay' && bill.plan?.plannedDate
            ? 'planned'
            : 'due-date';
    const placed = place({
      kind: 'bill',
      id: bill.qboId,
      direction: 'out',
      date: billDate(today, bill),
      amountCents: bill.amountCents,
      basis,
      flagged: bill.flagged,
    });
    if (placed && action === 'hold') heldCents += bill.amountCents;
  }

  for (const item of input.recurring) {
    if (item.state === 'ignored') continue;
    const tolerance = cadenceRule(item.cadence).toleranceDays;
    const free = (recordDates.get(`${item.direction}:${item.counterpartyId}`) ?? []).slice();
    for (const occ of projectRecurring(item, today, horizonDays)) {
      const match = free.findIndex((d) => Math.abs(daysBetween(d, occ.date)) <= tolerance);
      if (match >= 0) {
        free.splice(match, 1);
        excluded.coveredByRecordCents += occ.amountCents;
        continue;
      }
      place({
        kind: 'recurring',
        id: item.key,
        direction: item.direction,
        date: occ.date,
        amountCents: occ.amountCents,
        basis: 'recurring',
        flagged: false,
        state: item.state,
      });
    }
  }

  for (const a of input.adjustments ?? [])
    place({
      kind: 'adjustment',
      id: a.id,
      direction: a.direction,
      date: a.date,
      amountCents: a.amountCents,
      basis: 'scenario',
      flagged: false,
    });

  return {
    inCents,
    outCents,
    dailySpendCents: dailySpendRate(input.dayToDay),
    heldCents,
    placements,
    excluded,
  };
}

export type CashWalk = {
  runwayDays: number | null;
  lowest: { date: string; cashCents: number };
  firstBelowZero: string | null;
};

/**
 * Runway and lowest point of placed flows, without building the 91 entries: impact.ts runs this for
 * every bill of every client. The same walk as projectCash's (a property test holds them equal).
 */
export function walkCash(
  today: string,
  openingCashCents: number,
  inCents: readonly number[],
  outCents: readonly number[],
  dailySpendCents: number,
): CashWalk {
  let cash = openingCashCents;
  let runwayDays: number | null = null;
  let lowestDay = 0;
  let lowestCash = Number.POSITIVE_INFINITY;
  for (let k = 0; k < horizonDays; k++) {
    cash += inCents[k]! - outCents[k]! - spendOnDay(dailySpendCents, k);
    if (runwayDays === null && cash < 0) runwayDays = k;
    if (cash < lowestCash) {
      lowestCash = cash;
      lowestDay = k;
    }
  }
  return {
    runwayDays,
    lowest: { date: addDays(today, lowestDay), cashCents: lowestCash },
    firstBelowZero: runwayDays === null ? null : addDays(today, runwayDays),
  };
}

/** The 91 dates from today (one cached list: every client's forecast shares the same today). */
let horizonDates: { today: string; dates: string[] } | null = null;
function datesFrom(today: string): string[] {
  if (horizonDates?.today !== today)
    horizonDates = {
      today,
      dates: Array.from({ length: horizonDays }, (_, k) => addDays(today, k)),
    };
  return horizonDates.dates;
}

export function projectCash(input: ForecastInput): Forecast {
  const { today } = input;
  const flows = placeFlows(input);
  const { inCents, outCents, dailySpendCents: rate, placements } = flows;
  const dates = datesFrom(today);
  const projection: DayCash[] = [];
  let cash = input.openingCashCents;
  for (let k = 0; k < horizonDays; k++) {
    const out = outCents[k]! + spendOnDay(rate, k);
    cash += inCents[k]! - out;
    projection.push({ date: dates[k]!, cashCents: cash, inCents: inCents[k]!, outCents: out });
  }
  const walk = walkCash(today, input.openingCashCents, inCents, outCents, rate);

  let placed = 0;
  let flagged = 0;
  let habit = 0;
  let guessed = 0;
  for (const p of placements) {
    // A scenario's own amounts are the advisor's assumptions, not records or guesses: they leave the
    // confidence as the baseline's.
    if (p.kind === 'adjustment') continue;
    placed += Math.abs(p.amountCents);
    if (p.flagged) flagged += Math.abs(p.amountCents);
    if (p.basis === 'habit') habit += Math.abs(p.amountCents);
    if (p.state === 'expected') guessed += Math.abs(p.amountCents);
  }

  return {
    today,
    openingCashCents: input.openingCashCents,
    projection,
    ...walk,
    confidence: {
      flaggedShare: share(flagged, placed),
      habitShare: share(habit, placed),
      recurringShare: share(guessed, placed),
    },
    dailySpendCents: rate,
    heldCents: flows.heldCents,
    placements,
    excluded: flows.excluded,
  };
}
