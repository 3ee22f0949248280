// Scenarios in the advisor's words in the window: each change with the bill's vendor or the invoice's
// customer (where the record is still open), and the comparison's figures with their change against the
// baseline. `rowcol scenario` says the same in the terminal's terms (ids, ISO dates).
import { daysBetween } from '../../core/dates.ts';
import type { ScenarioChange } from '../../core/forecast/scenario.ts';
import type { ForecastSummary, ScenarioRecord } from '../../core/forecast/scenario-view.ts';
import { money, shortDate, signedMoney, wholeMoney } from './format.ts';
import { runwayText } from './move-words.ts';

export type RecordNames = {
  bills: ReadonlyMap<string, ScenarioRecord>;
  invoices: ReadonlyMap<string, ScenarioRecord>;
};

/** "Union Print Shop bill 59864", or "bill 131" when it is not open any more. */
export function recordName(kind: 'bill' | 'invoice', id: string, r?: ScenarioRecord): string {
  if (!r) return `${kind} ${id}`;
  return `${r.name ?? (kind === 'bill' ? 'Unknown vendor' : 'Unknown customer')} ${kind} ${r.docNumber ?? r.qboId}`;
}

const cadenceWords = { weekly: 'every week', biweekly: 'every 2 weeks', monthly: 'every month' };

/** One change as a sentence: "Pay Union Print Shop bill 59864 14 days later", "$5,000.00 out on Dec 2". */
export function changeWords(c: ScenarioChange, names: RecordNames, currency: string): string {
  const inOut = (cents: number) =>
    `${money(Math.abs(cents), currency)} ${cents < 0 ? 'out' : 'in'}`;
  const label = 'label' in c && c.label ? ` (${c.label})` : '';
  switch (c.kind) {
    case 'delay-bill':
      return `Pay ${recordName('bill', c.billId, names.bills.get(c.billId))} on ${shortDate(c.date)}`;
    case 'delay-bill-by': {
      const n = Math.abs(c.days);
      return `Pay ${recordName('bill', c.billId, names.bills.get(c.billId))} ${n} day${n === 1 ? '' : 's'} ${c.days > 0 ? 'later' : 'earlier'}`;
    }
    case 'invoice-paid':
      return `${recordName('invoice', c.invoiceId, names.invoices.get(c.invoiceId))} paid on ${shortDate(c.date)}`;
    case 'one-off':
      return `${inOut(c.amountCents)} on ${shortDate(c.date)}${label}`;
    case 'recurring':
      return `${inOut(c.amountCents)} ${cadenceWords[c.cadence]} from ${shortDate(c.from)}${c.until ? ` until ${shortDate(c.until)}` : ''}${label}`;
  }
}

const change = (cents: number, currency: string): string =>
  Math.round(cents / 100) === 0 ? 'no change' : signedMoney(cents, currency);

function runwayChange(base: number | null, s: number | null): string {
  if (base === s) return 'no change';
  if (s === null) return 'now above zero throughout';
  if (base === null) return 'was above zero throughout';
  return s > base ? `+${s - base} days` : `\u2212${base - s} days`;
}

const dayShift = (d: number): string =>
  `${Math.abs(d)} day${Math.abs(d) === 1 ? '' : 's'} ${d < 0 ? 'earlier' : 'later'}`;

/** Whether a change against the baseline leaves the advisor better or worse off. */
export type Tone = 'better' | 'worse' | 'same';
const toneOf = (d: number): Tone => (d > 0 ? 'better' : d < 0 ? 'worse' : 'same');
/** Runway as a number to compare: no day below zero is more runway than any. */
const reach = (days: number | null): number => days ?? Number.POSITIVE_INFINITY;

export type Figures = {
  runway: string;
  firstBelowZero: string;
  lowest: string;
  endCash: string;
};

/** A column of the comparison: the figures, and (for a scenario) each one's change against the baseline. */
export function figuresOf(
  f: ForecastSummary,
  currency: string,
  baseline?: ForecastSummary,
): { figures: Figures; vs?: Figures; tone?: Record<keyof Figures, Tone> } {
  const end = f.projection.at(-1)!.cashCents;
  const figures: Figures = {
    runway: runwayText(f.runwayDays),
    firstBelowZero: f.firstBelowZero ? shortDate(f.firstBelowZero) : 'None in 13 weeks',
    lowest: `${wholeMoney(f.lowest.cashCents, currency)} on ${shortDate(f.lowest.date)}`,
    endCash: wholeMoney(end, currency),
  };
  if (!baseline) return { figures };
  const baseEnd = baseline.projection.at(-1)!.cashCents;
  const runwayTone =
    reach(f.runwayDays) === reach(baseline.runwayDays)
      ? 'same'
      : reach(f.runwayDays) > reach(baseline.runwayDays)
        ? 'better'
        : 'worse';
  return {
    figures,
    vs: {
      runway: runwayChange(baseline.runwayDays, f.runwayDays),
      firstBelowZero:
        f.firstBelowZero === baseline.firstBelowZero
          ? 'no change'
          : f.firstBelowZero === null
            ? 'no longer below zero'
            : baseline.firstBelowZero === null
              ? 'was never below zero'
              : dayShift(daysBetween(baseline.firstBelowZero, f.firstBelowZero)),
      lowest: change(f.lowest.cashCents - baseline.lowest.cashCents, currency),
      endCash: change(end - baseEnd, currency),
    },
    tone: {
      runway: runwayTone,
      // The first day below zero moves with the runway: later is better.
      firstBelowZero: runwayTone,
      lowest: toneOf(Math.round((f.lowest.cashCents - baseline.lowest.cashCents) / 100)),
      endCash: toneOf(Math.round((end - baseEnd) / 100)),
    },
  };
}
