// The client view's header: cash, runway in days, the lowest point and confidence from the client's
// summary, "as of" its last sync, its tags, and the connection's state with the action that fixes it.
import { useEffect, useState } from 'react';
import { localDay } from '../../../core/dates.ts';
import {
  asOfWords,
  confidenceText,
  connectionFix,
  healthLabel,
  runwayDetail,
  runwayText,
} from '../client-words.ts';
import { shortDate, wholeMoney } from '../format.ts';
import { useApp } from '../store.ts';
import { clientRow, useClients } from '../stores/clients.ts';
import { useSync } from '../stores/sync.ts';
import '../styles/client-view.css';

const counted = (n: { count: number; cents: number }, currency: string) =>
  n.count === 0 ? 'none' : `${n.count} · ${wholeMoney(n.cents, currency)}`;

function Tags({ businessId, tags }: { businessId: string; tags: string[] }) {
  const [adding, setAdding] = useState(false);
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const tagClient = useClients((s) => s.tagClient);
  const change = async (c: { add?: string[]; remove?: string[] }) => {
    const p = await tagClient(businessId, c);
    setProblem(p);
    if (!p) {
      setText('');
      setAdding(false);
    }
  };
  return (
    <div className="cv-tags" aria-label="Tags" role="group">
      {tags.map((t) => (
        <span key={t} className="cv-tag">
          {t}
          <button
            className="cv-tag-remove"
            aria-label={`Remove tag ${t}`}
            title={`Remove tag ${t}`}
            onClick={() => void change({ remove: [t] })}
          >
            ×
          </button>
        </span>
      ))}
      {adding ? (
        <form
          className="cv-tag-form"
          onSubmit={(e) => {
            e.preventDefault();
            void change({ add: [text] });
          }}
        >
          <input
            aria-label="New tag"
            value={text}
            maxLength={30}
            autoFocus
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.stopPropagation();
                setAdding(false);
                setProblem(null);
              }
            }}
          />
          <button type="submit">Add</button>
        </form>
      ) : (
        <button className="link" onClick={() => setAdding(true)}>
          + Add tag
        </button>
      )}
      {problem && (
        <span className="error small" role="alert">
          {problem}
        </span>
      )}
    </div>
  );
}

export function ClientHeader({ businessId }: { businessId: string }) {
  const row = useClients((s) => clientRow(s, businessId));
  const error = useClients((s) => s.headers[businessId]?.error);
  const loadHeader = useClients((s) => s.loadHeader);
  // Every write in the client view (a decision, a tray choice, a recurring choice) ends in a notice: the
  // header reads its row again then, so cash, runway and the lowest point follow what was just done.
  const notice = useApp((s) => s.notice);
  const syncing = useSync((s) => s.running);
  const { run, connectClient } = useSync.getState();
  useEffect(() => {
    void loadHeader(businessId);
  }, [businessId, notice, loadHeader]);

  if (!row)
    return (
      <div className="cv-header">
        {error ? (
          <p className="error" role="alert">
            This client could not be loaded: {error}{' '}
            <button onClick={() => void loadHeader(businessId)}>Try again</button>
          </p>
        ) : (
          <p className="muted" role="status">
            Loading the client…
          </p>
        )}
      </div>
    );

  const now = new Date();
  const f = row.figures;
  const cur = row.homeCurrency;
  const fix = connectionFix(row, now);
  const asOf = asOfWords(row.lastSyncAt, now);
  const confidence = f && confidenceText(f);
  return (
    <div className="cv-header">
      <div className="cv-title">
        <h2 title={row.displayName}>{row.displayName}</h2>
        {f && (
          <span
            className={`cv-health cv-health-${row.health}`}
            title={row.healthReasons.join('; ')}
          >
            {healthLabel[row.health]}
          </span>
        )}
        <span className="cv-asof muted">
          {f ? `Numbers ${asOf}` : 'Not synced yet'}
          {f && row.computedOn && row.computedOn !== localDay(now) && (
            <> · forecast from {shortDate(row.computedOn)}</>
          )}
        </span>
      </div>
      {f && row.healthReasons.length > 0 && (
        <p className="cv-reasons muted small" title={row.healthReasons.join('; ')}>
          Why: {row.healthReasons.join(' · ')}
        </p>
      )}
      <div className="cv-body">
        {f ? (
          <dl className="cv-figures">
            <div>
              <dt>Cash</dt>
              <dd className={`cv-figure${f.cashCents < 0 ? ' negative' : ''}`}>
                {wholeMoney(f.cashCents, cur)}
              </dd>
              <dd className="cv-detail">in the bank</dd>
            </div>
            <div>
              <dt>Runway</dt>
              <dd
                className={`cv-figure${f.runwayDays !== null && f.runwayDays < 28 ? ' negative' : ''}`}
              >
                {runwayText(f)}
              </dd>
              <dd className="cv-detail" title={runwayDetail(f)}>
                {f.runwayDays === null
                  ? 'above zero throughout'
                  : f.runwayDays === 0
                    ? 'below zero today'
                    : `below zero on ${shortDate(f.firstBelowZero ?? f.lowest.date)}`}
              </dd>
            </div>
            <div>
              <dt>Lowest point</dt>
              <dd className={`cv-figure${f.lowest.cashCents < 0 ? ' negative' : ''}`}>
                {wholeMoney(f.lowest.cashCents, cur)}
              </dd>
              <dd className="cv-detail">on {shortDate(f.lowest.date)}</dd>
            </div>
            <div>
              <dt>Confidence</dt>
              <dd className="cv-figure">{confidence!.level}</dd>
              <dd className="cv-detail" title={confidence!.detail}>
                {confidence!.detail.split('. ')[0]}
              </dd>
            </div>
          </dl>
        ) : (
          <p className="cv-none">
            No numbers yet: the first sync brings this client’s books in from QuickBooks.
          </p>
        )}
        <div className={`cv-connection cv-tone-${fix.tone}`} role="group" aria-label="Connection">
          <strong>{fix.state}</strong>
          <span className="small">{fix.detail}</span>
          {fix.action && (
            <button
              className={fix.tone === 'danger' || fix.tone === 'warning' ? 'primary' : ''}
              disabled={fix.action.does === 'sync' && syncing}
              onClick={() =>
                void (fix.action!.does === 'connect' ? connectClient() : run(businessId))
              }
            >
              {fix.action.does === 'sync' && syncing ? 'Syncing…' : fix.action.label}
            </button>
          )}
        </div>
      </div>
      {f && (
        <p className="cv-more small">
          <span>
            Bills due in 7 days <strong>{counted(f.billsDueThisWeek, cur)}</strong>
          </span>
          <span>
            Overdue receivables <strong>{counted(f.overdueReceivables, cur)}</strong>
          </span>
          <span>
            Open bills <strong>{counted(f.openPayables, cur)}</strong>
          </span>
          <span>
            Open invoices <strong>{counted(f.openReceivables, cur)}</strong>
          </span>
        </p>
      )}
      <Tags businessId={businessId} tags={row.tags} />
    </div>
  );
}
