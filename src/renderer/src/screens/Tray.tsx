// The hygiene tray of one client (issue 13 §4 "Tray"): its sync problem as a banner with the action that
// fixes it, search and filters, multi-select with bulk approve / exclude / fix, and per row the record's
// QuickBooks link, its fixes' states (a conflict's two values side by side), notes and history.
import { useEffect, useMemo, useRef } from 'react';
import type { Severity } from '../../../core/hygiene/codes.ts';
import type { TrayListItem } from '../../../core/tray/tray-view.ts';
import { problemName } from '../../../core/words.ts';
import { BulkBar } from '../components/tray/BulkBar.tsx';
import {
  fixesByRecord,
  fixesOf,
  matches,
  noFilters,
  shownStatusOf,
  shownStatuses,
  shownStatusWords,
  type ShownStatus,
} from '../components/tray/filter.ts';
import { Conflict, FixStatus } from '../components/tray/FixStatus.tsx';
import { ItemDetails } from '../components/tray/ItemDetails.tsx';
import { SyncBanner } from '../components/tray/SyncBanner.tsx';
import { daysIn, money } from '../format.ts';
import { useClients } from '../stores/clients.ts';
import { useTray } from '../stores/tray.ts';
import '../styles/tray.css';

const severities: Severity[] = ['high', 'medium', 'low'];
const severityWords: Record<Severity, string> = { high: 'High', medium: 'Medium', low: 'Low' };

function recordWords(i: TrayListItem): string | null {
  if (!i.entity) return null;
  const what = i.docNumber ? `${i.entity} #${i.docNumber}` : `${i.entity} ${i.qboIds.join(', ')}`;
  return i.counterparty ? `${what} · ${i.counterparty}` : what;
}

function Row({
  item,
  shown,
  fixes,
}: {
  item: TrayListItem;
  shown: ShownStatus;
  fixes: ReturnType<typeof fixesOf>;
}) {
  const { selected, expanded, busy, toggleSelected, toggleExpanded, decide, resolveConflict } =
    useTray();
  const open = expanded.includes(item.id);
  const detailsId = `tray-details-${item.id}`;
  const record = recordWords(item);
  // Decisions only on what the data still shows; no second fix on top of one in conflict.
  const decidable = item.status === 'open';
  const inConflict = fixes.some((f) => f.state === 'conflict');
  const canFix = decidable && !inConflict;
  const whyNot = inConflict
    ? 'Settle the conflict above first: keep your value or QuickBooks’.'
    : item.status === 'resolved'
      ? 'The books no longer show this problem: nothing more to fix.'
      : 'Reopen the item to fix it.';
  return (
    <>
      <tr
        data-code={item.code}
        data-item={item.id}
        data-status={shown}
        className={open ? 'open' : ''}
      >
        <td className="select">
          <input
            type="checkbox"
            aria-label={`Select: ${daysIn(item.title)}`}
            checked={selected.includes(item.id)}
            onChange={() => toggleSelected(item.id)}
          />
        </td>
        <td className="problem">
          <strong>{daysIn(item.title)}</strong>
          <div className="muted small">
            <span className={`pill pill-${item.severity}`}>{severityWords[item.severity]}</span>
            {problemName(item.code)}
            {item.detail ? ` · ${daysIn(item.detail)}` : ''}
          </div>
          {item.noteCount > 0 && (
            <div className="small note-line" title={`${item.noteCount} note(s)`}>
              Note: {item.lastNote}
              {item.noteCount > 1 ? ` (+${item.noteCount - 1} more)` : ''}
            </div>
          )}
          <FixStatus
            fixes={fixes}
            busy={busy}
            onResolve={(id, keep) => void resolveConflict(id, keep)}
          />
        </td>
        <td className="record small">
          {record ?? <span className="muted">The whole client</span>}
          {item.qboUrl && (
            <div>
              <a href={item.qboUrl} target="_blank" rel="noopener noreferrer" className="qbo-link">
                Open in QuickBooks<span className="visually-hidden"> (opens outside RowCol)</span>
              </a>
            </div>
          )}
        </td>
        <td className="num">{money(item.amountCents, item.currency)}</td>
        <td className="actions">
          <div className="decide">
            {decidable && (
              <>
                <button
                  disabled={busy}
                  onClick={() => void decide([item.id], 'approve')}
                  title="Accept as is"
                >
                  Approve
                </button>
                <button
                  disabled={busy}
                  onClick={() => void decide([item.id], 'exclude')}
                  title="Turn this rule off for these records"
                >
                  Exclude
                </button>
              </>
            )}
            {(shown === 'approved' || shown === 'excluded') && (
              <button disabled={busy} onClick={() => void decide([item.id], 'reopen')}>
                Reopen
              </button>
            )}
          </div>
          <button
            className="link details-toggle"
            aria-expanded={open}
            aria-controls={detailsId}
            onClick={() => toggleExpanded(item.id)}
          >
            {open ? 'Hide details' : 'Details'}
            <span className="visually-hidden">: {daysIn(item.title)}</span>
          </button>
        </td>
      </tr>
      {fixes
        .filter((f) => f.state === 'conflict')
        .map((f) => (
          <tr key={f.id} className="tray-conflict" data-conflict-of={item.id}>
            <td />
            <td colSpan={4}>
              <Conflict
                fix={f}
                busy={busy}
                onResolve={(keep) => void resolveConflict(f.id, keep)}
              />
            </td>
          </tr>
        ))}
      {open && (
        <tr className="tray-details" id={detailsId}>
          <td colSpan={5}>
            <ItemDetails item={item} canFix={canFix} whyNot={whyNot} />
          </td>
        </tr>
      )}
    </>
  );
}

export function Tray({ businessId }: { businessId: string }) {
  const s = useTray();
  const { items, fixes, problem, filters, selected, load, setFilters, setSelected } = s;
  useEffect(() => {
    void load(businessId);
  }, [businessId, load]);
  // The window's own "Sync now" reloads the client list when it ends: the tray follows it.
  const overview = useClients((c) => c.rows);
  const refresh = s.refresh;
  const seen = useRef(overview);
  useEffect(() => {
    if (overview === seen.current) return;
    seen.current = overview;
    void refresh();
  }, [overview, refresh]);

  const byRecord = useMemo(() => fixesByRecord(fixes), [fixes]);
  const rows = useMemo(
    () =>
      (items ?? []).map((item) => {
        const f = fixesOf(item, byRecord);
        return { item, fixes: f, shown: shownStatusOf(item, f) };
      }),
    [items, byRecord],
  );
  const counts = Object.fromEntries(
    shownStatuses.map((st) => [
      st,
      rows.filter((r) => matches(r.item, r.shown, { ...filters, status: st })).length,
    ]),
  ) as Record<ShownStatus, number>;
  const visible = rows.filter((r) => matches(r.item, r.shown, filters));
  const codes = [...new Set(rows.map((r) => r.item.code))].sort((a, b) =>
    problemName(a).localeCompare(problemName(b)),
  );
  const chosen = visible.filter((r) => selected.includes(r.item.id));
  const allChosen = visible.length > 0 && chosen.length === visible.length;
  const filtered = filters.query !== '' || filters.severity !== 'all' || filters.code !== 'all';

  const banner = problem && (
    <SyncBanner
      problem={problem}
      syncing={s.syncing}
      onReconnect={() => void s.reconnect()}
      onRetry={() => void s.retrySync()}
    />
  );

  if (!items && s.error)
    return (
      <div className="tray">
        {banner}
        <div className="tray-state error" role="alert">
          <p>The tray could not be loaded: {s.error}</p>
          <button onClick={() => void load(businessId)}>Try again</button>
        </div>
      </div>
    );
  if (!items)
    return (
      <div className="tray">
        <p className="muted tray-state" role="status">
          Loading the tray…
        </p>
      </div>
    );

  return (
    <div className="tray">
      {banner}
      <div className="tray-toolbar" role="search" aria-label="Search and filter the tray">
        <label htmlFor="tray-search" className="visually-hidden">
          Search the tray
        </label>
        <input
          id="tray-search"
          type="search"
          placeholder="Search: problem, record #, vendor or customer"
          value={filters.query}
          onChange={(e) => setFilters({ query: e.target.value })}
        />
        <label htmlFor="tray-severity">Severity</label>
        <select
          id="tray-severity"
          value={filters.severity}
          onChange={(e) => setFilters({ severity: e.target.value as Severity | 'all' })}
        >
          <option value="all">All</option>
          {severities.map((v) => (
            <option key={v} value={v}>
              {severityWords[v]}
            </option>
          ))}
        </select>
        <label htmlFor="tray-kind">Problem</label>
        <select
          id="tray-kind"
          value={filters.code}
          onChange={(e) => setFilters({ code: e.target.value })}
        >
          <option value="all">Every kind</option>
          {codes.map((c) => (
            <option key={c} value={c}>
              {problemName(c)}
            </option>
          ))}
        </select>
        <div className="status-filter" role="group" aria-label="Status">
          {shownStatuses.map((st) => (
            <button
              key={st}
              aria-pressed={filters.status === st}
              onClick={() => setFilters({ status: st })}
            >
              {shownStatusWords[st]} <span className="count">{counts[st]}</span>
            </button>
          ))}
        </div>
      </div>

      {chosen.length > 0 && (
        <BulkBar items={chosen.map((r) => r.item)} fixable={filters.status === 'open'} />
      )}

      {visible.length === 0 ? (
        <div className="empty tray-state">
          {filtered ? (
            <>
              <p>
                No {shownStatusWords[filters.status].toLowerCase()} item matches the search and
                filters.
              </p>
              <button onClick={() => setFilters({ ...noFilters, status: filters.status })}>
                Clear the search and filters
              </button>
            </>
          ) : filters.status === 'open' ? (
            <p>Nothing to fix: the books look clean.</p>
          ) : (
            <p>No {shownStatusWords[filters.status].toLowerCase()} items.</p>
          )}
        </div>
      ) : (
        <table className="grid tray-table" aria-label="Hygiene tray">
          <thead>
            <tr>
              <th className="select">
                <input
                  type="checkbox"
                  aria-label={allChosen ? 'Select none' : `Select all ${visible.length} shown`}
                  checked={allChosen}
                  onChange={() => setSelected(allChosen ? [] : visible.map((r) => r.item.id))}
                />
              </th>
              <th>Problem</th>
              <th>Record</th>
              <th className="num">Amount</th>
              <th>
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {visible.map((r) => (
              <Row key={r.item.id} item={r.item} shown={r.shown} fixes={r.fixes} />
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
