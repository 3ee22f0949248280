import { describe, expect, it } from 'vitest';
import { addDays } from '../dates.ts';
import { forecastClient, type ClientBooks } from './forecast.ts';
import type { DatedTransaction } from './recurring.ts';

const today = '2024-06-03';
const out = (counterpartyId: string, date: string, amountCents: number): DatedTransaction => ({
  counterpartyId,
  name: counterpartyId,
  date,
  amountCents,
  direction: 'out',
});
// Purchases: a software subscription on the 3rd of each month (the 12-week window 03-11..06-02 holds
// 04-03 and 05-03) and a 1 000 coffee every day of the window.
const subscription = ['2024-02-03', '2024-03-03', '2024-04-03', '2024-05-03'].map((d) =>
  out('V-soft', d, 30_000),
);
const coffee = Array.from({ length: 84 }, (_, k) => out('V-cafe', addDays(today, -84 + k), 1_000));
const books: ClientBooks = {
  today,
  openingCashCents: 500_000,
  invoices: [
    { qboId: 'I1', dueDate: '2024-06-10', amountCents: 100_000, customerId: 'C1', flagged: false },
  ],
  bills: [],
  paidInvoices: ['2024-01-10', '2024-02-10', '2024-03-10'].map((d) => ({
    customerId: 'C1',
    dueDate: d,
    paidDate: addDays(d, 5),
  })),
  transactions: [...subscription, ...coffee],
  purchases: [...subscription, ...coffee],
  choices: [],
};

describe('one client forecast from its books', () => {
  it('learns the habit, finds the subscription, and spreads only the rest of the spending daily', () => {
    const { forecast, recurring } = forecastClient(books);
    expect(recurring.map((r) => [r.key, r.cadence, r.state])).toEqual([
      ['out:V-soft', 'monthly', 'expected'],
    ]);
    // Coffee every day is not a cadence: it stays in the day-to-day rate.
    // Window spend 84 000 coffee + 60 000 subscription; the subscription explains 60 000 → 1 000 a day.
    expect(forecast.dailySpendCents).toBe(1_000);
    // Day 0: subscription due 06-03 (30 000) + 1 000 → 469 000; invoice due 06-10 + 5 days → 06-15 (day 12).
    expect(forecast.projection[0]!.cashCents).toBe(469_000);
    expect(forecast.placements.find((p) => p.id === 'I1')).toMatchObject({
      date: '2024-06-15',
      basis: 'habit',
    });
  });

  it('keeps the advisor ignoring the subscription: it leaves the projection and the daily rate', () => {
    const { forecast } = forecastClient({
      ...books,
      choices: [{ key: 'out:V-soft', choice: 'ignore' }],
    });
    expect(forecast.dailySpendCents).toBe(1_000);
    expect(forecast.projection[0]!.cashCents).toBe(499_000);
  });
});
