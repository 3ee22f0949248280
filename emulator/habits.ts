// Each customer pays its invoices by a habit (days after the due date): early about 5 days before, on
// time within a day, about 20 days late, or erratic (sometimes early, sometimes weeks late). The truth is
// kept on the books for the planted manifest. Late and erratic stay under 30 days, so no invoice is paid
// so late that it would add to the planted INVOICE_OVERDUE_30 problems.
import type { Gen, Party } from './generator.ts';
import type { Rng } from './names.ts';
import type { Habit } from './truth.ts';
import { addDays } from './wire.ts';

export const HABITS: readonly Habit[] = ['early', 'on_time', 'late', 'erratic'];

// Erratic payers go round this cycle (with a day or two of jitter), so any six of their payments spread
// over weeks: drawn at random they could, now and then, all land on one side and look like a habit.
const erratic = [-8, 18, -3, 26, 4, 12];

/** Days after the due date this payment comes, for a customer with this habit (`n`: its nth payment). */
export function habitOffset(r: Rng, habit: Habit, n: number): number {
  switch (habit) {
    case 'early':
      return -5 + r.int(-1, 1);
    case 'on_time':
      return r.int(-1, 1);
    case 'late':
      return 20 + r.int(-2, 2);
    case 'erratic':
      return (erratic[n % erratic.length] as number) + r.int(-2, 2);
  }
}

/** The date an invoice is paid: by the customer's habit (never before the invoice itself). */
export function habitPayDate(r: Rng, c: Party, txn: string, due: string): string {
  const n = (c.payments = (c.payments ?? 0) + 1);
  const pay = addDays(due, c.habit ? habitOffset(r, c.habit, n) : r.int(-12, 8));
  return pay < txn ? txn : pay;
}

/**
 * The first customer of each habit gets six more invoices, all dated 60 days or more ago (so paid even at
 * the latest habit on Net 30): at least six paid invoices, enough history to learn the habit from.
 */
export function plantHabitHistory(g: Gen): void {
  for (const habit of HABITS) {
    const c = g.customers.find((p) => p.habit === habit);
    if (!c) continue;
    for (let k = 0; k < 6; k++)
      g.planInvoice(c, addDays(g.today, -60 - 45 * k - g.r.int(0, 10)), g.r.cents(300, 3200));
  }
}
