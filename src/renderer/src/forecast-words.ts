// The forecast in the advisor's words: runway in days, the lowest point, what the projection rests on,
// and what a move of one bill does by the day. The console, the forecast tab and the chart's summary
// for screen readers say the same things the same way.
import type { DayImpact, ForecastView } from '../../core/forecast/view.ts';
import { percent, shortDate, signedMoney, wholeMoney } from './format.ts';

type Summary = Pick<ForecastView, 'runwayDays' | 'firstBelowZero' | 'lowest' | 'projection'>;

/** "Below zero today" → "below zero today", for use inside a sentence. */
export const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

const days = (n: number): string => (n === 1 ? '1 day' : `${n} days`);

/** The runway's headline and its detail: "38 days" / "below zero on Jan 8". */
export function runwayParts(f: Summary): { headline: string; detail: string } {
  if (f.runwayDays === null)
    return { headline: 'Beyond 13 weeks', detail: `above zero all ${f.projection.length} days` };
  if (f.runwayDays === 0) return { headline: '0 days', detail: 'below zero today' };
  return {
    headline: days(f.runwayDays),
    detail: `below zero on ${shortDate(f.firstBelowZero ?? f.lowest.date)}`,
  };
}

/** "38 days (below zero on Jan 8)", "0 days (below zero today)", "Beyond 13 weeks (…)". */
export function runwayWords(f: Summary): string {
  const { headline, detail } = runwayParts(f);
  return `${headline} (${detail})`;
}

/** "−$4,210 on Dec 22". */
export const lowestWords = (f: Summary, currency: string): string =>
  `${wholeMoney(f.lowest.cashCents, currency)} on ${shortDate(f.lowest.date)}`;

/**
 * What share of the projected money is a guess rather than a recorded date: invoices placed by the
 * customer's learned paying habit, recurring money nobody confirmed; and apart from the guesses, how much
 * sits on records with open problems (those can overlap the guesses, so they are not added to them).
 */
export function confidenceWords(c: ForecastView['confidence']): string {
  const guess = c.habitShare + c.recurringShare;
  const parts = [
    c.habitShare > 0 && `${percent(c.habitShare)} from customers’ paying habits`,
    c.recurringShare > 0 && `${percent(c.recurringShare)} from recurring money nobody confirmed`,
  ].filter(Boolean);
  const guessText =
    guess === 0
      ? 'None of the projected money is a guess: it all sits at recorded dates'
      : `${percent(guess)} of the projected money is a guess (${parts.join(', ')})`;
  const flagged =
    c.flaggedShare > 0
      ? `; ${percent(c.flaggedShare)} sits on records with open problems`
      : '; none sits on records with open problems';
  return `${guessText}${flagged}.`;
}

/** One sentence for the chart's screen-reader label: where cash goes, its lowest point, its runway. */
export function chartSummary(f: Summary, currency: string): string {
  const first = f.projection[0];
  const last = f.projection.at(-1);
  const span =
    first && last
      ? `Daily cash from ${shortDate(first.date)} to ${shortDate(last.date)}: ${wholeMoney(first.cashCents, currency)} today, ${wholeMoney(last.cashCents, currency)} at the end. `
      : '';
  const runway =
    f.runwayDays === null
      ? 'Cash stays above zero throughout.'
      : `Runway ${lowerFirst(runwayWords(f))}.`;
  return `${span}Lowest ${lowestWords(f, currency)}. ${runway}`;
}

/**
 * "lowest −$4,210 (−$1,200), runway 38 days (−3)": a move's effect by the day against the forecast as
 * it stands (`runwayBefore`, the forecast's runway in days, says what "no end" was before).
 */
export function impactWords(d: DayImpact, runwayBefore: number | null, currency: string): string {
  const change =
    Math.round(d.lowestChangeCents / 100) === 0
      ? 'no change'
      : signedMoney(d.lowestChangeCents, currency);
  const lowest = `lowest ${wholeMoney(d.lowestAfterCents, currency)} (${change})`;
  let runway: string;
  if (d.runwayAfterDays === null)
    runway =
      runwayBefore === null ? 'cash stays above zero' : 'cash now stays above zero throughout';
  else if (d.runwayChangeDays === null || runwayBefore === null)
    runway = `runway ${days(d.runwayAfterDays)} (was above zero throughout)`;
  else
    runway = `runway ${days(d.runwayAfterDays)} (${
      d.runwayChangeDays === 0
        ? 'no change'
        : d.runwayChangeDays > 0
          ? `+${d.runwayChangeDays}`
          : `\u2212${-d.runwayChangeDays}`
    })`;
  return `${lowest}, ${runway}`;
}

/**
 * "low until Jan 15 −$24,380 on Dec 10 (−$280)": what a move does to the days it changes (from the
 * earlier landing date to the later one), where the overall lowest point, often at the horizon's end,
 * does not move at all.
 */
export function meantimeWords(d: DayImpact, currency: string): string {
  const m = d.meantime;
  if (!m) return 'no day’s cash changes';
  const change = m.lowestAfter.cashCents - m.lowestBefore.cashCents;
  const changeText = Math.round(change / 100) === 0 ? 'no change' : signedMoney(change, currency);
  return `low until ${shortDate(m.until)} ${wholeMoney(m.lowestAfter.cashCents, currency)} on ${shortDate(m.lowestAfter.date)} (${changeText})`;
}
