// The client list for 2,000 clients: only the rows in view are in the page (@tanstack/react-virtual over
// the window's scroll), sorted by any column (@tanstack/react-table), searched with `/`, filtered by health
// and tag, and driven from the keyboard: arrows move the row focus, Enter opens, Escape clears the search.
// A client never synced says so instead of showing zeros. Columns: components/client-list/columns.ts;
// cells: components/client-list/RowCells.tsx.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTable, type SortingState } from '@tanstack/react-table';
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import {
  byName,
  columns,
  columnSpecs,
  features,
  healthFilters,
  matches,
} from '../components/client-list/columns.ts';
import { RowCells } from '../components/client-list/RowCells.tsx';
import { useApp } from '../store.ts';
import { useClients, type HealthFilter, type SortKey } from '../stores/clients.ts';
import { useSync } from '../stores/sync.ts';
import '../styles/client-list.css';

/** Every row's height in pixels (one line; the CSS keeps it so): what the virtualiser places rows by. */
const rowHeight = 41;

export function ClientList() {
  const { rows, loading, error, query, health, tag, sort, activeId } = useClients();
  const { load, setQuery, setHealth, setTag, setSort, setActive } = useClients.getState();
  const go = useApp((s) => s.go);
  const syncRunning = useSync((s) => s.running);
  const { connectDemo, connectClient } = useSync.getState();
  const search = useRef<HTMLInputElement>(null);
  const body = useRef<HTMLTableSectionElement>(null);
  const [focusWanted, setFocusWanted] = useState(0);
  const now = useMemo(() => new Date(), [rows]);

  const data = useMemo(
    () => (rows ?? []).filter((c) => matches(c, query, health, tag)),
    [rows, query, health, tag],
  );
  const sorting: SortingState = useMemo(() => [{ id: sort.key, desc: sort.desc }], [sort]);
  const table = useTable({
    features,
    columns,
    data,
    state: { sorting },
    onSortingChange: (u) => {
      const next = typeof u === 'function' ? u(sorting) : u;
      const first = next[0];
      if (first) setSort({ key: first.id as SortKey, desc: first.desc });
    },
    enableSortingRemoval: false,
    getRowId: (c) => c.businessId,
  });
  const sorted = table.getRowModel().rows;
  const tags = useMemo(
    () => [...new Set((rows ?? []).flatMap((c) => c.tags))].sort((a, b) => byName.compare(a, b)),
    [rows],
  );

  // Where the rows start on the page (below the toolbar and any notice above): the window's scroll
  // offset of row 0, looked at after every render since a notice or the sync panel can move it.
  const [scrollMargin, setScrollMargin] = useState(0);
  useLayoutEffect(() => {
    const top = body.current ? body.current.getBoundingClientRect().top + window.scrollY : 0;
    if (Math.abs(top - scrollMargin) > 0.5) setScrollMargin(top);
  });
  const virtualizer = useWindowVirtualizer({
    count: sorted.length,
    estimateSize: () => rowHeight,
    overscan: 8,
    scrollMargin,
    getItemKey: (i) => sorted[i]?.id ?? i,
  });
  const items = virtualizer.getVirtualItems();
  const activeIndex = Math.max(
    0,
    sorted.findIndex((r) => r.id === activeId),
  );

  // `/` focuses the search from anywhere on the list (not while typing in a field).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const typing = e.target instanceof HTMLElement && e.target.closest('input, select, textarea');
      if (e.key === '/' && !typing && !e.metaKey && !e.ctrlKey && !e.altKey) {
        e.preventDefault();
        search.current?.focus();
        search.current?.select();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const table_ = useRef<HTMLTableElement>(null);
  const focusRow = useCallback(
    (index: number) => {
      const row = sorted[Math.max(0, Math.min(sorted.length - 1, index))];
      if (!row) return;
      setActive(row.id);
      virtualizer.scrollToIndex(sorted.indexOf(row), { align: 'auto' });
      // A far row is rendered only after the scroll: meanwhile the table holds the focus (and takes the
      // keys), since the row that had it may leave the page.
      const el = body.current?.querySelector<HTMLElement>(
        `tr[data-client="${CSS.escape(row.id)}"]`,
      );
      if (el) el.focus({ preventScroll: true });
      else table_.current?.focus({ preventScroll: true });
      setFocusWanted((n) => n + 1);
    },
    [sorted, setActive, virtualizer],
  );
  // After the row is rendered (virtualised rows exist only near the view), move the focus to it: the row
  // the store says now, however many keys were pressed since. A focus moved here is not the advisor's
  // own (onFocus below must not take it for a click or a Tab).
  const movingFocus = useRef(false);
  useEffect(() => {
    if (!focusWanted) return;
    const id = useClients.getState().activeId ?? '';
    const el = body.current?.querySelector<HTMLElement>(`tr[data-client="${CSS.escape(id)}"]`);
    if (!el) {
      const frame = requestAnimationFrame(() => setFocusWanted((n) => n + 1));
      return () => cancelAnimationFrame(frame);
    }
    movingFocus.current = true;
    el.focus({ preventScroll: true });
    movingFocus.current = false;
  }, [focusWanted, activeId]);

  // Back from a client (Escape, "All clients"): the keyboard focus returns to the row it left from.
  const restored = useRef(false);
  useEffect(() => {
    if (restored.current || !activeId || sorted.length === 0) return;
    restored.current = true;
    const i = sorted.findIndex((r) => r.id === activeId);
    if (i >= 0) focusRow(i);
  }, [activeId, sorted, focusRow]);

  const open = (businessId: string) => {
    setActive(businessId);
    go({ kind: 'client', businessId, tab: 'tray' });
  };

  /** Keys on a row, or on the table while a far row is on its way into the page. */
  const onListKey = (e: React.KeyboardEvent) => {
    if (e.target instanceof HTMLElement && e.target.closest('thead')) return;
    // From the row the advisor last moved to (the store's), not the one focused: keys pressed faster
    // than the focus follows a far move must all count.
    const index = Math.max(
      0,
      sorted.findIndex((r) => r.id === useClients.getState().activeId),
    );
    const page = Math.max(1, Math.floor(window.innerHeight / rowHeight) - 3);
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      PageDown: index + page,
      PageUp: index - page,
      Home: 0,
      End: sorted.length - 1,
    };
    if (e.key in moves) {
      e.preventDefault();
      if (e.key === 'ArrowUp' && index === 0) search.current?.focus();
      else focusRow(moves[e.key]!);
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      open(sorted[index]!.id);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      if (query) setQuery('');
      search.current?.focus();
    }
  };

  const onSearchKey = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      if (query) setQuery('');
      else search.current?.blur();
    } else if (e.key === 'ArrowDown' || e.key === 'Enter') {
      e.preventDefault();
      focusRow(e.key === 'Enter' ? 0 : activeIndex);
    }
  };

  if (error && !rows)
    return (
      <section className="cl-state" role="alert" aria-label="Clients could not be loaded">
        <h2>The client list could not be loaded</h2>
        <p>{error}</p>
        <p>
          <button className="primary" onClick={() => void load()}>
            Try again
          </button>
        </p>
      </section>
    );
  if (!rows)
    return (
      <section className="cl-state" aria-busy="true">
        <p className="muted" role="status">
          {loading ? 'Loading clients…' : 'Opening the client list…'}
        </p>
      </section>
    );
  if (rows.length === 0)
    return (
      <section className="empty" aria-label="No clients">
        <h2>No clients yet</h2>
        <p>
          Connect a client’s QuickBooks Online company to see its cash, runway and data problems
          here.
        </p>
        <p>
          <button className="primary" onClick={() => void connectClient()}>
            Connect a client
          </button>{' '}
          <button onClick={() => void connectDemo()} disabled={syncRunning}>
            Try the demo books
          </button>
        </p>
        <p className="muted small">
          The demo books are three made-up small businesses served by RowCol’s built-in QuickBooks
          emulator: no Intuit account needed.
        </p>
      </section>
    );

  const unsynced = rows.filter((c) => c.figures === null).length;
  const first = items[0];
  const last = items.at(-1);
  const padTop = first ? first.start - scrollMargin : 0;
  const padBottom = last ? virtualizer.getTotalSize() - (last.end - scrollMargin) : 0;
  const sortedBy = (key: SortKey) =>
    sort.key === key ? (sort.desc ? 'descending' : 'ascending') : 'none';
  const toggle = (s: { key: SortKey; descFirst?: boolean }) =>
    setSort(
      sort.key === s.key
        ? { key: s.key, desc: !sort.desc }
        : { key: s.key, desc: Boolean(s.descFirst) },
    );

  return (
    <section className="cl" aria-label="Client list">
      <div className="cl-toolbar">
        <div className="cl-search">
          <input
            ref={search}
            type="search"
            aria-label="Search clients"
            aria-keyshortcuts="/"
            placeholder="Search clients"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={onSearchKey}
          />
          <kbd aria-hidden="true">/</kbd>
        </div>
        <select
          aria-label="Health"
          value={health}
          onChange={(e) => setHealth(e.target.value as HealthFilter)}
        >
          {healthFilters.map((h) => (
            <option key={h.value} value={h.value}>
              {h.label}
            </option>
          ))}
        </select>
        <select aria-label="Tag" value={tag} onChange={(e) => setTag(e.target.value)}>
          <option value="">{tags.length ? 'Any tag' : 'No tags yet'}</option>
          {tags.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
        <button
          className="cl-sort-health"
          aria-pressed={sort.key === 'health'}
          onClick={() => setSort({ key: 'health', desc: false })}
          title="Sort by health, the shortest runway first"
        >
          Most urgent first
        </button>
        <p className="cl-count muted small" role="status" aria-live="polite">
          {data.length === rows.length
            ? `${rows.length.toLocaleString('en-US')} clients`
            : `${data.length.toLocaleString('en-US')} of ${rows.length.toLocaleString('en-US')} clients`}
          {unsynced > 0 && ` · ${unsynced.toLocaleString('en-US')} not synced yet`}
          {' · numbers as of each client’s last sync'}
        </p>
      </div>
      {error && (
        <p className="notice notice-error" role="alert">
          The list could not be refreshed: {error}{' '}
          <button onClick={() => void load()}>Try again</button>
        </p>
      )}
      <table
        ref={table_}
        tabIndex={-1}
        onKeyDown={onListKey}
        className="cl-table"
        aria-label="Clients"
        aria-rowcount={sorted.length + 1}
        aria-describedby="cl-keys"
      >
        <thead>
          <tr aria-rowindex={1}>
            {columnSpecs.map((s) => (
              <th
                key={s.key}
                aria-sort={sortedBy(s.key)}
                className={`cl-col-${s.key}${s.numeric ? ' num' : ''}${s.optional ? ' cl-opt' : ''}`}
                scope="col"
              >
                <button
                  className="cl-sort"
                  onClick={() => toggle(s)}
                  title={s.title ?? `Sort by ${s.header.toLowerCase()}`}
                >
                  <span className="cl-text">{s.header}</span>
                  <span className="cl-arrow" aria-hidden="true">
                    {sort.key === s.key ? (sort.desc ? '▼' : '▲') : ''}
                  </span>
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody ref={body}>
          {padTop > 0 && (
            <tr aria-hidden="true" className="cl-pad">
              <td colSpan={columnSpecs.length} style={{ height: padTop }} />
            </tr>
          )}
          {items.map((item) => {
            const row = sorted[item.index]!;
            const c = row.original;
            const active = item.index === activeIndex;
            return (
              <tr
                key={row.id}
                data-client={c.businessId}
                data-index={item.index}
                aria-rowindex={item.index + 2}
                tabIndex={active ? 0 : -1}
                className={`cl-row${c.figures ? '' : ' cl-row-unsynced'}`}
                onClick={() => open(c.businessId)}
                onFocus={() => {
                  if (!active && !movingFocus.current) setActive(c.businessId);
                }}
              >
                <RowCells c={c} now={now} />
              </tr>
            );
          })}
          {padBottom > 0 && (
            <tr aria-hidden="true" className="cl-pad">
              <td colSpan={columnSpecs.length} style={{ height: padBottom }} />
            </tr>
          )}
        </tbody>
      </table>
      {sorted.length === 0 && (
        <div className="cl-state" role="status">
          <p>
            No client matches{query ? ` “${query}”` : ''}
            {health !== 'all'
              ? ` among “${healthFilters.find((h) => h.value === health)!.label}”`
              : ''}
            {tag ? ` tagged “${tag}”` : ''}.
          </p>
          <button
            onClick={() => {
              setQuery('');
              setHealth('all');
              setTag('');
              search.current?.focus();
            }}
          >
            Show every client
          </button>
        </div>
      )}
      <p id="cl-keys" className="muted small cl-keys">
        Keys: / search · ↑ ↓ move · Enter open · Esc clear the search
      </p>
    </section>
  );
}
