// Collections: every overdue invoice, across clients (the Collections screen) or of one client (its tab),
// with whom to call, the last call and what was promised, and a call to log. Filter by aging bucket and
// client, sort by amount or days overdue (TanStack Table), rows virtualised (TanStack Virtual) for an
// advisor with thousands of open invoices; the CSV export holds exactly the rows the filters and sort
// show, built here and handed to the browser as a download (Electron and the browser version alike).
import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import {
  createSortedRowModel,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type ColumnDef,
  type SortingState,
  type Updater,
} from '@tanstack/react-table';
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { collectionsCsv, collectionsCsvName } from '../../../core/collections-csv.ts';
import {
  bucketTotals,
  filterCollections,
  overdueBuckets,
  type CollectionEntry,
  type CollectionsView,
} from '../../../core/collections.ts';
import { callOutcomeText, overdueBucketWords } from '../../../core/words.ts';
import { LogCallDialog } from '../components/LogCallDialog.tsx';
import { longDate, money, moneyByCurrency, shortDate } from '../format.ts';
import { localDay } from '../../../core/dates.ts';
import { mailtoHref, telHref } from '../lib/contact-links.ts';
import { downloadFile } from '../lib/download.ts';
import { useClients } from '../stores/clients.ts';
import { useCollections, type CollectionsSort } from '../stores/collections.ts';
import '../styles/collections.css';

const features = tableFeatures({ rowSortingFeature, sortedRowModel: createSortedRowModel() });

type Column = {
  id: string;
  header: string;
  className: string;
  sortable?: boolean;
};

const allColumns: Column[] = [
  { id: 'client', header: 'Client', className: 'col-client' },
  { id: 'customer', header: 'Customer and contact', className: 'col-customer' },
  { id: 'invoice', header: 'Invoice', className: 'col-invoice' },
  { id: 'amount', header: 'Amount', className: 'col-amount num', sortable: true },
  { id: 'days', header: 'Overdue', className: 'col-days', sortable: true },
  { id: 'lastCall', header: 'Last call', className: 'col-last' },
  { id: 'promised', header: 'Promised', className: 'col-promised' },
  { id: 'followUp', header: 'Follow-up', className: 'col-follow' },
  { id: 'note', header: 'Note', className: 'col-note' },
];

const byCents = (a: { original: CollectionEntry }, b: { original: CollectionEntry }) =>
  a.original.balanceCents - b.original.balanceCents;
const byDays = (a: { original: CollectionEntry }, b: { original: CollectionEntry }) =>
  a.original.daysOverdue - b.original.daysOverdue;

const columnDefs: ColumnDef<typeof features, CollectionEntry>[] = allColumns.map((c) => ({
  id: c.id,
  header: c.header,
  enableSorting: Boolean(c.sortable),
  sortDescFirst: true,
  // Sortable columns need a value to sort (TanStack sorts only columns with an accessor).
  ...(c.id === 'amount'
    ? { accessorFn: (e: CollectionEntry) => e.balanceCents, sortFn: byCents }
    : c.id === 'days'
      ? { accessorFn: (e: CollectionEntry) => e.daysOverdue, sortFn: byDays }
      : {}),
}));

/** "today", "yesterday" or "Dec 1": when a call was logged, in the advisor's local time. */
function calledWhen(iso: string, today: string): string {
  const d = new Date(iso);
  const day = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  if (day === today) return 'today';
  const y = new Date(`${today}T12:00:00`);
  y.setDate(y.getDate() - 1);
  const yesterday = `${y.getFullYear()}-${String(y.getMonth() + 1).padStart(2, '0')}-${String(y.getDate()).padStart(2, '0')}`;
  return day === yesterday
    ? 'yesterday'
    : day.slice(0, 4) === today.slice(0, 4)
      ? shortDate(day)
      : longDate(day);
}

/** The oldest "books as of" among the rows: every figure on screen is at least that fresh. */
function asOfWords(entries: readonly CollectionEntry[]): string {
  const times = entries.map((e) => e.syncedAt).filter((t): t is string => Boolean(t));
  if (times.length === 0) return entries.length ? 'books not synced yet' : '';
  const oldest = new Date(times.sort()[0]!);
  const time = oldest.toLocaleTimeString('en-US', { hour: 'numeric', minute: '2-digit' });
  return `books as of ${shortDate(localDay(oldest))}, ${time}`;
}

function Contact({ e }: { e: CollectionEntry }) {
  const { name, email, phone, mobile } = e.contact;
  const subject = `Invoice ${e.docNumber ?? e.invoiceQboId}`;
  const mail = email ? mailtoHref(email, subject) : undefined;
  const phones = [
    [phone, 'phone'],
    [mobile, 'mobile'],
  ].filter((p): p is [string, string] => Boolean(p[0]));
  if (!name && !email && phones.length === 0)
    return <div className="contact muted small">No contact in QuickBooks</div>;
  return (
    <div className="contact small">
      {/* A person customer is their own contact: the name once is enough. */}
      {name && name !== e.customerName && <div className="contact-name">{name}</div>}
      {email && (
        <div className="contact-line">
          {mail ? (
            <a href={mail} data-contact="email" title={email}>
              {email}
            </a>
          ) : (
            <span data-contact="email" title={email}>
              {email}
            </span>
          )}
        </div>
      )}
      {phones.map(([number, kind]) => {
        const tel = telHref(number);
        return (
          <div key={kind} className="contact-line">
            {tel ? (
              <a href={tel} data-contact={kind}>
                {number}
              </a>
            ) : (
              <span data-contact={kind}>{number}</span>
            )}
            {kind === 'mobile' && <span className="muted"> (mobile)</span>}
          </div>
        );
      })}
    </div>
  );
}

function Cell({
  id,
  e,
  today,
  onLog,
}: {
  id: string;
  e: CollectionEntry;
  today: string;
  onLog: (e: CollectionEntry) => void;
}) {
  const last = e.lastCall;
  switch (id) {
    case 'client':
      return <>{e.clientName}</>;
    case 'customer':
      return (
        <>
          <div className="client-inline muted small">{e.clientName}</div>
          <strong>{e.customerName ?? 'Unknown customer'}</strong>
          <Contact e={e} />
        </>
      );
    case 'invoice':
      return (
        <>
          <div>#{e.docNumber ?? e.invoiceQboId}</div>
          <div className="muted small">due {shortDate(e.dueDate)}</div>
        </>
      );
    case 'amount':
      return <>{money(e.balanceCents, e.currency)}</>;
    case 'days':
      return (
        <>
          <div>{e.daysOverdue === 1 ? '1 day' : `${e.daysOverdue} days`}</div>
          <span className={`bucket bucket-${e.bucket.replace('+', 'plus')}`}>
            {overdueBucketWords[e.bucket]}
          </span>
        </>
      );
    case 'lastCall':
      return (
        <>
          {last ? (
            <>
              <div>{callOutcomeText(last.outcome)}</div>
              <div className="muted small">
                {calledWhen(last.calledAt, today)}
                {e.calls > 1 ? ` · ${e.calls} calls` : ''}
              </div>
              {e.due && <div className="call-due">Call due</div>}
            </>
          ) : (
            <div className="call-due">Not called yet</div>
          )}
          {last?.note && (
            <div className="note note-inline small" title={last.note}>
              {last.note}
            </div>
          )}
          <button
            className="log-call"
            onClick={() => onLog(e)}
            aria-label={`Log a call to ${e.customerName ?? 'the customer'} about invoice ${e.docNumber ?? e.invoiceQboId}`}
          >
            Log call
          </button>
        </>
      );
    case 'promised':
      return last?.promisedDate ? (
        <span className={last.promisedDate < today ? 'promise-broken' : ''}>
          {longDate(last.promisedDate)}
          {last.promisedDate < today && <div className="small">passed</div>}
        </span>
      ) : (
        <span className="muted">—</span>
      );
    case 'followUp':
      return last?.followUpOn ? (
        <>{last.followUpOn === today ? 'Today' : longDate(last.followUpOn)}</>
      ) : (
        <span className="muted">—</span>
      );
    case 'note':
      return last?.note ? (
        <div className="note" title={last.note}>
          {last.note}
        </div>
      ) : (
        <span className="muted">—</span>
      );
    default:
      return null;
  }
}

/** The buckets of the rows the client filter leaves (every client's when none is chosen). */
function Summary({ totals }: { totals: CollectionsView['totals'] }) {
  const { bucket, setBucket } = useCollections();
  return (
    <div className="collections-summary" role="group" aria-label="Overdue by age">
      {overdueBuckets.map((b) => {
        const t = totals[b];
        return (
          <button
            key={b}
            className="bucket-card"
            aria-pressed={bucket === b}
            onClick={() => setBucket(bucket === b ? null : b)}
            title={bucket === b ? 'Show every bucket' : `Show only ${overdueBucketWords[b]}`}
          >
            <span className="muted small">{overdueBucketWords[b]}</span>
            <strong>{moneyByCurrency(t.byCurrency)}</strong>
            <span className="small">
              {t.count} invoice{t.count === 1 ? '' : 's'}
            </span>
          </button>
        );
      })}
    </div>
  );
}

type Table = ReturnType<typeof useCollectionsTable>;

/** The table model over the filtered rows: the sort the header shows is the order the CSV keeps. */
function useCollectionsTable(entries: CollectionEntry[], showClient: boolean) {
  const { sorting, setSorting } = useCollections();
  const columns = useMemo(
    () => (showClient ? columnDefs : columnDefs.filter((c) => c.id !== 'client')),
    [showClient],
  );
  return useTable({
    features,
    columns,
    data: entries,
    getRowId: (e) => `${e.businessId}:${e.invoiceQboId}`,
    state: { sorting: sorting as SortingState },
    onSortingChange: (u: Updater<SortingState>) =>
      setSorting((typeof u === 'function' ? u(sorting as SortingState) : u) as CollectionsSort),
  });
}

function CollectionsTable({
  table,
  today,
  showClient,
  onLog,
}: {
  table: Table;
  today: string;
  showClient: boolean;
  onLog: (e: CollectionEntry) => void;
}) {
  const rows = table.getRowModel().rows;
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const [margin, setMargin] = useState(0);
  // Where the rows start on the page (the window scrolls them): again when the window's width moves
  // the summary and the toolbar.
  useLayoutEffect(() => {
    const measure = () =>
      setMargin((bodyRef.current?.getBoundingClientRect().top ?? 0) + window.scrollY);
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, [rows.length, showClient]);
  const virtualizer = useWindowVirtualizer({
    count: rows.length,
    estimateSize: () => 84,
    overscan: 10,
    scrollMargin: margin,
    getItemKey: (i) => rows[i]!.id,
  });
  const items = virtualizer.getVirtualItems();
  const padTop = items.length ? items[0]!.start - margin : 0;
  const padBottom = items.length
    ? virtualizer.getTotalSize() - (items[items.length - 1]!.end - margin)
    : 0;
  const shown = allColumns.filter((c) => showClient || c.id !== 'client');
  const classOf = (id: string) => shown.find((c) => c.id === id)?.className ?? '';
  return (
    <table
      className={`grid collections-table${showClient ? '' : ' one-client'}`}
      aria-label="Overdue invoices"
      aria-rowcount={rows.length + 1}
    >
      <thead>
        {table.getHeaderGroups().map((group) => (
          <tr key={group.id} aria-rowindex={1}>
            {group.headers.map((h) => {
              const sorted = h.column.getIsSorted();
              const label = String(h.column.columnDef.header ?? '');
              return (
                <th
                  key={h.id}
                  className={classOf(h.column.id)}
                  aria-sort={
                    sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined
                  }
                >
                  {h.column.getCanSort() ? (
                    <button
                      className="sort"
                      onClick={h.column.getToggleSortingHandler()}
                      title={`Sort by ${label.toLowerCase()}`}
                    >
                      {label}
                      <span aria-hidden="true" className="sort-mark">
                        {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}
                      </span>
                    </button>
                  ) : (
                    label
                  )}
                </th>
              );
            })}
          </tr>
        ))}
      </thead>
      <tbody ref={bodyRef}>
        {padTop > 0 && (
          <tr aria-hidden="true" className="spacer">
            <td colSpan={shown.length} style={{ height: padTop }} />
          </tr>
        )}
        {items.map((item) => {
          const row = rows[item.index]!;
          const e = row.original;
          return (
            <tr
              key={row.id}
              data-index={item.index}
              ref={virtualizer.measureElement}
              data-invoice={row.id}
              aria-rowindex={item.index + 2}
              className={e.due ? 'due' : ''}
            >
              {shown.map((c) => (
                <td key={c.id} className={c.className}>
                  <Cell id={c.id} e={e} today={today} onLog={onLog} />
                </td>
              ))}
            </tr>
          );
        })}
        {padBottom > 0 && (
          <tr aria-hidden="true" className="spacer">
            <td colSpan={shown.length} style={{ height: padBottom }} />
          </tr>
        )}
      </tbody>
    </table>
  );
}

/** `businessId`: this client's tab; without it, every client. */
export function Collections({ businessId }: { businessId?: string }) {
  const { view, error, bucket, client, setClient, setBucket, load, logCall, scope } =
    useCollections();
  const [logging, setLogging] = useState<CollectionEntry | null>(null);
  const id = useId();
  const mine = scope === (businessId ?? null);
  // Loaded when it opens, and again whenever the client list is (after a sync, a new connection).
  const overview = useClients((c) => c.rows);
  useEffect(() => {
    void load(businessId ?? null);
  }, [businessId, load, overview]);

  const clients = useMemo(() => {
    const seen = new Map<string, { name: string; count: number }>();
    for (const e of view?.entries ?? []) {
      const c = seen.get(e.businessId) ?? { name: e.clientName, count: 0 };
      c.count++;
      seen.set(e.businessId, c);
    }
    return [...seen].sort((a, b) => a[1].name.localeCompare(b[1].name));
  }, [view]);
  const totals = useMemo(
    () => bucketTotals(filterCollections(view?.entries ?? [], { businessId: client })),
    [view, client],
  );
  const filtered = useMemo(
    () => filterCollections(view?.entries ?? [], { bucket, businessId: client }),
    [view, bucket, client],
  );
  const table = useCollectionsTable(filtered, !businessId);
  // The rows exactly as the table shows them: filtered, then in the table's order.
  const onScreen = table.getRowModel().rows.map((r) => r.original);

  if (error && mine)
    return (
      <div className="error-state" role="alert">
        <p>Could not load the overdue invoices: {error}</p>
        <button onClick={() => void load(businessId ?? null)}>Try again</button>
      </div>
    );
  if (!view || !mine)
    return (
      <p className="muted" role="status">
        Loading the overdue invoices…
      </p>
    );
  const clientName = businessId ? view.entries[0]?.clientName : undefined;
  const exportCsv = () =>
    downloadFile(
      collectionsCsvName(view.today, clientName),
      collectionsCsv(onScreen),
      'text/csv;charset=utf-8',
    );
  return (
    <section
      className="collections"
      aria-label={businessId ? 'Collections' : 'Collections, all clients'}
    >
      {!businessId && <h2 className="screen-title">Collections</h2>}
      <Summary totals={totals} />
      {view.entries.length === 0 ? (
        <p className="empty">
          No invoice is overdue{businessId ? ' for this client' : ''}. Nothing to collect today.
        </p>
      ) : (
        <>
          <div className="collections-toolbar">
            {!businessId && (
              <span className="filter">
                <label htmlFor={`${id}-client`}>Client</label>
                <select
                  id={`${id}-client`}
                  value={client ?? ''}
                  onChange={(e) => setClient(e.target.value || null)}
                >
                  <option value="">All clients ({view.entries.length})</option>
                  {clients.map(([id, c]) => (
                    <option key={id} value={id}>
                      {c.name} ({c.count})
                    </option>
                  ))}
                </select>
              </span>
            )}
            <span className="filter">
              <label htmlFor={`${id}-bucket`}>Overdue</label>
              <select
                id={`${id}-bucket`}
                value={bucket ?? ''}
                onChange={(e) => setBucket((e.target.value || null) as typeof bucket)}
              >
                <option value="">Any age</option>
                {overdueBuckets.map((b) => (
                  <option key={b} value={b}>
                    {overdueBucketWords[b]} ({totals[b].count})
                  </option>
                ))}
              </select>
            </span>
            <span className="muted small" aria-live="polite">
              {onScreen.length === view.entries.length
                ? `${onScreen.length} overdue invoice${onScreen.length === 1 ? '' : 's'}`
                : `${onScreen.length} of ${view.entries.length} overdue invoices`}
              {' · '}
              {asOfWords(view.entries)}
            </span>
            <button className="export" onClick={exportCsv} disabled={onScreen.length === 0}>
              Export CSV
            </button>
          </div>
          {onScreen.length === 0 ? (
            <p className="empty">
              No overdue invoice matches these filters.{' '}
              <button
                className="link"
                onClick={() => {
                  setBucket(null);
                  setClient(null);
                }}
              >
                Show all
              </button>
            </p>
          ) : (
            <CollectionsTable
              table={table}
              today={view.today}
              showClient={!businessId}
              onLog={setLogging}
            />
          )}
        </>
      )}
      {logging && (
        <LogCallDialog
          entry={logging}
          today={view.today}
          onSave={(form) => logCall(logging.businessId, logging.invoiceQboId, form)}
          onClose={() => setLogging(null)}
        />
      )}
    </section>
  );
}
