import type { ForecastView } from '../../../core/forecast/view.ts';
import { confidenceWords, runwayParts } from '../forecast-words.ts';
import { shortDate, wholeMoney } from '../format.ts';

/** The forecast's headline: cash today, runway in days, the lowest point, and what it rests on. */
export function ForecastSummary({ forecast: f }: { forecast: ForecastView }) {
  const c = f.homeCurrency;
  const runway = runwayParts(f);
  return (
    <div className="summary forecast-summary">
      <div>
        <span className="muted small">Cash today</span>
        <strong aria-label="Cash today">{wholeMoney(f.openingCashCents, c)}</strong>
      </div>
      <div>
        <span className="muted small">Runway</span>
        <strong aria-label="Runway" className={f.runwayDays === null ? '' : 'negative'}>
          {runway.headline}
        </strong>
        <span className="muted small">{runway.detail}</span>
      </div>
      <div>
        <span className="muted small">Lowest point</span>
        <strong aria-label="Lowest point" className={f.lowest.cashCents < 0 ? 'negative' : ''}>
          {wholeMoney(f.lowest.cashCents, c)}
        </strong>
        <span className="muted small">on {shortDate(f.lowest.date)}</span>
      </div>
      <div className="summary-wide">
        <span className="muted small">What it rests on</span>
        <span aria-label="Confidence" className="small">
          {confidenceWords(f.confidence)} Day-to-day spending {wholeMoney(f.dailySpendCents, c)} a
          day.
        </span>
      </div>
    </div>
  );
}
