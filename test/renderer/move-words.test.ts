// The bulk re-date's words and checks (the console's bar), on hand-made figures: what typed days or a
// date mean, when they are refused, and the before → after effect including the days the moves change.
import { describe, expect, it } from 'vitest';
import type { ForecastSummary } from '../../src/core/forecast/scenario-view.ts';
import {
  effectParts,
  howMoved,
  movesOf,
  parseDays,
  targetProblem,
} from '../../src/renderer/src/move-words.ts';

const today = '2026-12-02';
const days = (d: string) => ({ mode: 'days' as const, daysText: d, date: '' });

/** Five days of cash from Dec 2 (runway: the first index below zero). */
function summary(cash: number[]): ForecastSummary {
  const projection = cash.map((c, k) => ({
    date: `2026-12-0${k + 2}`,
    cashCents: c,
    inCents: 0,
    outCents: 0,
  }));
  const low = projection.reduce((a, b) => (b.cashCents < a.cashCents ? b : a));
  const below = projection.findIndex((d) => d.cashCents < 0);
  return {
    projection,
    lowest: { date: low.date, cashCents: low.cashCents },
    runwayDays: below < 0 ? null : below,
    firstBelowZero: below < 0 ? null : projection[below]!.date,
  };
}

describe('the bulk re-date in words', () => {
  it('reads typed days with a sign, and refuses what is not a whole number of days', () => {
    expect(parseDays('7')).toBe(7);
    expect(parseDays(' +14 ')).toBe(14);
    expect(parseDays('-7')).toBe(-7);
    expect(parseDays('\u22127')).toBe(-7);
    expect(parseDays('1.5')).toBeUndefined();
    expect(parseDays('a week')).toBeUndefined();
    const refusal = 'Enter a whole number of days from 1 to 366 (−7 moves them a week earlier).';
    for (const t of ['0', '', 'seven', '367'])
      expect(targetProblem(days(t), today)).toEqual({ field: 'days', text: refusal });
    expect(targetProblem(days('366'), today)).toBeUndefined();
  });

  it('refuses a missing or past date and accepts today', () => {
    const to = (date: string) => ({ mode: 'date' as const, daysText: '7', date });
    expect(targetProblem(to(''), today)?.text).toBe('Pick the date to pay them on.');
    expect(targetProblem(to('2026-12-01'), today)?.text).toBe('Pick today or a later date.');
    expect(targetProblem(to('2026-02-30'), today)?.text).toBe('That is not a date.');
    expect(targetProblem(to(today), today)).toBeUndefined();
    // Pay now needs nothing typed, whatever the fields hold.
    expect(targetProblem({ mode: 'pay-now', daysText: 'x', date: '' }, today)).toBeUndefined();
  });

  it('makes one move per bill in the chosen way, none while the way is wrong', () => {
    expect(movesOf(['1', '2'], days('7'), today)).toEqual([
      { billId: '1', to: 'days', days: 7 },
      { billId: '2', to: 'days', days: 7 },
    ]);
    expect(movesOf(['1'], { mode: 'date', daysText: '', date: '2027-01-05' }, today)).toEqual([
      { billId: '1', to: 'date', date: '2027-01-05' },
    ]);
    expect(movesOf(['1'], { mode: 'pay-now', daysText: '', date: '' }, today)).toEqual([
      { billId: '1', to: 'pay-now' },
    ]);
    expect(movesOf(['1'], days('0'), today)).toBeUndefined();
    expect(howMoved(days('1'))).toBe('moved 1 day later');
    expect(howMoved(days('-7'))).toBe('moved 7 days earlier');
    expect(howMoved({ mode: 'date', daysText: '', date: '2027-01-05' })).toBe('moved to Jan 5');
  });

  it('says the runway, the lowest point and the low of the days the moves change, before → after', () => {
    // A $300 bill moved from Dec 3 to Dec 5: Dec 3 and Dec 4 hold $300 more.
    const before = summary([100_00, -200_00, -250_00, -250_00, -400_00]);
    const after = summary([100_00, 100_00, 50_00, -250_00, -400_00]);
    expect(effectParts(before, after, 'USD')).toEqual({
      runway: '1 day \u2192 3 days (+2)',
      lowest: '\u2212\u2060$400 on Dec 6 \u2192 \u2212\u2060$400 on Dec 6 (no change)',
      meantime: {
        until: 'Dec 5',
        low: '\u2212\u2060$250 on Dec 4 \u2192 $50 on Dec 4 (+\u2060$300)',
      },
    });
    const never = summary([100_00, 100_00, 100_00, 100_00, 100_00]);
    expect(effectParts(never, never, 'USD')).toEqual({
      runway: 'beyond 13 weeks \u2192 beyond 13 weeks',
      lowest: '$100 on Dec 2 \u2192 $100 on Dec 2 (no change)',
    });
  });
});
