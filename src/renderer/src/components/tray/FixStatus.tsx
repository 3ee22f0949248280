// Where an item's fixes stand: waiting to be sent, sent, applied, failed (with QuickBooks' reason and a
// retry), or in conflict: then both values side by side, mine and QuickBooks', with Keep mine / Keep
// theirs (outbox:resolve). A conflict asks the advisor, so the tray shows it under its row, open.
import type { OutboxFix } from '../../../../core/fixes.ts';
import { fixStateWords } from '../../../../core/words.ts';
import { conflictRows } from './fix-words.ts';

const tone: Record<string, string> = {
  pending: 'pending',
  sending: 'pending',
  applied: 'ok',
  failed: 'bad',
  conflict: 'bad',
  discarded: 'muted',
};

export function Conflict({
  fix,
  busy,
  onResolve,
}: {
  fix: OutboxFix;
  busy: boolean;
  onResolve: (keep: 'mine' | 'theirs') => void;
}) {
  const rows = conflictRows(fix.changes, fix.theirs);
  return (
    <div className="fix-conflict" data-conflict={fix.id}>
      <p className="small">
        QuickBooks changed the same field since you made this fix. Nothing was overwritten: choose
        which value stays.
      </p>
      <table className="conflict-values" aria-label={`Conflict of fix ${fix.id}`}>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Mine</th>
            <th scope="col">QuickBooks'</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.field}>
              <th scope="row">{r.field}</th>
              <td data-side="mine">{r.mine}</td>
              <td data-side="theirs">{r.theirs}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="row-actions">
        <button className="primary" disabled={busy} onClick={() => onResolve('mine')}>
          Keep mine
        </button>
        <button disabled={busy} onClick={() => onResolve('theirs')}>
          Keep theirs
        </button>
      </div>
    </div>
  );
}

export function FixStatus({
  fixes,
  busy,
  onResolve,
}: {
  fixes: readonly OutboxFix[];
  busy: boolean;
  onResolve: (fixId: number, keep: 'mine' | 'theirs') => void;
}) {
  if (fixes.length === 0) return null;
  return (
    <div className="fix-status">
      {fixes.map((f) => (
        <div key={f.id} data-fix={f.state} className="small">
          <span className={`fix-pill fix-pill-${tone[f.state] ?? 'muted'}`}>
            {fixStateWords[f.state]}
          </span>{' '}
          {f.summary}
          {f.state === 'failed' && (
            <>
              {f.reason && <span className="muted">: {f.reason}</span>}{' '}
              <button className="link" disabled={busy} onClick={() => onResolve(f.id, 'mine')}>
                Try again
              </button>
            </>
          )}
        </div>
      ))}
    </div>
  );
}
