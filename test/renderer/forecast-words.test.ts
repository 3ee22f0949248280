// The forecast in the advisor's words (what the console, the forecast tab and the chart's label say),
// checked on hand-made figures: signs, rounding, the "no end" cases, other currencies.
import { describe, expect, it } from 'vitest';
import {
  confidenceWords,
  impactWords,
  meantimeWords,
  runwayWords,
} from '../../src/renderer/src/forecast-words.ts';
import { compactMoney, shortDate, signedMoney, wholeMoney } from '../../src/renderer/src/format.ts';

const impact = (over: Partial<Parameters<typeof impactWords>[0]>) => ({
  lowestChangeCents: 0,
  runwayChangeDays: 0,
  lowestAfterCents: 0,
  lowestAfterDate: '2026-12-22',
  runwayAfterDays: null,
  meantime: null,
  ...over,
});

describe('the forecast in words', () => {
  it('writes amounts in whole units with a true minus sign, and compact ones for the axis', () => {
    // A word joiner (U+2060) glues the sign to the amount: the screen never breaks a line between them.
    expect(wholeMoney(-421_049)).toBe('−\u2060$4,210');
    expect(wholeMoney(49)).toBe('$0');
    expect(wholeMoney(-49)).toBe('$0'); // rounds to zero: no "−$0"
    expect(signedMoney(120_000)).toBe('+\u2060$1,200');
    expect(signedMoney(-120_000)).toBe('−\u2060$1,200');
    expect(wholeMoney(123_456, 'EUR')).toBe('€1,235');
    expect(compactMoney(-1_500_000)).toBe('−$15K');
    expect(compactMoney(0)).toBe('$0');
    expect(compactMoney(250_000_000, 'GBP')).toBe('£2.5M');
    expect(shortDate('2026-12-07')).toBe('Dec 7');
    expect(shortDate('2027-01-31')).toBe('Jan 31');
  });

  it('says what paying now or delaying does to the lowest point and the runway', () => {
    expect(
      impactWords(
        impact({
          lowestChangeCents: -120_000,
          lowestAfterCents: -421_000,
          runwayChangeDays: -3,
          runwayAfterDays: 38,
        }),
        41,
        'USD',
      ),
    ).toBe('lowest −\u2060$4,210 (−\u2060$1,200), runway 38 days (−3)');
    expect(impactWords(impact({ lowestAfterCents: 500_000, runwayAfterDays: 41 }), 41, 'USD')).toBe(
      'lowest $5,000 (no change), runway 41 days (no change)',
    );
    // Cash that never went below zero still does not.
    expect(impactWords(impact({ runwayChangeDays: null }), null, 'USD')).toBe(
      'lowest $0 (no change), cash stays above zero',
    );
    // A delay that keeps cash above zero for the whole horizon, where it went below before.
    expect(
      impactWords(impact({ lowestChangeCents: 90_000, runwayChangeDays: null }), 12, 'USD'),
    ).toBe('lowest $0 (+\u2060$900), cash now stays above zero throughout');
    // Paying now sends cash below zero where it never went before.
    expect(impactWords(impact({ runwayChangeDays: null, runwayAfterDays: 1 }), null, 'USD')).toBe(
      'lowest $0 (no change), runway 1 day (was above zero throughout)',
    );
  });

  it('says what a move does to the days in between: their low before the later date', () => {
    const meantime = {
      from: '2026-12-02',
      until: '2027-01-15',
      lowestBefore: { date: '2026-12-10', cashCents: -2_410_000 },
      lowestAfter: { date: '2026-12-10', cashCents: -2_438_000 },
    };
    expect(meantimeWords(impact({ meantime }), 'USD')).toBe(
      'low until Jan 15 −\u2060$24,380 on Dec 10 (−\u2060$280)',
    );
    // Paying an overdue bill now: the forecast already places it today, so no day moves.
    expect(meantimeWords(impact({}), 'USD')).toBe('no day’s cash changes');
  });

  it('says the runway in days and what share of the projection is a guess', () => {
    const f = {
      runwayDays: 10,
      firstBelowZero: '2026-12-11',
      lowest: { date: '2027-03-01', cashCents: -1 },
      projection: new Array(91).fill({}),
    };
    expect(runwayWords(f)).toBe('10 days (below zero on Dec 11)');
    expect(runwayWords({ ...f, runwayDays: 0 })).toBe('0 days (below zero today)');
    expect(runwayWords({ ...f, runwayDays: null, firstBelowZero: null })).toBe(
      'Beyond 13 weeks (above zero all 91 days)',
    );
    expect(confidenceWords({ flaggedShare: 0.02, habitShare: 0.3, recurringShare: 0.07 })).toBe(
      '37% of the projected money is a guess (30% from customers’ paying habits, 7% from recurring money nobody confirmed); 2% sits on records with open problems.',
    );
    expect(confidenceWords({ flaggedShare: 0, habitShare: 0, recurringShare: 0 })).toBe(
      'None of the projected money is a guess: it all sits at recorded dates; none sits on records with open problems.',
    );
  });
});
