// A scenario as the advisor types it in the window's form (every field text), checked field by field
// (one line each, next to its field), and turned into the changes scenarios:save takes. The rules of a
// saved scenario stay the backend's (core/forecast/scenario.ts scenarioProblems); this only says early,
// and in the field's own words, what it would refuse.
import { isIsoDay } from '../../core/dates.ts';
import {
  scenarioNameMax,
  type ScenarioCadence,
  type ScenarioChange,
} from '../../core/forecast/scenario.ts';
import { parseDays } from './move-words.ts';

export type Direction = 'in' | 'out';

type Keyed = { key: number };
export type DraftChange = Keyed &
  (
    | { kind: 'delay-bill'; billId: string; how: 'date' | 'days'; date: string; daysText: string }
    | { kind: 'invoice-paid'; invoiceId: string; date: string }
    | {
        kind: 'one-off';
        direction: Direction;
        amountText: string;
        date: string;
        label: string;
      }
    | {
        kind: 'recurring';
        direction: Direction;
        amountText: string;
        cadence: ScenarioCadence;
        from: string;
        until: string;
        label: string;
      }
  );
export type DraftKind = DraftChange['kind'];

export type Draft = { name: string; changes: DraftChange[] };

/** Problems by field: `name`, `changes` (none at all), and `<key>.<field>` for a change's field. */
export type DraftProblems = Record<string, string>;

let nextKey = 1;

export function newChange(kind: DraftKind): DraftChange {
  const key = nextKey++;
  switch (kind) {
    case 'delay-bill':
      return { key, kind, billId: '', how: 'days', date: '', daysText: '14' };
    case 'invoice-paid':
      return { key, kind, invoiceId: '', date: '' };
    case 'one-off':
      return { key, kind, direction: 'out', amountText: '', date: '', label: '' };
    case 'recurring':
      return {
        key,
        kind,
        direction: 'out',
        amountText: '',
        cadence: 'monthly',
        from: '',
        until: '',
        label: '',
      };
  }
}

const amountText = (cents: number): string => (Math.abs(cents) / 100).toFixed(2);

/** A saved change back into the form's fields (to edit a scenario). */
export function draftOf(c: ScenarioChange): DraftChange {
  const key = nextKey++;
  switch (c.kind) {
    case 'delay-bill':
      return {
        key,
        kind: 'delay-bill',
        billId: c.billId,
        how: 'date',
        date: c.date,
        daysText: '14',
      };
    case 'delay-bill-by':
      return {
        key,
        kind: 'delay-bill',
        billId: c.billId,
        how: 'days',
        date: '',
        daysText: String(c.days),
      };
    case 'invoice-paid':
      return { key, kind: 'invoice-paid', invoiceId: c.invoiceId, date: c.date };
    case 'one-off':
      return {
        key,
        kind: 'one-off',
        direction: c.amountCents >= 0 ? 'in' : 'out',
        amountText: amountText(c.amountCents),
        date: c.date,
        label: c.label ?? '',
      };
    case 'recurring':
      return {
        key,
        kind: 'recurring',
        direction: c.amountCents >= 0 ? 'in' : 'out',
        amountText: amountText(c.amountCents),
        cadence: c.cadence,
        from: c.from,
        until: c.until ?? '',
        label: c.label ?? '',
      };
  }
}

/** "1,250.50", "$1250" → 125050; undefined when it is not a positive amount. */
export function parseAmount(text: string): number | undefined {
  const clean = text.replace(/[$,\s]/g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(clean)) return undefined;
  const cents = Math.round(Number(clean) * 100);
  return cents > 0 ? cents : undefined;
}

/**
 * The changes, or the problems by field. `names`: the client's other scenarios' names (a new name must
 * not take one of theirs by mistake; saving under a name replaces that scenario).
 */
export function checkDraft(
  d: Draft,
  today: string,
  names: readonly string[],
): { changes?: ScenarioChange[]; problems: DraftProblems } {
  const problems: DraftProblems = {};
  const name = d.name.trim();
  if (name === '') problems.name = 'Give the scenario a name.';
  else if (name.length > scenarioNameMax)
    problems.name = `At most ${scenarioNameMax} characters (this is ${name.length}).`;
  else if (names.some((n) => n.toLowerCase() === name.toLowerCase()))
    problems.name = `There is already a scenario called “${name}”: pick another name, or edit that one.`;
  if (d.changes.length === 0) problems.changes = 'Add at least one change.';
  const at = (c: DraftChange, field: string, text: string) => {
    problems[`${c.key}.${field}`] ??= text;
  };
  const date = (c: DraftChange, field: string, value: string, notPast = true) => {
    if (value === '') at(c, field, 'Pick a date.');
    else if (!isIsoDay(value)) at(c, field, 'That is not a date.');
    else if (notPast && value < today) at(c, field, 'Pick today or a later date.');
  };
  const amount = (c: DraftChange & { amountText: string; direction: Direction }) => {
    const cents = parseAmount(c.amountText);
    if (cents === undefined) at(c, 'amount', 'Enter an amount like 1250 or 1250.50.');
    return (c.direction === 'out' ? -1 : 1) * (cents ?? 0);
  };
  const bills = new Set<string>();
  const invoices = new Set<string>();
  const changes: ScenarioChange[] = [];
  for (const c of d.changes) {
    switch (c.kind) {
      case 'delay-bill': {
        if (c.billId === '') at(c, 'bill', 'Pick a bill.');
        else if (bills.has(c.billId)) at(c, 'bill', 'This bill is already changed above.');
        bills.add(c.billId);
        if (c.how === 'date') {
          date(c, 'date', c.date);
          changes.push({ kind: 'delay-bill', billId: c.billId, date: c.date });
        } else {
          const n = parseDays(c.daysText);
          if (n === undefined || n === 0 || Math.abs(n) > 366)
            at(c, 'days', 'Enter a whole number of days from 1 to 366 (−7 for earlier).');
          changes.push({ kind: 'delay-bill-by', billId: c.billId, days: n ?? 0 });
        }
        break;
      }
      case 'invoice-paid':
        if (c.invoiceId === '') at(c, 'invoice', 'Pick an invoice.');
        else if (invoices.has(c.invoiceId))
          at(c, 'invoice', 'This invoice is already changed above.');
        invoices.add(c.invoiceId);
        date(c, 'date', c.date);
        changes.push({ kind: 'invoice-paid', invoiceId: c.invoiceId, date: c.date });
        break;
      case 'one-off': {
        const cents = amount(c);
        date(c, 'date', c.date);
        const label = c.label.trim();
        changes.push({
          kind: 'one-off',
          amountCents: cents,
          date: c.date,
          ...(label && { label }),
        });
        break;
      }
      case 'recurring': {
        const cents = amount(c);
        date(c, 'from', c.from, false);
        if (c.until !== '') {
          date(c, 'until', c.until);
          if (isIsoDay(c.from) && isIsoDay(c.until) && c.until < c.from)
            at(c, 'until', 'The end is before the start.');
        }
        const label = c.label.trim();
        changes.push({
          kind: 'recurring',
          amountCents: cents,
          cadence: c.cadence,
          from: c.from,
          ...(c.until !== '' && { until: c.until }),
          ...(label && { label }),
        });
        break;
      }
    }
  }
  return Object.keys(problems).length > 0 ? { problems } : { changes, problems };
}
