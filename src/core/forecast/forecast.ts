// One client's forecast from its books, the modules composed in order: habits from paid invoices,
// recurring items from the money history with the advisor's kept choices, the day-to-day rate from the
// trailing purchases less what recurring outflows explain, then the 91-day projection.
import { addDays } from '../dates.ts';
import { trailingSpendDays, explainedSpendCents } from './daily-rate.ts';
import { payingHabits, type PayingHabit, type PaidInvoice } from './habits.ts';
import {
  projectCash,
  type Forecast,
  type ForecastBill,
  type ForecastInput,
  type ForecastInvoice,
} from './projection.ts';
import {
  applyChoices,
  detectRecurring,
  type ChosenRecurringItem,
  type DatedTransaction,
  type RecurringChoice,
} from './recurring.ts';

export type ClientBooks = {
  today: string;
  openingCashCents: number;
  /** Open balances, home currency (runway.ts toHomeCents). */
  invoices: readonly ForecastInvoice[];
  bills: readonly ForecastBill[];
  paidInvoices: readonly PaidInvoice[];
  /** All dated money in and out (deposits, payments, purchases, bill payments), home currency. */
  transactions: readonly DatedTransaction[];
  /**
   * The day-to-day spend lines (Purchases, as runway.ts's burn), home currency. Bill payments stay out:
   * open bills are projected themselves, so past bill payments in the rate would count them twice.
   */
  purchases: readonly DatedTransaction[];
  choices: readonly RecurringChoice[];
};

export type ClientForecast = {
  forecast: Forecast;
  recurring: ChosenRecurringItem[];
  habits: Map<string, PayingHabit>;
  input: ForecastInput;
};

export function forecastClient(books: ClientBooks): ClientForecast {
  const { today } = books;
  const habits = payingHabits(books.paidInvoices);
  const detected = detectRecurring(books.transactions, today);
  const recurring = applyChoices(detected, books.choices);
  const from = addDays(today, -trailingSpendDays);
  let trailingSpendCents = 0;
  for (const p of books.purchases)
    if (p.direction === 'out' && p.date >= from && p.date < today)
      trailingSpendCents += p.amountCents;
  const input: ForecastInput = {
    today,
    openingCashCents: books.openingCashCents,
    invoices: books.invoices,
    bills: books.bills,
    habits,
    recurring,
    dayToDay: {
      trailingSpendCents,
      trailingDays: trailingSpendDays,
      explainedByRecurringCents: explainedSpendCents(detected, books.purchases, today),
    },
  };
  return { forecast: projectCash(input), recurring, habits, input };
}
