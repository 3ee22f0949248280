// "Offline" in the window's header while QuickBooks cannot be reached: the latest sync attempt failed
// for want of a network (error code OFFLINE, from the clients' summaries, or from this session's sync
// events while a run goes on). It says how old the numbers on screen are.
import { offlineSince, whenWords } from '../client-words.ts';
import { useClients } from '../stores/clients.ts';
import { useSync } from '../stores/sync.ts';
import '../styles/app-status.css';

export function OfflineBadge() {
  const rows = useClients((s) => s.rows);
  const live = useSync((s) => (s.running ? s.liveOffline : undefined));
  const since = live ? (live.offline ? live.at : null) : offlineSince(rows ?? []);
  if (!since) return null;
  const now = new Date();
  const latest = (rows ?? [])
    .map((c) => c.lastSyncAt)
    .filter((t): t is string => t !== null)
    .sort()
    .at(-1);
  const title = `QuickBooks could not be reached since ${whenWords(since, now)}. The numbers shown are from each client’s last sync${latest ? ` (the latest ${whenWords(latest, now)})` : ''}; Sync now tries again.`;
  return (
    <span className="offline-badge" role="status" title={title} aria-label={`Offline: ${title}`}>
      <span className="offline-dot" aria-hidden="true" />
      Offline
      {latest && <span className="offline-asof"> · as of {whenWords(latest, now)}</span>}
    </span>
  );
}
