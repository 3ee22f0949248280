// Each customer's paying habit (issue 12 §1): how many days after the due date this customer pays,
// learned from the customer's paid invoices. Syft-style: the median lateness places the next open
// invoice; the interquartile range says how steady the customer is. Below `minHabitHistory` paid
// invoices the history is too thin to learn from, so the due date places the invoice and the habit
// says so (`basis: 'due-date'`), letting the forecast's confidence count what rests on learned habits.
import { addDays, daysBetween } from '../dates.ts';

export const minHabitHistory = 3;

export type PaidInvoice = { customerId: string; dueDate: string; paidDate: string };

export type PayingHabit = {
  customerId: string;
  basis: 'habit' | 'due-date';
  /** Median days paid after the due date (negative = early); 0 under the due-date basis. */
  medianDaysLate: number;
  /** Interquartile range of the days late (0 under the due-date basis). */
  spreadDays: number;
  /** Paid invoices the habit is learned from (also reported when too few to use). */
  sampleSize: number;
};

/** Quantile by linear interpolation between the sorted values (the common "type 7" definition). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** One customer's habit from their paid invoices (invoices of other customers are ignored). */
export function payingHabit(customerId: string, paid: readonly PaidInvoice[]): PayingHabit {
  const late = paid
    .filter((p) => p.customerId === customerId)
    .map((p) => daysBetween(p.dueDate, p.paidDate))
    .sort((a, b) => a - b);
  if (late.length < minHabitHistory)
    return {
      customerId,
      basis: 'due-date',
      medianDaysLate: 0,
      spreadDays: 0,
      sampleSize: late.length,
    };
  return {
    customerId,
    basis: 'habit',
    medianDaysLate: quantile(late, 0.5),
    spreadDays: quantile(late, 0.75) - quantile(late, 0.25),
    sampleSize: late.length,
  };
}

/** Every customer's habit, keyed by customer id. */
export function payingHabits(paid: readonly PaidInvoice[]): Map<string, PayingHabit> {
  const ids = new Set(paid.map((p) => p.customerId));
  return new Map([...ids].map((id) => [id, payingHabit(id, paid)]));
}

/**
 * The date an open invoice is expected to be paid: due date plus the customer's median lateness,
 * rounded to a whole day (half a day rounds later: a forecast should not count on cash early).
 */
export function expectedPayDate(dueDate: string, habit: PayingHabit | undefined): string {
  if (!habit || habit.basis === 'due-date') return dueDate;
  return addDays(dueDate, Math.ceil(habit.medianDaysLate - 1e-9));
}
