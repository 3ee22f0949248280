// The forecast's confidence as words (issue 12 §5), instead of a bare "92%".
//
// "Guesses" are the money placed on what nobody has checked: recurring items the forecast found and the
// advisor has not confirmed or changed, and records the tray flags. The two never overlap (a recurring
// occurrence is no record). Invoices placed by a customer's learned paying habit are said beside, not
// counted as guesses: a habit is learned from that customer's own paid invoices.
//
//   High    less than 15% of the money placed rests on guesses
//   Medium  15% to less than 40%
//   Low     40% or more
import type { Forecast } from '../forecast/projection.ts';

export type ConfidenceLevel = 'High' | 'Medium' | 'Low';

export type ConfidenceWords = {
  level: ConfidenceLevel;
  /** Share of the money placed that rests on guesses (0..1). */
  guessShare: number;
  /** "High: 8% rests on guesses" */
  headline: string;
  /** What the guesses are, and how much rests on paying habits. */
  detail: string;
};

export const highBelow = 0.15;
export const mediumBelow = 0.4;

const pct = (share: number) => `${Math.round(share * 100)}%`;

export function confidenceWords(c: Forecast['confidence']): ConfidenceWords {
  const guessShare = Math.min(1, c.flaggedShare + c.recurringShare);
  // On the rounded percent the page prints, so "15%" never reads High.
  const shown = Math.round(guessShare * 100);
  const level: ConfidenceLevel =
    shown < highBelow * 100 ? 'High' : shown < mediumBelow * 100 ? 'Medium' : 'Low';
  const parts = [
    `${pct(c.recurringShare)} unconfirmed recurring money`,
    `${pct(c.flaggedShare)} records the tray flags`,
  ];
  return {
    level,
    guessShare,
    headline: `${level}: ${pct(guessShare)} rests on guesses`,
    detail: `Guesses: ${parts.join(', ')}. ${pct(c.habitShare)} is placed by customers’ paying habits.`,
  };
}
