import { useMemo, useState } from 'react';
import type { ClientOverview } from '../../../core/advisor-work.ts';
import { age, money, weeks } from '../format.ts';
import { useApp } from '../store.ts';

type SortKey = 'health' | 'name' | 'cash' | 'runway' | 'items';
const healthRank = { red: 0, amber: 1, green: 2 } as const;
const stateLabel = {
  connected: 'Connected',
  reconnect_needed: 'Reconnect needed',
  disconnected: 'Disconnected',
} as const;

const sorters: Record<SortKey, (a: ClientOverview, b: ClientOverview) => number> = {
  health: (a, b) =>
    healthRank[a.health] - healthRank[b.health] ||
    (a.runwayWeeks ?? Infinity) - (b.runwayWeeks ?? Infinity),
  name: (a, b) => a.displayName.localeCompare(b.displayName),
  cash: (a, b) => a.cashCents - b.cashCents,
  runway: (a, b) => (a.runwayWeeks ?? Infinity) - (b.runwayWeeks ?? Infinity),
  items: (a, b) =>
    b.openItems.high +
    b.openItems.medium +
    b.openItems.low -
    (a.openItems.high + a.openItems.medium + a.openItems.low),
};

export function ClientList() {
  const { overview, go, connectDemo, connectClient, syncing } = useApp();
  const [sort, setSort] = useState<SortKey>('health');
  const [filter, setFilter] = useState('');
  const rows = useMemo(
    () =>
      (overview.data ?? [])
        .filter((c) => c.displayName.toLowerCase().includes(filter.toLowerCase()))
        .sort(sorters[sort]),
    [overview.data, sort, filter],
  );
  if (overview.error)
    return (
      <p className="error" role="alert">
        Could not load clients: {overview.error}
      </p>
    );
  if (!overview.data)
    return (
      <p className="muted" role="status">
        Loading clients…
      </p>
    );
  if (overview.data.length === 0)
    return (
      <section className="empty" aria-label="No clients">
        <h2>No clients yet</h2>
        <p>
          Connect a client’s QuickBooks Online company to see its cash, runway and data problems
          here.
        </p>
        <p>
          <button onClick={() => void connectClient()}>Connect a client</button>{' '}
          <button onClick={() => void connectDemo()} disabled={Boolean(syncing)}>
            Try the demo books
          </button>
        </p>
        <p className="muted small">
          The demo books are three made-up small businesses served by RowCol’s built-in QuickBooks
          emulator: no Intuit account needed.
        </p>
      </section>
    );
  return (
    <section>
      <div className="toolbar">
        <input
          aria-label="Filter clients"
          placeholder="Filter clients…"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        <label>
          Sort by{' '}
          <select
            aria-label="Sort clients"
            value={sort}
            onChange={(e) => setSort(e.target.value as SortKey)}
          >
            <option value="health">Health</option>
            <option value="name">Name</option>
            <option value="cash">Cash</option>
            <option value="runway">Runway</option>
            <option value="items">Open items</option>
          </select>
        </label>
      </div>
      <table className="grid" aria-label="Clients">
        <thead>
          <tr>
            <th>Client</th>
            <th className="num">Cash</th>
            <th className="num">Runway</th>
            <th>Open items</th>
            <th className="num">Bills due this week</th>
            <th className="num">Overdue receivables</th>
            <th>Last sync</th>
            <th>Connection</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => (
            <tr
              key={c.businessId}
              data-client={c.businessId}
              className="clickable"
              onClick={() => go({ kind: 'client', businessId: c.businessId, tab: 'tray' })}
            >
              <td>
                <span
                  className={`dot dot-${c.health}`}
                  title={c.healthReasons.join('; ') || 'Healthy'}
                  aria-label={`health ${c.health}`}
                />{' '}
                {c.displayName}
              </td>
              <td className="num">{money(c.cashCents, c.homeCurrency)}</td>
              <td className="num">
                {weeks(c.runwayWeeks)}
                {c.confidence < 1 && (
                  <span className="muted small"> · {Math.round(c.confidence * 100)}% sure</span>
                )}
              </td>
              <td>
                {c.openItems.high > 0 && (
                  <span className="pill pill-high">{c.openItems.high} high</span>
                )}
                {c.openItems.medium > 0 && (
                  <span className="pill pill-medium">{c.openItems.medium} medium</span>
                )}
                {c.openItems.low > 0 && (
                  <span className="pill pill-low">{c.openItems.low} low</span>
                )}
              </td>
              <td className="num">
                {c.billsDueThisWeek.count} · {money(c.billsDueThisWeek.cents, c.homeCurrency)}
              </td>
              <td className="num">
                {c.overdueReceivables.count} · {money(c.overdueReceivables.cents, c.homeCurrency)}
              </td>
              <td>{age(c.syncAgeHours)}</td>
              <td className={`state state-${c.connectionState}`}>
                {stateLabel[c.connectionState]}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
