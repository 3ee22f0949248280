// The client's connection or sync problem, at the top of the tray: what is wrong in one line, what
// QuickBooks said, and the one action that fixes it (Reconnect, Retry sync). Not an item to approve.
import type { SyncProblem } from '../../../../core/tray/sync-problem.ts';
import { moment } from './moment.ts';

export function SyncBanner({
  problem,
  syncing,
  onReconnect,
  onRetry,
}: {
  problem: SyncProblem;
  syncing: boolean;
  onReconnect: () => void;
  onRetry: () => void;
}) {
  return (
    <section
      className={`sync-banner sync-banner-${problem.kind}`}
      aria-label="Connection to QuickBooks"
      data-sync-problem={problem.kind}
    >
      <div className="sync-banner-text">
        <strong>{problem.title}</strong>
        <div className="small">
          {problem.detail && <span>{problem.detail.replace(/\.?$/, '.')} </span>}
          {problem.since && <span>Since {moment(problem.since)}.</span>}
        </div>
      </div>
      {problem.action === 'reconnect' ? (
        <button className="primary" onClick={onReconnect}>
          Reconnect
        </button>
      ) : (
        <button className="primary" onClick={onRetry} disabled={syncing}>
          {syncing ? 'Syncing…' : 'Retry sync'}
        </button>
      )}
    </section>
  );
}
