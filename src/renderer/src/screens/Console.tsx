import { useState } from 'react';
import type { ConsoleBill, ConsoleGroup } from '../../../core/advisor-work.ts';
import type { ForecastView } from '../../../core/forecast/view.ts';
import { DailyCashChart } from '../components/DailyCashChart.tsx';
import { ForecastSummary } from '../components/ForecastSummary.tsx';
import { humanCode, longDate, money, shortDate, weeks } from '../format.ts';
import { impactWords, meantimeWords } from '../forecast-words.ts';
import { useApp } from '../store.ts';

const groupTitle: Record<ConsoleGroup, string> = {
  overdue: 'Overdue',
  this_week: 'Due this week',
  later: 'Later',
};
const actionLabel = { pay_now: 'Pay now', delay: 'Delay', hold: 'Hold' } as const;

/** What paying now and delaying do by the day; the weekly runway only when the forecast gave none. */
function Impact({ bill, forecast }: { bill: ConsoleBill; forecast: ForecastView | undefined }) {
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
      <div data-impact="delay">
        <strong>Delay to {shortDate(bill.delayTo)}:</strong> {meantimeWords(d.delay, c)};{' '}
        <span className="muted">overall {impactWords(d.delay, forecast.runwayDays, c)}</span>
      </div>
    </>
  );
}

function BillRow({
  bill,
  businessId,
  forecast,
}: {
  bill: ConsoleBill;
  businessId: string;
  forecast: ForecastView | undefined;
}) {
  const decideBill = useApp((s) => s.decideBill);
  const [delayTo, setDelayTo] = useState(bill.delayTo);
  return (
    <tr data-bill={bill.qboId}>
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
        {(bill.fixes ?? []).map((f) => (
          <div key={f.id} className="small" data-fix={f.state}>
            <span className="pill pill-low">fix {f.state}</span> {f.summary}
          </div>
        ))}
      </td>
      <td className="num">{money(bill.balanceCents, bill.currency)}</td>
      <td className="small impact">
        <Impact bill={bill} forecast={forecast} />
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
              aria-label={`Delay bill ${bill.qboId} to`}
              value={delayTo}
              onChange={(e) => setDelayTo(e.target.value)}
            />
            <button onClick={() => void decideBill(businessId, bill.qboId, 'delay', delayTo, null)}>
              Delay
            </button>
          </span>
        </div>
      </td>
    </tr>
  );
}

export function Console({ businessId }: { businessId: string }) {
  const { console: view, forecast: f } = useApp();
  const forecast = f.data?.businessId === businessId ? f.data : undefined;
  if (view.error)
    return (
      <p className="error" role="alert">
        {view.error}
      </p>
    );
  if (!view.data || view.data.businessId !== businessId)
    return (
      <p className="muted" role="status">
        Loading the console…
      </p>
    );
  const { groups, totals, homeCurrency } = view.data;
  return (
    <div>
      {forecast ? (
        <>
          <ForecastSummary forecast={forecast} />
          <DailyCashChart forecast={forecast} currency={forecast.homeCurrency} height={220} />
        </>
      ) : f.error ? (
        <p className="error" role="alert">
          The forecast could not be built: {f.error}
        </p>
      ) : (
        <p className="muted" role="status">
          Building the forecast…
        </p>
      )}
      {(Object.keys(groupTitle) as ConsoleGroup[]).map((g) => (
        <section key={g} aria-label={groupTitle[g]}>
          <h3>
            {groupTitle[g]}{' '}
            <span className="muted small">
              {groups[g].length} bills · {money(totals[g], homeCurrency)}
            </span>
          </h3>
          {groups[g].length === 0 ? (
            <p className="muted small">None.</p>
          ) : (
            <table className="grid console-bills">
              <colgroup>
                <col className="col-bill" />
                <col className="col-balance" />
                <col />
                <col className="col-decide" />
              </colgroup>
              <thead>
                <tr>
                  <th>Bill</th>
                  <th className="num">Balance</th>
                  <th>By the day: what it does to cash</th>
                  <th>Decide</th>
                </tr>
              </thead>
              <tbody>
                {groups[g].map((b) => (
                  <BillRow key={b.qboId} bill={b} businessId={businessId} forecast={forecast} />
                ))}
              </tbody>
            </table>
          )}
        </section>
      ))}
    </div>
  );
}
