// The bar that appears with a selection of bills: how to move them (by N days, to a date, pay now), the
// combined effect before anything is recorded (runway and lowest point, before → after; the chart above
// draws both lines), and the button that records one decision per bill. Escape clears the selection.
import { useId } from 'react';
import { wholeMoney } from '../format.ts';
import { effectParts, targetProblem } from '../move-words.ts';
import { useConsoleMoves } from '../stores/console.ts';

/** One before → after figure: its name above, the change below. */
function Figure({ effect, label, value }: { effect: string; label: string; value: string }) {
  return (
    <span className="bulk-figure" data-effect={effect}>
      <span className="figure-label">{label}</span>
      <span className="figure-value">{value}</span>
    </span>
  );
}

export function BulkMoveBar({
  totalCents,
  currency,
  today,
}: {
  /** The selected bills' balance in home currency. */
  totalCents: number;
  currency: string;
  today: string;
}) {
  const { selected, target, preview, recording, recordError } = useConsoleMoves();
  const { setMode, setDays, setDate, clear, record } = useConsoleMoves.getState();
  const ids = { days: useId(), date: useId(), problem: useId(), name: useId() };
  const n = selected.length;
  const problem = targetProblem(target, today);
  const p = preview.data;
  const effect = p && effectParts(p.before, p.after, p.homeCurrency);
  const bills = `${n} bill${n === 1 ? '' : 's'}`;
  return (
    <section className="bulk-bar" aria-labelledby={ids.name}>
      <div className="bulk-controls">
        <h3 id={ids.name} className="bulk-title">
          Move {bills} <span className="muted">({wholeMoney(totalCents, currency)})</span>
        </h3>
        <fieldset className="bulk-target">
          <legend className="visually-hidden">How to move them</legend>
          <label className="bulk-option">
            <input
              type="radio"
              name="bulk-mode"
              aria-label="Move them by a number of days"
              checked={target.mode === 'days'}
              onChange={() => setMode('days')}
            />
            by
          </label>
          <input
            id={ids.days}
            className="bulk-days"
            inputMode="numeric"
            aria-label="Days to move them by"
            aria-invalid={problem?.field === 'days'}
            aria-describedby={problem?.field === 'days' ? ids.problem : undefined}
            value={target.daysText}
            onChange={(e) => setDays(e.target.value)}
            onFocus={() => target.mode !== 'days' && setMode('days')}
            size={4}
          />
          <span className="bulk-unit">days</span>
          <label className="bulk-option">
            <input
              type="radio"
              name="bulk-mode"
              aria-label="Move them to a date"
              checked={target.mode === 'date'}
              onChange={() => setMode('date')}
            />
            to
          </label>
          <input
            id={ids.date}
            type="date"
            aria-label="Date to pay them on"
            aria-invalid={problem?.field === 'date'}
            aria-describedby={problem?.field === 'date' ? ids.problem : undefined}
            min={today}
            value={target.date}
            onChange={(e) => setDate(e.target.value)}
            onFocus={() => target.mode !== 'date' && setMode('date')}
          />
          <label className="bulk-option">
            <input
              type="radio"
              name="bulk-mode"
              aria-label="Pay them now"
              checked={target.mode === 'pay-now'}
              onChange={() => setMode('pay-now')}
            />
            pay now
          </label>
        </fieldset>
        <div className="bulk-buttons">
          <button
            className="primary"
            disabled={Boolean(problem) || recording || preview.loading || !p}
            onClick={() => void record()}
          >
            {recording ? 'Recording…' : `Record these ${n} decision${n === 1 ? '' : 's'}`}
          </button>
          <button onClick={clear} aria-keyshortcuts="Escape">
            Clear selection
          </button>
        </div>
      </div>
      <div className="bulk-effect" aria-live="polite">
        {problem ? (
          <span id={ids.problem} className="field-problem">
            {problem.text}
          </span>
        ) : preview.error ? (
          <span className="field-problem">{preview.error}</span>
        ) : recordError ? (
          <span className="field-problem">{recordError}</span>
        ) : effect ? (
          <>
            <Figure effect="runway" label="Runway" value={effect.runway} />
            <Figure effect="lowest" label="Lowest point" value={effect.lowest} />
            {effect.meantime ? (
              <Figure
                effect="meantime"
                label={`Low until ${effect.meantime.until}`}
                value={effect.meantime.low}
              />
            ) : (
              <Figure effect="meantime" label="The days it changes" value="No day’s cash changes" />
            )}
            {preview.loading && <span className="muted">updating…</span>}
            {p.unknownBillIds.length > 0 && (
              <span className="muted">
                Not in the forecast (no exchange rate), left out: bill {p.unknownBillIds.join(', ')}
              </span>
            )}
            <span className="muted small bulk-note">Nothing is recorded until you say so.</span>
          </>
        ) : (
          <span className="muted">Working out what it does…</span>
        )}
      </div>
    </section>
  );
}
