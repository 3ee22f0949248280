import { describe, expect, it } from 'vitest';
import { dailySpendRate, explainedSpendCents, spendOnDay } from './daily-rate.ts';
import { detectRecurring, type DatedTransaction } from './recurring.ts';

const today = '2024-06-03';
const out = (counterpartyId: string, date: string, amountCents: number): DatedTransaction => ({
  counterpartyId,
  name: counterpartyId,
  date,
  amountCents,
  direction: 'out',
});

describe('day-to-day spending rate', () => {
  it('spreads the trailing spend not explained by recurring outflows evenly over the days', () => {
    // 12 weeks: 420 000 spent, of which rent 3 × 84 000 = 252 000 → (420 000 - 252 000) / 84 = 2 000 a day.
    expect(
      dailySpendRate({
        trailingSpendCents: 420_000,
        trailingDays: 84,
        explainedByRecurringCents: 252_000,
      }),
    ).toBe(2_000);
    expect(
      dailySpendRate({
        trailingSpendCents: 1_000,
        trailingDays: 84,
        explainedByRecurringCents: 5_000,
      }),
    ).toBe(0);
    expect(
      dailySpendRate({ trailingSpendCents: 1_000, trailingDays: 0, explainedByRecurringCents: 0 }),
    ).toBe(0);
  });

  it('rounds each day to whole cents with no drift over the horizon', () => {
    const rate = 100 / 3; // 33.33… cents a day
    const days = Array.from({ length: 91 }, (_, k) => spendOnDay(rate, k));
    expect(days.slice(0, 3)).toEqual([33, 34, 33]);
    expect(days.reduce((a, b) => a + b, 0)).toBe(Math.round(rate * 91));
  });

  it('explains the trailing spend by the detected outflows inside the window only', () => {
    const rentDays = ['2024-03-01', '2024-04-01', '2024-05-01'];
    const transactions = [
      ...rentDays.map((d) => out('V-rent', d, 84_000)),
      out('V-rent', '2024-03-10', 1_000), // the landlord's other charge: same counterparty, so it counts once inside the window
      out('V-rent', '2024-03-09', 7_000), // window for 84 days: [2024-03-11, 2024-06-02]
      out('V-misc', '2024-05-05', 9_000), // not recurring
    ];
    const items = detectRecurring(
      transactions.filter((t) => rentDays.includes(t.date)),
      today,
    );
    // Window starts today - 84 = 2024-03-11: only April and May rent are in it.
    expect(explainedSpendCents(items, transactions, today)).toBe(168_000);
    expect(explainedSpendCents(items, transactions, today, 100)).toBe(84_000 * 3 + 1_000 + 7_000);
  });
});
