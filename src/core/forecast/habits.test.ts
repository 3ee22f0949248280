import { describe, expect, it } from 'vitest';
import {
  expectedPayDate,
  payingHabit,
  payingHabits,
  quantile,
  type PaidInvoice,
} from './habits.ts';

const paid = (customerId: string, dueDate: string, paidDate: string): PaidInvoice => ({
  customerId,
  dueDate,
  paidDate,
});

describe('paying habit', () => {
  it('learns the median days late and the interquartile spread', () => {
    // Days late: 2, 5, 9, 30 → median (5+9)/2 = 7; Q1 = 2 + 3×0.75 = 4.25; Q3 = 9 + 21×0.25 = 14.25.
    const history = [
      paid('C1', '2024-01-10', '2024-01-12'),
      paid('C1', '2024-02-10', '2024-02-15'),
      paid('C1', '2024-03-10', '2024-03-19'),
      paid('C1', '2024-04-10', '2024-05-10'),
      paid('C2', '2024-04-10', '2024-04-01'),
    ];
    expect(payingHabit('C1', history)).toEqual({
      customerId: 'C1',
      basis: 'habit',
      medianDaysLate: 7,
      spreadDays: 10,
      sampleSize: 4,
    });
    expect(expectedPayDate('2024-06-10', payingHabit('C1', history))).toBe('2024-06-17');
  });

  it('learns an early payer as negative days', () => {
    const history = [
      paid('C3', '2024-01-10', '2024-01-07'),
      paid('C3', '2024-02-10', '2024-02-08'),
      paid('C3', '2024-03-10', '2024-03-08'),
    ];
    const habit = payingHabit('C3', history);
    expect(habit.medianDaysLate).toBe(-2);
    expect(expectedPayDate('2024-06-10', habit)).toBe('2024-06-08');
  });

  it('rounds half a day later, so cash is never counted on early', () => {
    // Days late 1, 2, 3, 4 → median 2.5 → 3 days.
    const history = [1, 2, 3, 4].map((d) => paid('C4', '2024-01-01', `2024-01-0${1 + d}`));
    expect(payingHabit('C4', history).medianDaysLate).toBe(2.5);
    expect(expectedPayDate('2024-06-10', payingHabit('C4', history))).toBe('2024-06-13');
  });

  it('falls back to the due date below 3 paid invoices, and says so', () => {
    const history = [
      paid('C5', '2024-01-10', '2024-02-10'),
      paid('C5', '2024-02-10', '2024-03-10'),
    ];
    const habit = payingHabit('C5', history);
    expect(habit).toEqual({
      customerId: 'C5',
      basis: 'due-date',
      medianDaysLate: 0,
      spreadDays: 0,
      sampleSize: 2,
    });
    expect(expectedPayDate('2024-06-10', habit)).toBe('2024-06-10');
    expect(expectedPayDate('2024-06-10', undefined)).toBe('2024-06-10');
  });

  it('keys every customer', () => {
    const habits = payingHabits([
      paid('A', '2024-01-01', '2024-01-01'),
      paid('B', '2024-01-01', '2024-01-02'),
    ]);
    expect([...habits.keys()].sort()).toEqual(['A', 'B']);
    expect(habits.get('A')?.basis).toBe('due-date');
  });

  it('quantiles interpolate between sorted values', () => {
    expect(quantile([1, 2, 3, 4, 5], 0.5)).toBe(3);
    expect(quantile([10], 0.25)).toBe(10);
    expect(quantile([], 0.5)).toBe(0);
  });
});
