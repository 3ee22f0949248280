// Sync progress as "N of M clients", a bar per client that is syncing (and the last few that finished),
// and Cancel (sync:cancel): each client stops after its committed pages and resumes there next time.
import { fetched, shareDone, useSync, type ClientSync } from '../stores/sync.ts';
import { useClients } from '../stores/clients.ts';
import '../styles/app-status.css';

const shown = 8;
const stateWords: Record<ClientSync['state'], string> = {
  starting: 'Starting',
  syncing: 'Syncing',
  waiting: 'Waiting',
  done: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
};
const codeWords: Record<string, string> = {
  OFFLINE: 'QuickBooks unreachable',
  AUTH_REQUIRED: 'reconnect needed',
  RATE_LIMITED: 'QuickBooks asked to slow down',
};

function statusOf(c: ClientSync): string {
  const { pages, records } = fetched(c);
  if (c.state === 'starting') return 'Starting…';
  if (c.state === 'waiting') return `Waiting for another RowCol (${c.holder ?? 'elsewhere'})`;
  if (c.state === 'failed') return `Failed: ${codeWords[c.errorCode ?? ''] ?? 'see its page'}`;
  const what = c.entity === 'all' ? 'changes' : c.entity ? `${c.entity}s` : 'starting';
  const counts = `${pages} page${pages === 1 ? '' : 's'}, ${records.toLocaleString('en-US')} records`;
  if (c.state === 'syncing') return `${what} · ${counts}`;
  return `${stateWords[c.state]} · ${counts}`;
}

export function SyncProgress() {
  const { running, cancelling, total, done, clients, preparing } = useSync();
  const cancel = useSync((s) => s.cancel);
  const rows = useClients((s) => s.rows);
  if (!running) return null;
  const nameOf = (id: string) => rows?.find((c) => c.businessId === id)?.displayName ?? id;
  // Those syncing first, then those about to, then the finished ones (the latest first).
  const rank = (c: ClientSync) =>
    c.state === 'syncing' || c.state === 'waiting' ? 0 : c.state === 'starting' ? 1 : 2;
  const list = Object.values(clients).sort(
    (a, b) => rank(a) - rank(b) || (rank(a) === 2 ? b.order - a.order : a.order - b.order),
  );
  const headline =
    total === 0
      ? (preparing ?? 'Starting sync…')
      : `Syncing clients: ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} done`;
  return (
    <section className="sync-panel" aria-label="Sync progress">
      <div className="sync-head">
        <strong className="sync-headline">{cancelling ? 'Cancelling…' : headline}</strong>
        <div
          className="sync-bar sync-bar-all"
          role="progressbar"
          aria-label="Clients synced"
          aria-valuemin={0}
          aria-valuemax={Math.max(total, 1)}
          aria-valuenow={done}
          aria-valuetext={`${done} of ${total} clients`}
        >
          <span style={{ width: `${total ? (100 * done) / total : 0}%` }} />
        </div>
        <button
          className="danger"
          onClick={() => void cancel()}
          disabled={cancelling || total === 0}
        >
          Cancel
        </button>
      </div>
      {list.length > 0 && (
        <ul className="sync-clients">
          {list.slice(0, shown).map((c) => {
            const pct = Math.round(100 * shareDone(c));
            return (
              <li
                key={c.businessId}
                className={`sync-client sync-${c.state}`}
                data-sync-client={c.businessId}
              >
                <span className="sync-name" title={nameOf(c.businessId)}>
                  {nameOf(c.businessId)}
                </span>
                <div
                  className="sync-bar"
                  role="progressbar"
                  aria-label={`Sync of ${nameOf(c.businessId)}`}
                  aria-valuemin={0}
                  aria-valuemax={100}
                  aria-valuenow={pct}
                  aria-valuetext={statusOf(c)}
                >
                  <span style={{ width: `${pct}%` }} />
                </div>
                <span className="sync-status small">{statusOf(c)}</span>
              </li>
            );
          })}
          {list.length > shown && (
            <li className="muted small sync-more">
              and {(list.length - shown).toLocaleString('en-US')} more
            </li>
          )}
        </ul>
      )}
    </section>
  );
}
