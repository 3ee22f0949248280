// One bill of the decision console: a checkbox for the bulk re-date, what paying it now or delaying it
// does by the day (the delay for the date in its field), and its own pay / hold / delay buttons.
import { useId, useState } from 'react';
import type { ConsoleBill } from '../../../core/advisor-work.ts';
import type { MovedBill } from '../../../core/forecast/scenario-view.ts';
import type { ForecastView } from '../../../core/forecast/view.ts';
import { humanCode, longDate, money, shortDate, weeks } from '../format.ts';
import { impactWords, meantimeWords } from '../forecast-words.ts';
import { useApp } from '../store.ts';
import { useDelayPreview, type DelayPreview } from './useDelayPreview.ts';

const actionLabel = { pay_now: 'Pay now', delay: 'Delay', hold: 'Hold' } as const;

/** What paying now and delaying do by the day; the weekly runway only when the forecast gave none. */
function Impact({
  bill,
  forecast,
  delay,
}: {
  bill: ConsoleBill;
  forecast: ForecastView | undefined;
  delay: DelayPreview;
}) {
  const d = bill.dayImpact;
  if (!d || !forecast)
    return (
      <>
        <div>Pay now: runway {weeks(bill.runwayIfPaidNow)}</div>
        <div>
          Delay to {shortDate(bill.delayTo)}: runway {weeks(bill.runwayIfDelayed)}
        </div>
      </>
    );
  const c = forecast.homeCurrency;
  return (
    <>
      <div data-impact="pay-now">
        <strong>Pay now:</strong> {meantimeWords(d.payNow, c)};{' '}
        <span className="muted">overall {impactWords(d.payNow, forecast.runwayDays, c)}</span>
      </div>
      {delay.state === 'ready' && delay.impact ? (
        <div data-impact="delay">
          <strong>Delay to {shortDate(delay.date)}:</strong> {meantimeWords(delay.impact, c)};{' '}
          <span className="muted">overall {impactWords(delay.impact, forecast.runwayDays, c)}</span>
        </div>
      ) : delay.state === 'working' ? (
        <div data-impact="delay" className="muted">
          <strong>Delay to {shortDate(delay.date)}:</strong> working out what it does…
        </div>
      ) : (
        <div data-impact="delay" className="muted">
          <strong>Delay:</strong> pick a date to see what it does.
        </div>
      )}
    </>
  );
}

export function BillRow({
  bill,
  businessId,
  forecast,
  today,
  selected,
  onSelect,
  moved,
}: {
  bill: ConsoleBill;
  businessId: string;
  forecast: ForecastView | undefined;
  today: string;
  selected: boolean;
  onSelect: (on: boolean) => void;
  /** Where the selection's move puts this bill (from the preview), when it is selected. */
  moved: MovedBill | undefined;
}) {
  const decideBill = useApp((s) => s.decideBill);
  const [delayTo, setDelayTo] = useState(bill.delayTo);
  const delay = useDelayPreview(businessId, bill, delayTo, today);
  const problemId = useId();
  const name = `bill ${bill.docNumber ?? bill.qboId} from ${bill.vendorName ?? 'an unknown vendor'}`;
  return (
    <tr data-bill={bill.qboId} className={selected ? 'selected' : undefined}>
      <td className="select-cell">
        <input
          type="checkbox"
          aria-label={`Select ${name}`}
          checked={selected}
          onChange={(e) => onSelect(e.target.checked)}
        />
      </td>
      <td>
        <strong>{bill.vendorName ?? 'Unknown vendor'}</strong>
        <div className="muted small">
          Bill {bill.docNumber ?? bill.qboId} · due {longDate(bill.dueDate)}
          {bill.flags.length > 0 && (
            <span className="flag"> · {bill.flags.map(humanCode).join(', ')}</span>
          )}
        </div>
        {bill.decision && (
          <div className="small decided" data-decision={bill.decision.action}>
            Decided: {actionLabel[bill.decision.action]}
            {bill.decision.plannedDate ? ` to ${longDate(bill.decision.plannedDate)}` : ''}
          </div>
        )}
        {moved && (
          <div className="small moved-to" data-moved-to={moved.toDate}>
            {moved.toDate === moved.fromDate
              ? `Stays on ${shortDate(moved.toDate)}`
              : `Moves to ${shortDate(moved.toDate)} (now ${shortDate(moved.fromDate)})`}
          </div>
        )}
        {(bill.fixes ?? []).map((f) => (
          <div key={f.id} className="small" data-fix={f.state}>
            <span className="pill pill-low">fix {f.state}</span> {f.summary}
          </div>
        ))}
      </td>
      <td className="num">{money(bill.balanceCents, bill.currency)}</td>
      <td className="small impact">
        <Impact bill={bill} forecast={forecast} delay={delay} />
      </td>
      <td>
        <div className="bill-actions">
          <button onClick={() => void decideBill(businessId, bill.qboId, 'pay_now', null, null)}>
            Pay now
          </button>
          <button onClick={() => void decideBill(businessId, bill.qboId, 'hold', null, null)}>
            Hold
          </button>
          <span className="delay-group">
            <input
              type="date"
              aria-label={`Delay ${name} to`}
              aria-invalid={delay.state === 'problem'}
              aria-describedby={delay.state === 'problem' ? problemId : undefined}
              min={today}
              value={delayTo}
              onChange={(e) => setDelayTo(e.target.value)}
            />
            <button
              disabled={delay.state === 'problem'}
              onClick={() => void decideBill(businessId, bill.qboId, 'delay', delayTo, null)}
            >
              Delay
            </button>
          </span>
        </div>
        {delay.state === 'problem' && (
          <div id={problemId} className="field-problem">
            {delay.text}
          </div>
        )}
      </td>
    </tr>
  );
}
