import { describe, expect, it } from 'vitest';
import { confidenceWords } from './confidence.ts';

const c = (flaggedShare: number, recurringShare: number, habitShare = 0) =>
  confidenceWords({ flaggedShare, recurringShare, habitShare });

describe('confidence in words', () => {
  it('counts unconfirmed recurring money and flagged records as guesses, habits beside', () => {
    expect(c(0.03, 0.05, 0.4)).toMatchObject({
      level: 'High',
      headline: 'High: 8% rests on guesses',
      detail:
        'Guesses: 5% unconfirmed recurring money, 3% records the tray flags. 40% is placed by customers’ paying habits.',
    });
  });

  it('is High under 15%, Medium under 40%, Low from 40%, on the percent it prints', () => {
    expect(c(0, 0.144).level).toBe('High');
    expect(c(0, 0.146).level).toBe('Medium'); // prints 15%
    expect(c(0.2, 0.194).level).toBe('Medium');
    expect(c(0.2, 0.2).level).toBe('Low');
    expect(c(0.9, 0.9)).toMatchObject({ level: 'Low', guessShare: 1 });
  });
});
