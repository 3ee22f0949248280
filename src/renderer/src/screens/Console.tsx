import { useEffect, useMemo } from 'react';
import type { ConsoleBill, ConsoleGroup } from '../../../core/advisor-work.ts';
import { BillRow } from '../components/BillRow.tsx';
import { BulkMoveBar } from '../components/BulkMoveBar.tsx';
import { DailyCashChart } from '../components/DailyCashChart.tsx';
import { ForecastSummary } from '../components/ForecastSummary.tsx';
import { SelectAll } from '../components/SelectAll.tsx';
import { money } from '../format.ts';
import { useApp } from '../store.ts';
import { useConsoleMoves } from '../stores/console.ts';
import '../styles/fields.css';
import '../styles/console.css';

const groupTitle: Record<ConsoleGroup, string> = {
  overdue: 'Overdue',
  this_week: 'Due this week',
  later: 'Later',
};
/** "Select all overdue bills", "… bills due this week", "… later bills". */
const groupWords: Record<ConsoleGroup, string> = {
  overdue: 'overdue bills',
  this_week: 'bills due this week',
  later: 'later bills',
};

export function Console({ businessId }: { businessId: string }) {
  const { console: view, forecast: f } = useApp();
  const moves = useConsoleMoves();
  const forecast = f.data?.businessId === businessId ? f.data : undefined;
  // A selection belongs to one client: another client's console starts with none.
  const selected = useMemo(
    () => new Set(moves.businessId === businessId ? moves.selected : []),
    [moves.businessId, moves.selected, businessId],
  );
  const { clear, select } = useConsoleMoves.getState();
  useEffect(() => {
    if (selected.size === 0) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') clear();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [selected.size, clear]);
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
  const { groups, totals, homeCurrency, today } = view.data;
  const all: ConsoleBill[] = [...groups.overdue, ...groups.this_week, ...groups.later];
  const chosen = all.filter((b) => selected.has(b.qboId));
  const preview =
    selected.size > 0 && moves.preview.data?.businessId === businessId
      ? moves.preview.data
      : undefined;
  const movedTo = new Map(preview?.moved.map((m) => [m.billId, m]));
  return (
    <div className="console">
      {forecast ? (
        <>
          <ForecastSummary forecast={forecast} />
          {preview ? (
            <DailyCashChart
              forecast={preview.after}
              currency={preview.homeCurrency}
              height={220}
              compare={{
                forecast: preview.before,
                name: 'As it stands',
                mainName: 'With these moves',
              }}
            />
          ) : (
            <DailyCashChart forecast={forecast} currency={forecast.homeCurrency} height={220} />
          )}
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
      {all.length > 0 && selected.size === 0 && !moves.recorded && (
        <p className="muted small bulk-hint">
          Tick bills (or a whole group) to move them together: by a number of days, to a date, or
          paid now, and see the effect before you record it.
        </p>
      )}
      {(Object.keys(groupTitle) as ConsoleGroup[]).map((g) => {
        const ids = groups[g].map((b) => b.qboId);
        return (
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
                  <col className="col-select" />
                  <col className="col-bill" />
                  <col className="col-balance" />
                  <col />
                  <col className="col-decide" />
                </colgroup>
                <thead>
                  <tr>
                    <th className="select-cell">
                      <SelectAll
                        label={`Select all ${groupWords[g]}`}
                        count={ids.filter((id) => selected.has(id)).length}
                        of={ids.length}
                        onChange={(on) => select(businessId, ids, on)}
                      />
                    </th>
                    <th>Bill</th>
                    <th className="num">Balance</th>
                    <th>By the day: what it does to cash</th>
                    <th>Decide</th>
                  </tr>
                </thead>
                <tbody>
                  {groups[g].map((b) => (
                    <BillRow
                      key={b.qboId}
                      bill={b}
                      businessId={businessId}
                      forecast={forecast}
                      today={today}
                      selected={selected.has(b.qboId)}
                      onSelect={(on) => select(businessId, [b.qboId], on)}
                      moved={movedTo.get(b.qboId)}
                    />
                  ))}
                </tbody>
              </table>
            )}
          </section>
        );
      })}
      {moves.recorded && moves.businessId === businessId && selected.size === 0 && (
        <div className="bulk-done" data-recorded>
          <span>{moves.recorded}</span>
          <button onClick={() => useConsoleMoves.getState().dismissRecorded()}>Dismiss</button>
        </div>
      )}
      {selected.size > 0 && (
        <BulkMoveBar
          totalCents={chosen.reduce((sum, b) => sum + (b.homeCents ?? 0), 0)}
          currency={homeCurrency}
          today={today}
        />
      )}
    </div>
  );
}
