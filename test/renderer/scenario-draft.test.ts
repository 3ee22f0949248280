// The scenario form's checks (the forecast tab): one line per wrong field, in the field's own words, and
// the changes scenarios:save takes when nothing is wrong; a saved scenario comes back into the form whole.
import { describe, expect, it } from 'vitest';
import type { ScenarioChange } from '../../src/core/forecast/scenario.ts';
import {
  checkDraft,
  draftOf,
  newChange,
  parseAmount,
  type DraftChange,
} from '../../src/renderer/src/scenario-draft.ts';

const today = '2026-12-02';
const change = <K extends DraftChange['kind']>(
  kind: K,
  over: Partial<Extract<DraftChange, { kind: K }>>,
) => ({ ...newChange(kind), ...over }) as DraftChange;

describe('the scenario form', () => {
  it('reads amounts with commas and a dollar sign, and refuses zero or words', () => {
    expect(parseAmount('1,250.50')).toBe(125_050);
    expect(parseAmount('$5000')).toBe(500_000);
    expect(parseAmount('0')).toBeUndefined();
    expect(parseAmount('12.345')).toBeUndefined();
    expect(parseAmount('twelve')).toBeUndefined();
  });

  it('names each wrong field once, keyed by its change', () => {
    const delay = change('delay-bill', { billId: '', how: 'days', daysText: '0' });
    const paid = change('invoice-paid', { invoiceId: '601', date: '2026-11-30' });
    const monthly = change('recurring', {
      amountText: '',
      from: '2026-11-01',
      until: '2026-10-01',
    });
    const { changes, problems } = checkDraft(
      { name: '  ', changes: [delay, paid, monthly] },
      today,
      [],
    );
    expect(changes).toBeUndefined();
    expect(problems).toEqual({
      name: 'Give the scenario a name.',
      [`${delay.key}.bill`]: 'Pick a bill.',
      [`${delay.key}.days`]: 'Enter a whole number of days from 1 to 366 (−7 for earlier).',
      [`${paid.key}.date`]: 'Pick today or a later date.',
      [`${monthly.key}.amount`]: 'Enter an amount like 1250 or 1250.50.',
      // A recurring amount may have started already; its end may not have passed.
      [`${monthly.key}.until`]: 'Pick today or a later date.',
    });
  });

  it('refuses no changes, a name already taken and a bill changed twice', () => {
    const a = change('delay-bill', { billId: '131', how: 'date', date: '2027-01-05' });
    const b = change('delay-bill', { billId: '131', how: 'days', daysText: '7' });
    expect(checkDraft({ name: 'Van', changes: [] }, today, []).problems).toEqual({
      changes: 'Add at least one change.',
    });
    expect(checkDraft({ name: 'van', changes: [a, b] }, today, ['Van']).problems).toEqual({
      name: 'There is already a scenario called “van”: pick another name, or edit that one.',
      [`${b.key}.bill`]: 'This bill is already changed above.',
    });
  });

  it('turns the fields into the changes scenarios:save takes: money out negative, labels trimmed', () => {
    const { changes, problems } = checkDraft(
      {
        name: ' Slow month ',
        changes: [
          change('delay-bill', { billId: '131', how: 'days', daysText: '-7' }),
          change('invoice-paid', { invoiceId: '601', date: '2027-01-05' }),
          change('one-off', {
            direction: 'out',
            amountText: '5,000',
            date: today,
            label: ' van ',
          }),
          change('recurring', {
            direction: 'in',
            amountText: '2000.50',
            cadence: 'biweekly',
            from: '2026-11-20',
          }),
        ],
      },
      today,
      [],
    );
    expect(problems).toEqual({});
    expect(changes).toEqual([
      { kind: 'delay-bill-by', billId: '131', days: -7 },
      { kind: 'invoice-paid', invoiceId: '601', date: '2027-01-05' },
      { kind: 'one-off', amountCents: -500_000, date: today, label: 'van' },
      { kind: 'recurring', amountCents: 200_050, cadence: 'biweekly', from: '2026-11-20' },
    ]);
  });

  it('brings a saved scenario back into the form and out again unchanged', () => {
    const saved: ScenarioChange[] = [
      { kind: 'delay-bill', billId: '131', date: '2027-01-05' },
      { kind: 'delay-bill-by', billId: '132', days: 14 },
      { kind: 'invoice-paid', invoiceId: '601', date: '2027-01-05' },
      { kind: 'one-off', amountCents: 12_345, date: today },
      {
        kind: 'recurring',
        amountCents: -100_000,
        cadence: 'monthly',
        from: '2026-12-31',
        until: '2027-02-28',
        label: 'loan',
      },
    ];
    expect(checkDraft({ name: 'Back', changes: saved.map(draftOf) }, today, [])).toEqual({
      changes: saved,
      problems: {},
    });
  });
});
