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
//
// Runway in days: the first day whose cash is below zero, counted from today (0 = today), null when no
// day of the horizon is. Confidence: of the money placed (records and recurring items, not the opening
// cash, not the day-to-day spend), the share on flagged records, on invoices placed by a learned habit,
// and on recurring items nobody confirmed or changed (guesses).
//
// Amounts are home-currency cents; the caller converts foreign-currency records with runway.ts's
// toHomeCents and leaves out (and flags) those it cannot convert, as the runway does.
import { addDays, daysBetween } from '../dates.ts';
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

export type ForecastInvoice = ProjectedInvoice & { customerId: string | null };
export type ForecastBill = ProjectedBill & { vendorId: string | null };

export type ForecastInput = {
  today: string;
  openingCashCents: number;
  invoices: readonly ForecastInvoice[];
  bills: readonly ForecastBill[];
  habits: ReadonlyMap<string, PayingHabit>;
  recurring: readonly ChosenRecurringItem[];
  dayToDay: DayToDaySpend;
};

export type PlacementBasis = 'habit' | 'due-date' | 'planned' | 'pay-now' | 'held' | 'recurring';

/** Where one record or recurring occurrence landed (for the console's "expected on" and the tests). */
export type Placement = {
  kind: 'invoice' | 'bill' | 'recurring';
  /** The record's qboId, or the recurring item's key. */
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

export function projectCash(input: ForecastInput): Forecast {
  const { today } = input;
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
    const day = dayIndex(today, p.date);
    if (day === null) {
      excluded.beyondHorizonCents += p.amountCents;
      return false;
    }
    (p.direction === 'in' ? inCents : outCents)[day]! += p.amountCents;
    placements.push({ ...p, date: addDays(today, day) });
    return true;
  };

  for (const inv of input.invoices) {
    if (!inv.dueDate) {
      excluded.noDueDateInvoiceCents += inv.amountCents;
      continue;
    }
    const habit = inv.customerId === null ? undefined : input.habits.get(inv.customerId);
    const date = expectedPayDate(inv.dueDate, habit);
    if (inv.customerId !== null) noteRecord(`in:${inv.customerId}`, date);
    if (daysBetween(date, today) >= collectionsAfterDays) {
      excluded.collectionsCents += inv.amountCents;
      continue;
    }
    const basis = habit?.basis === 'habit' ? 'habit' : 'due-date';
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

  const rate = dailySpendRate(input.dayToDay);
  const projection: DayCash[] = [];
  let cash = input.openingCashCents;
  let runwayDays: number | null = null;
  let lowest = { date: today, cashCents: Number.POSITIVE_INFINITY };
  for (let k = 0; k < horizonDays; k++) {
    const date = addDays(today, k);
    const out = outCents[k]! + spendOnDay(rate, k);
    cash += inCents[k]! - out;
    projection.push({ date, cashCents: cash, inCents: inCents[k]!, outCents: out });
    if (runwayDays === null && cash < 0) runwayDays = k;
    if (cash < lowest.cashCents) lowest = { date, cashCents: cash };
  }

  let placed = 0;
  let flagged = 0;
  let habit = 0;
  let guessed = 0;
  for (const p of placements) {
    placed += Math.abs(p.amountCents);
    if (p.flagged) flagged += Math.abs(p.amountCents);
    if (p.basis === 'habit') habit += Math.abs(p.amountCents);
    if (p.state === 'expected') guessed += Math.abs(p.amountCents);
  }

  return {
    today,
    openingCashCents: input.openingCashCents,
    projection,
    runwayDays,
    lowest,
    firstBelowZero: runwayDays === null ? null : addDays(today, runwayDays),
    confidence: {
      flaggedShare: share(flagged, placed),
      habitShare: share(habit, placed),
      recurringShare: share(guessed, placed),
    },
    dailySpendCents: rate,
    heldCents,
    placements,
    excluded,
  };
}
