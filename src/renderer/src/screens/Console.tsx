import { useState } from 'react';
import type { ConsoleBill, ConsoleGroup } from '../../../core/advisor-work.ts';
import { CashChart } from '../components/CashChart.tsx';
import { humanCode, money, percent, weeks } from '../format.ts';
import { useApp } from '../store.ts';

const groupTitle: Record<ConsoleGroup, string> = {
  overdue: 'Overdue',
  this_week: 'Due this week',
  later: 'Later',
};
const actionLabel = { pay_now: 'Pay now', delay: 'Delay', hold: 'Hold' } as const;

function BillRow({ bill, businessId }: { bill: ConsoleBill; businessId: string }) {
  const decideBill = useApp((s) => s.decideBill);
  const [delayTo, setDelayTo] = useState(bill.delayTo);
  return (
    <tr data-bill={bill.qboId}>
      <td>
        <strong>{bill.vendorName ?? 'Unknown vendor'}</strong>
        <div className="muted small">
          Bill {bill.docNumber ?? bill.qboId} · due {bill.dueDate}
          {bill.flags.length > 0 && (
            <span className="flag"> · {bill.flags.map(humanCode).join(', ')}</span>
          )}
        </div>
        {(bill.fixes ?? []).map((f) => (
          <div key={f.id} className="small" data-fix={f.state}>
            <span className="pill pill-low">fix {f.state}</span> {f.summary}
          </div>
        ))}
      </td>
      <td className="num">{money(bill.balanceCents, bill.currency)}</td>
      <td className="num small">
        paid now: {weeks(bill.runwayIfPaidNow)}
        <br />
        delayed to {bill.delayTo}: {weeks(bill.runwayIfDelayed)}
      </td>
      <td className="small">
        {bill.decision
          ? `${actionLabel[bill.decision.action]}${bill.decision.plannedDate ? ` → ${bill.decision.plannedDate}` : ''}`
          : '—'}
      </td>
      <td className="actions">
        <button onClick={() => void decideBill(businessId, bill.qboId, 'pay_now', null, null)}>
          Pay now
        </button>
        <input
          type="date"
          aria-label={`Delay bill ${bill.qboId} to`}
          value={delayTo}
          onChange={(e) => setDelayTo(e.target.value)}
        />
        <button onClick={() => void decideBill(businessId, bill.qboId, 'delay', delayTo, null)}>
          Delay
        </button>
        <button onClick={() => void decideBill(businessId, bill.qboId, 'hold', null, null)}>
          Hold
        </button>
      </td>
    </tr>
  );
}

export function Console({ businessId }: { businessId: string }) {
  const { console: view } = useApp();
  if (view.error)
    return (
      <p className="error" role="alert">
        {view.error}
      </p>
    );
  if (!view.data)
    return (
      <p className="muted" role="status">
        Loading the console…
      </p>
    );
  const { runway, groups, totals, homeCurrency } = view.data;
  return (
    <div>
      <div className="summary">
        <div>
          <span className="muted small">Cash</span>
          <strong>{money(runway.cashCents, homeCurrency)}</strong>
        </div>
        <div>
          <span className="muted small">Runway</span>
          <strong aria-label="Runway">{weeks(runway.runwayWeeks)}</strong>
          <span className="muted small">
            {percent(runway.confidence)} of the projection sits in clean records
          </span>
        </div>
        <div>
          <span className="muted small">Weekly burn</span>
          <strong>{money(runway.weeklyBurnCents, homeCurrency)}</strong>
        </div>
      </div>
      <CashChart weeks={runway.weeks} currency={homeCurrency} />
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
            <table className="grid">
              <thead>
                <tr>
                  <th>Bill</th>
                  <th className="num">Balance</th>
                  <th className="num">Runway impact</th>
                  <th>Decision</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {groups[g].map((b) => (
                  <BillRow key={b.qboId} bill={b} businessId={businessId} />
                ))}
              </tbody>
            </table>
          )}
        </section>
      ))}
    </div>
  );
}
