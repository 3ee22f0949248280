// Scenarios (issue 12 §4): named what-ifs of one client, each a list of changes applied to the forecast's
// input (then projectCash as usual), so a scenario is exactly "the forecast if these things happened":
//
//   delay-bill       the bill paid on the date (a plan, as a recorded delay is)
//   delay-bill-by    the bill paid N days after the day it lands now (impact.ts, as the bulk re-date)
//   invoice-paid     the invoice paid on the date (projection.ts `expectedOn`: instead of the habit)
//   one-off          an amount in (positive cents) or out (negative) on a date
//   recurring        an amount in or out on `from` and every week / 2 weeks / month after (monthly
//                    keeps the day of the month, clamped: from Jan 31 → Feb 29 → Mar 31), until `until`
//
// A saved scenario is applied to today's books: a change whose bill or invoice is no longer open (paid or
// removed since), or whose one-off date or recurring end has passed, no longer applies. It is left out and
// reported, never an error, so a scenario keeps loading as the books move on. A bill or invoice still open
// whose scenario date has passed is placed today, as the projection places any date before today.
import { addDays, isIsoDay } from '../dates.ts';
import { formatMoney } from '../mirror/money.ts';
import { stepFrom } from './cadence.ts';
import { moved } from './impact.ts';
import { horizonDays, type CashAdjustment, type ForecastInput } from './projection.ts';

/** The cadences a scenario's recurring amount may take (every 2 weeks = biweekly). */
export const scenarioCadences = ['weekly', 'biweekly', 'monthly'] as const;
export type ScenarioCadence = (typeof scenarioCadences)[number];

export type ScenarioChange =
  /** Pay this bill on this date instead. */
  | { kind: 'delay-bill'; billId: string; date: string }
  /** Pay this bill N days after the day it lands in the forecast now (overdue: after today). */
  | { kind: 'delay-bill-by'; billId: string; days: number }
  /** This invoice is paid on this date (instead of the customer's habit or its due date). */
  | { kind: 'invoice-paid'; invoiceId: string; date: string }
  /** A one-off amount on a date: positive cents come in, negative go out. */
  | { kind: 'one-off'; amountCents: number; date: string; label?: string }
  /** An amount every week / 2 weeks / month from a date (the first occurrence), until a date if given. */
  | {
      kind: 'recurring';
      amountCents: number;
      cadence: ScenarioCadence;
      from: string;
      until?: string;
      label?: string;
    };

export type Scenario = { name: string; changes: ScenarioChange[] };

/** A change of a saved scenario that no longer applies (its bill paid or removed, its date passed). */
export type StaleChange = { index: number; change: ScenarioChange; reason: string };

export const scenarioNameMax = 60;
export const scenarioChangesMax = 100;

const cadenceWords: Record<ScenarioCadence, string> = {
  weekly: 'every week',
  biweekly: 'every 2 weeks',
  monthly: 'every month',
};

const signed = (cents: number, currency: string): string =>
  `${cents >= 0 ? '+' : '-'}${formatMoney(Math.abs(cents), currency)}`;

/** One change in the advisor's words ("delay bill 131 to 2027-01-20", "-$1,200.00 every month from …"). */
export function describeChange(c: ScenarioChange, currency = 'USD'): string {
  const label = 'label' in c && c.label ? ` (${c.label})` : '';
  switch (c.kind) {
    case 'delay-bill':
      return `pay bill ${c.billId} on ${c.date}`;
    case 'delay-bill-by':
      return `pay bill ${c.billId} ${Math.abs(c.days)} day${Math.abs(c.days) === 1 ? '' : 's'} ${c.days >= 0 ? 'later' : 'earlier'}`;
    case 'invoice-paid':
      return `invoice ${c.invoiceId} paid on ${c.date}`;
    case 'one-off':
      return `${signed(c.amountCents, currency)} on ${c.date}${label}`;
    case 'recurring':
      return `${signed(c.amountCents, currency)} ${cadenceWords[c.cadence]} from ${c.from}${c.until ? ` until ${c.until}` : ''}${label}`;
  }
}

/** The name as it is kept: trimmed (names compare without regard to case). */
export const scenarioName = (name: string): string => name.trim();

/**
 * What is wrong with a scenario as the advisor wrote it, one line each (empty: nothing). `today` refuses
 * dates already past for the dated changes; whether a bill or invoice is open is applyScenario's to say.
 */
export function scenarioProblems(s: Scenario, today: string, currency = 'USD'): string[] {
  const problems: string[] = [];
  const name = scenarioName(s.name);
  if (name.length === 0) problems.push('the scenario needs a name');
  if (name.length > scenarioNameMax)
    problems.push(`the name is ${name.length} characters; at most ${scenarioNameMax}`);
  if (s.changes.length === 0) problems.push('the scenario has no changes');
  if (s.changes.length > scenarioChangesMax)
    problems.push(`the scenario has ${s.changes.length} changes; at most ${scenarioChangesMax}`);
  const seen = new Map<string, number>();
  s.changes.forEach((c, i) => {
    const at = `change ${i + 1} (${describeChange(c, currency)})`;
    const day = (d: string, what: string, notPast: boolean) => {
      if (!isIsoDay(d)) problems.push(`${at}: ${what} is not a date (YYYY-MM-DD): ${d}`);
      else if (notPast && d < today)
        problems.push(`${at}: ${what} ${d} is before today (${today})`);
    };
    const amount = (cents: number) => {
      if (!Number.isSafeInteger(cents)) problems.push(`${at}: the amount must be whole cents`);
      else if (cents === 0) problems.push(`${at}: the amount is zero, which changes nothing`);
    };
    const once = (key: string, what: string) => {
      const first = seen.get(key);
      if (first !== undefined)
        problems.push(`${at}: ${what} is already changed by change ${first + 1}`);
      else seen.set(key, i);
    };
    switch (c.kind) {
      case 'delay-bill':
        day(c.date, 'the date', true);
        once(`bill:${c.billId}`, `bill ${c.billId}`);
        break;
      case 'delay-bill-by':
        if (!Number.isSafeInteger(c.days) || c.days === 0)
          problems.push(`${at}: the days must be a whole number other than zero`);
        once(`bill:${c.billId}`, `bill ${c.billId}`);
        break;
      case 'invoice-paid':
        day(c.date, 'the date', true);
        once(`invoice:${c.invoiceId}`, `invoice ${c.invoiceId}`);
        break;
      case 'one-off':
        day(c.date, 'the date', true);
        amount(c.amountCents);
        break;
      case 'recurring':
        day(c.from, 'the start', false);
        if (c.until !== undefined) {
          day(c.until, 'the end', true);
          if (isIsoDay(c.from) && isIsoDay(c.until) && c.until < c.from)
            problems.push(`${at}: the end ${c.until} is before the start ${c.from}`);
        }
        if (!(scenarioCadences as readonly string[]).includes(c.cadence))
          problems.push(`${at}: the cadence must be weekly, biweekly or monthly`);
        amount(c.amountCents);
        break;
    }
  });
  return problems;
}

const adjustment = (
  id: string,
  label: string,
  date: string,
  amountCents: number,
): CashAdjustment => ({
  id,
  label,
  direction: amountCents >= 0 ? 'in' : 'out',
  date,
  amountCents: Math.abs(amountCents),
});

/** The dates of a recurring change inside the horizon (today .. today + 90), oldest first. */
export function recurringDates(
  c: Extract<ScenarioChange, { kind: 'recurring' }>,
  today: string,
): string[] {
  const last = addDays(today, horizonDays - 1);
  const end = c.until !== undefined && c.until < last ? c.until : last;
  const dates: string[] = [];
  for (let k = 0; ; k++) {
    const date = stepFrom(c.from, c.cadence, k);
    if (date > end) return dates;
    if (date >= today) dates.push(date);
  }
}

/**
 * The input with the scenario's changes applied, and the changes that no longer apply (left out). The
 * last change of a bill or invoice wins (scenarioProblems refuses two when saving).
 */
export function applyScenario(
  input: ForecastInput,
  changes: readonly ScenarioChange[],
): { input: ForecastInput; noLongerApplies: StaleChange[] } {
  const { today } = input;
  const original = new Map(input.bills.map((b) => [b.qboId, b]));
  const bills = new Map(original);
  const invoices = new Map(input.invoices.map((i) => [i.qboId, i]));
  const adjustments: CashAdjustment[] = [...(input.adjustments ?? [])];
  const noLongerApplies: StaleChange[] = [];
  changes.forEach((change, index) => {
    const stale = (reason: string) => noLongerApplies.push({ index, change, reason });
    const id = `change-${index + 1}`;
    switch (change.kind) {
      case 'delay-bill':
      case 'delay-bill-by': {
        // From the bill as the input has it: two changes of one bill compose as "the last wins".
        const bill = original.get(change.billId);
        if (!bill)
          return stale(
            `bill ${change.billId} is not open any more (paid or removed in QuickBooks)`,
          );
        const move =
          change.kind === 'delay-bill'
            ? ({ billId: bill.qboId, to: 'date', date: change.date } as const)
            : ({ billId: bill.qboId, to: 'days', days: change.days } as const);
        bills.set(bill.qboId, moved(today, bill, move));
        return;
      }
      case 'invoice-paid': {
        const inv = invoices.get(change.invoiceId);
        if (!inv)
          return stale(
            `invoice ${change.invoiceId} is not open any more (paid or removed in QuickBooks)`,
          );
        invoices.set(inv.qboId, { ...inv, expectedOn: change.date });
        return;
      }
      case 'one-off':
        if (change.date < today) return stale(`its date ${change.date} has passed`);
        adjustments.push(
          adjustment(id, change.label ?? describeChange(change), change.date, change.amountCents),
        );
        return;
      case 'recurring':
        if (change.until !== undefined && change.until < today)
          return stale(`it ended on ${change.until}`);
        for (const date of recurringDates(change, today))
          adjustments.push(
            adjustment(id, change.label ?? describeChange(change), date, change.amountCents),
          );
        return;
    }
  });
  return {
    input: {
      ...input,
      bills: input.bills.map((b) => bills.get(b.qboId)!),
      invoices: input.invoices.map((i) => invoices.get(i.qboId)!),
      adjustments,
    },
    noLongerApplies,
  };
}
