import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays } from '../dates.ts';
import { cadences, stepFrom } from './cadence.ts';
import {
  applyChoices,
  choiceProblem,
  detectRecurring,
  projectRecurring,
  type DatedTransaction,
} from './recurring.ts';

const today = '2024-06-03';
const tx = (
  counterpartyId: string,
  date: string,
  amountCents: number,
  direction: 'in' | 'out' = 'out',
  name = counterpartyId,
): DatedTransaction => ({ counterpartyId, name, date, amountCents, direction });

// Rent on the 1st, paid up to two days either side.
const rent = ['2024-01-01', '2024-02-02', '2024-03-01', '2024-04-03', '2024-05-01'].map((d) =>
  tx('V-rent', d, 250_000, 'out', 'Landlord LLC'),
);
// Payroll every other Friday from 2024-03-08, a day early or late now and then, overtime varying.
const payroll = [
  ['2024-03-08', 800_000],
  ['2024-03-22', 790_000],
  ['2024-04-06', 810_000],
  ['2024-04-19', 800_000],
  ['2024-05-03', 805_000],
  ['2024-05-16', 795_000],
  ['2024-05-31', 800_000],
].map(([d, a]) => tx('E-payroll', d as string, a as number, 'out', 'Payroll'));
// A supplier bought from now and then.
const irregular = [
  ['2024-01-05', 12_000],
  ['2024-01-19', 40_000],
  ['2024-03-02', 9_000],
  ['2024-03-10', 12_500],
  ['2024-05-20', 30_000],
].map(([d, a]) => tx('V-misc', d as string, a as number));

describe('recurring detection', () => {
  it('finds a monthly rent paid with a couple of days of jitter', () => {
    const [item] = detectRecurring(rent, today);
    // Jitters against the previous occurrence + 1 month: 1, 1, 2, 2 → mean 1.5 of a 5-day tolerance.
    // Confidence = min(1, 5/6) × (1 - 1.5/10) = 0.7083 → 0.71.
    expect(item).toEqual({
      key: 'out:V-rent',
      counterpartyId: 'V-rent',
      name: 'Landlord LLC',
      direction: 'out',
      cadence: 'monthly',
      intervalDays: 30,
      amountCents: 250_000,
      lastDate: '2024-05-01',
      nextDate: '2024-06-01',
      occurrences: 5,
      confidence: 0.71,
    });
  });

  it('finds a biweekly payroll with jitter and a varying amount, at the median amount', () => {
    const [item] = detectRecurring(payroll, today);
    expect(item).toMatchObject({
      key: 'out:E-payroll',
      cadence: 'biweekly',
      intervalDays: 14,
      amountCents: 800_000,
      lastDate: '2024-05-31',
      nextDate: '2024-06-14',
      occurrences: 7,
    });
  });

  it('finds a regular customer as recurring money in', () => {
    const acme = ['2024-02-15', '2024-03-15', '2024-04-15', '2024-05-15'].map((d) =>
      tx('C-acme', d, 50_000, 'in'),
    );
    expect(detectRecurring(acme, today)).toMatchObject([
      { key: 'in:C-acme', direction: 'in', cadence: 'monthly', nextDate: '2024-06-15' },
    ]);
  });

  it('finds a quarterly loan payment', () => {
    const loan = ['2023-06-15', '2023-09-15', '2023-12-14', '2024-03-15'].map((d) =>
      tx('V-bank', d, 120_000),
    );
    expect(detectRecurring(loan, today)).toMatchObject([
      { cadence: 'quarterly', nextDate: '2024-06-15' },
    ]);
  });

  it('does not take an irregular supplier, an unstable amount, two occurrences, or a stopped series', () => {
    const utility = ['2024-03-01', '2024-04-01', '2024-05-01'].map((d, i) =>
      tx('V-util', d, [10_000, 30_000, 12_000][i]!),
    );
    const twice = ['2024-04-01', '2024-05-01'].map((d) => tx('V-two', d, 5_000));
    const stopped = ['2023-12-01', '2024-01-01', '2024-02-01'].map((d) => tx('V-gone', d, 5_000));
    const all = [...irregular, ...utility, ...twice, ...stopped, ...rent];
    expect(detectRecurring(all, today).map((i) => i.key)).toEqual(['out:V-rent']);
  });

  it('does not read a 5-day habit as weekly, nor a 12-day one as biweekly', () => {
    const every = (id: string, step: number) =>
      Array.from({ length: 6 }, (_, k) => tx(id, addDays('2024-05-01', step * k - 30), 1_000));
    expect(detectRecurring([...every('V-5', 5), ...every('V-12', 12)], today)).toEqual([]);
  });

  it('uses only the regular run ending at the latest occurrence (a rent rise starts a new run)', () => {
    const risen = [
      ...['2023-11-01', '2023-12-01', '2024-01-01'].map((d) => tx('V-rent', d, 200_000)),
      ...['2024-02-01', '2024-03-01', '2024-04-01', '2024-05-01'].map((d) =>
        tx('V-rent', d, 250_000),
      ),
    ];
    expect(detectRecurring(risen, today)).toMatchObject([{ amountCents: 250_000, occurrences: 4 }]);
  });

  it('ignores transactions dated today or later, and sums same-day payments', () => {
    const split = ['2024-03-01', '2024-04-01', '2024-05-01'].flatMap((d) => [
      tx('V-x', d, 1_000),
      tx('V-x', d, 2_000),
    ]);
    expect(detectRecurring([...split, tx('V-x', today, 99_999)], today)).toMatchObject([
      { amountCents: 3_000, occurrences: 3 },
    ]);
  });

  it('projects an item over the horizon from its last occurrence, an overdue one included', () => {
    const [item] = detectRecurring(rent, today);
    expect(projectRecurring(item!, today, 91).map((o) => o.date)).toEqual([
      '2024-06-01',
      '2024-07-01',
      '2024-08-01',
      '2024-09-01',
    ]);
  });

  it('detects any series scattered around a schedule within its jitter and amount tolerance', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...cadences),
        fc.integer({ min: 3, max: 10 }),
        fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 10, maxLength: 10 }),
        fc.array(fc.integer({ min: -40, max: 40 }), { minLength: 10, maxLength: 10 }),
        (rule, n, jitterSeeds, amountSeeds) => {
          // A schedule (from the 10th: no month-end clamping) with each date up to half the tolerance off it.
          const half = Math.floor(rule.toleranceDays / 2);
          const dates = Array.from({ length: n }, (_, i) =>
            addDays(
              i === 0 ? '2023-01-10' : stepFrom('2023-01-10', rule.cadence, i),
              Math.round((jitterSeeds[i]! / 1000) * half),
            ),
          );
          // Within ±4% of 100 000: any two within 10% of each other.
          const series = dates.map((d, i) => tx('P', d, 100_000 + amountSeeds[i]! * 100));
          const asOf = addDays(stepFrom(dates[n - 1]!, rule.cadence, 1), 1);
          const found = detectRecurring(series, asOf);
          expect(found).toHaveLength(1);
          expect(found[0]).toMatchObject({ cadence: rule.cadence, occurrences: n, key: 'out:P' });
        },
      ),
    );
  });
});

describe('advisor choices on recurring items', () => {
  const items = detectRecurring([...rent, ...payroll], today);

  it('keeps each item expected until the advisor confirms, changes or ignores it', () => {
    const chosen = applyChoices(items, [
      { key: 'out:V-rent', choice: 'ignore' },
      { key: 'out:V-rent', choice: 'amount', amountCents: 260_000 },
      { key: 'out:Gone', choice: 'confirm' },
    ]);
    expect(chosen.map((i) => [i.key, i.state, i.amountCents, i.detectedAmountCents])).toEqual([
      ['out:E-payroll', 'expected', 800_000, 800_000],
      ['out:V-rent', 'changed', 260_000, 250_000],
    ]);
    expect(applyChoices(items, [{ key: 'out:E-payroll', choice: 'confirm' }])[0]!.state).toBe(
      'confirmed',
    );
    expect(applyChoices(items, [{ key: 'out:E-payroll', choice: 'ignore' }])[0]!.state).toBe(
      'ignored',
    );
  });

  it('keeps the choice across a new occurrence (the key is who and which way)', () => {
    const later = detectRecurring([...rent, tx('V-rent', '2024-06-01', 250_000)], '2024-06-10');
    expect(later[0]!.key).toBe(items[1]!.key);
    expect(applyChoices(later, [{ key: 'out:V-rent', choice: 'confirm' }])[0]!.state).toBe(
      'confirmed',
    );
  });

  it('refuses a changed amount that is not whole cents, in one line, and leaves the item as it was', () => {
    const bad = { key: 'out:V-rent', choice: 'amount', amountCents: -5 } as const;
    expect(choiceProblem(bad)).toBe(
      'amount for out:V-rent must be a whole number of cents, zero or more',
    );
    expect(applyChoices(items, [bad])[1]!.state).toBe('expected');
  });
});
