// Recurring money found in the history (issue 12 §1): payroll, rent, subscriptions, loan payments,
// regular customers. A series is one counterparty and one direction whose latest occurrences come at a
// regular cadence (each within the cadence's jitter of the previous one plus one step, the jitter
// scattering rather than drifting one way) with a stable
// amount (each within `amountTolerance` of the latest), at least `minOccurrences` times. It is
// projected forward from its last occurrence as an "expected" item the advisor confirms, changes or
// ignores; the choice is kept by the item's `key`, which depends only on who and which direction, so
// it survives new occurrences and a change of amount.
import { daysBetween, addDays } from '../dates.ts';
import { cadences, stepFrom, type Cadence } from './cadence.ts';
import { quantile } from './habits.ts';

export const minOccurrences = 3;
/** An amount within 10% of the latest one counts as the same (a utility bill, overtime on a payroll). */
export const amountTolerance = 0.1;

export type Direction = 'in' | 'out';

export type DatedTransaction = {
  counterpartyId: string;
  name: string;
  date: string;
  /** Positive; `direction` says which way the money went. */
  amountCents: number;
  direction: Direction;
};

export type RecurringItem = {
  key: string;
  counterpartyId: string;
  name: string;
  direction: Direction;
  cadence: Cadence;
  /** The cadence's nominal interval, rounded (monthly 30, quarterly 91). */
  intervalDays: number;
  /** Median amount of the regular occurrences. */
  amountCents: number;
  lastDate: string;
  nextDate: string;
  occurrences: number;
  /** 0..1: more occurrences and less jitter → higher. */
  confidence: number;
};

export type RecurringState = 'expected' | 'confirmed' | 'changed' | 'ignored';
export type RecurringChoice =
  | { key: string; choice: 'confirm' }
  | { key: string; choice: 'ignore' }
  | { key: string; choice: 'amount'; amountCents: number };
export type ChosenRecurringItem = RecurringItem & {
  state: RecurringState;
  /** The detected amount; `amountCents` is the advisor's when the state is 'changed'. */
  detectedAmountCents: number;
};

export const recurringKey = (direction: Direction, counterpartyId: string): string =>
  `${direction}:${counterpartyId}`;

type Occurrence = { date: string; amountCents: number };

/** One counterparty's money in one direction, same-day amounts summed, oldest first. */
function occurrencesOf(transactions: readonly DatedTransaction[]): Occurrence[] {
  const byDay = new Map<string, number>();
  for (const t of transactions) byDay.set(t.date, (byDay.get(t.date) ?? 0) + t.amountCents);
  return [...byDay]
    .map(([date, amountCents]) => ({ date, amountCents }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

const roundTo2 = (x: number): number => Math.round(x * 100) / 100;

/** The longest regular run ending at the latest occurrence at this cadence, with its mean jitter. */
function regularRun(occ: readonly Occurrence[], cadence: Cadence, toleranceDays: number) {
  const last = occ[occ.length - 1]!;
  let start = occ.length - 1;
  let jitterSum = 0;
  let driftSum = 0;
  while (start > 0) {
    const prev = occ[start - 1]!;
    const signed = daysBetween(stepFrom(prev.date, cadence, 1), occ[start]!.date);
    const jitter = Math.abs(signed);
    const stable =
      Math.abs(prev.amountCents - last.amountCents) <= amountTolerance * last.amountCents;
    if (jitter > toleranceDays || !stable) break;
    jitterSum += jitter;
    driftSum += signed;
    start--;
  }
  const run = occ.slice(start);
  const steps = Math.max(1, run.length - 1);
  return { run, meanJitter: jitterSum / steps, drift: driftSum / steps };
}

/** One series' recurring item, or null when it is not regular, too short, or has stopped. */
function detectSeries(series: readonly DatedTransaction[], today: string): RecurringItem | null {
  const occ = occurrencesOf(series);
  if (occ.length < minOccurrences) return null;
  for (const rule of cadences) {
    const { run, meanJitter, drift } = regularRun(occ, rule.cadence, rule.toleranceDays);
    // Too short, or always early/late the same way: another rhythm (see cadence.ts).
    if (run.length < minOccurrences || Math.abs(drift) > rule.toleranceDays / 2) continue;
    const lastDate = run[run.length - 1]!.date;
    const nextDate = stepFrom(lastDate, rule.cadence, 1);
    // Missed its next occurrence by more than the jitter allows: the series has stopped.
    if (daysBetween(nextDate, today) > rule.toleranceDays) return null;
    const first = series[0]!;
    const amounts = run.map((o) => o.amountCents).sort((a, b) => a - b);
    return {
      key: recurringKey(first.direction, first.counterpartyId),
      counterpartyId: first.counterpartyId,
      name: series[series.length - 1]!.name,
      direction: first.direction,
      cadence: rule.cadence,
      intervalDays: Math.round(rule.nominalDays),
      amountCents: Math.round(quantile(amounts, 0.5)),
      lastDate,
      nextDate,
      occurrences: run.length,
      confidence: roundTo2(
        Math.min(1, run.length / 6) * (1 - meanJitter / (2 * rule.toleranceDays)),
      ),
    };
  }
  return null;
}

/** Recurring series in dated transactions (only those dated before `today` are history). */
export function detectRecurring(
  transactions: readonly DatedTransaction[],
  today: string,
): RecurringItem[] {
  const groups = new Map<string, DatedTransaction[]>();
  for (const t of transactions) {
    if (t.date >= today || t.amountCents <= 0) continue;
    const key = recurringKey(t.direction, t.counterpartyId);
    const group = groups.get(key);
    if (group) group.push(t);
    else groups.set(key, [t]);
  }
  const items: RecurringItem[] = [];
  for (const series of groups.values()) {
    series.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    const item = detectSeries(series, today);
    if (item) items.push(item);
  }
  return items.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * An item's occurrences from its next date up to the horizon's last day (today + horizonDays - 1).
 * An occurrence a few days overdue (inside the jitter, not seen yet) is returned at its own date; the
 * projection places it today.
 */
export function projectRecurring(
  item: RecurringItem,
  today: string,
  horizonDays: number,
): Occurrence[] {
  const lastDay = addDays(today, horizonDays - 1);
  const out: Occurrence[] = [];
  for (let k = 1; ; k++) {
    const date = stepFrom(item.lastDate, item.cadence, k);
    if (date > lastDay) return out;
    out.push({ date, amountCents: item.amountCents });
  }
}

/** Why a choice cannot be kept, in one line, or null when it can. */
export function choiceProblem(choice: RecurringChoice): string | null {
  if (choice.choice !== 'amount') return null;
  if (!Number.isSafeInteger(choice.amountCents) || choice.amountCents < 0)
    return `amount for ${choice.key} must be a whole number of cents, zero or more`;
  return null;
}

/**
 * The advisor's choices applied to the detected items: the last choice for a key wins; a choice whose
 * item is not detected now is left unapplied (kept by the caller, it applies again if the series
 * reappears); a choice with a problem (see choiceProblem) is not applied.
 */
export function applyChoices(
  items: readonly RecurringItem[],
  choices: readonly RecurringChoice[],
): ChosenRecurringItem[] {
  const byKey = new Map<string, RecurringChoice>();
  for (const c of choices) if (choiceProblem(c) === null) byKey.set(c.key, c);
  return items.map((item) => {
    const c = byKey.get(item.key);
    const base = { ...item, detectedAmountCents: item.amountCents };
    if (!c) return { ...base, state: 'expected' };
    if (c.choice === 'confirm') return { ...base, state: 'confirmed' };
    if (c.choice === 'ignore') return { ...base, state: 'ignored' };
    return { ...base, state: 'changed', amountCents: c.amountCents };
  });
}
