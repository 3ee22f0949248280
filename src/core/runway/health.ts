// Health status of a client for the client list: one colour from documented thresholds, with the
// reasons spelled out so the advisor sees why (issue 5 §2).
//
//   red   when runway < redRunwayWeeks (4), or the connection needs the advisor (reconnect/disconnected),
//         or the last successful sync is older than redSyncAgeHours (7 days) or never happened.
//   amber when runway < amberRunwayWeeks (12), or any open high-severity tray item, or confidence below
//         amberConfidence (0.8: more than a fifth of the projected money sits in flagged records), or the
//         last successful sync is older than amberSyncAgeHours (24 h).
//   green otherwise. An unbounded runway (null) counts as long.

export type HealthStatus = 'green' | 'amber' | 'red';

export type HealthThresholds = {
  redRunwayWeeks: number;
  amberRunwayWeeks: number;
  amberConfidence: number;
  amberSyncAgeHours: number;
  redSyncAgeHours: number;
};

export const defaultHealthThresholds: HealthThresholds = {
  redRunwayWeeks: 4,
  amberRunwayWeeks: 12,
  amberConfidence: 0.8,
  amberSyncAgeHours: 24,
  redSyncAgeHours: 24 * 7,
};

export type HealthFacts = {
  runwayWeeks: number | null;
  confidence: number;
  highItems: number;
  connectionState: 'connected' | 'reconnect_needed' | 'disconnected';
  /** Hours since the last successful sync; null = never synced. */
  syncAgeHours: number | null;
};

export function healthOf(
  f: HealthFacts,
  t: HealthThresholds = defaultHealthThresholds,
): { status: HealthStatus; reasons: string[] } {
  const red: string[] = [];
  const amber: string[] = [];
  if (f.runwayWeeks !== null && f.runwayWeeks < t.redRunwayWeeks)
    red.push(`runway under ${t.redRunwayWeeks} weeks`);
  else if (f.runwayWeeks !== null && f.runwayWeeks < t.amberRunwayWeeks)
    amber.push(`runway under ${t.amberRunwayWeeks} weeks`);
  if (f.connectionState !== 'connected')
    red.push(f.connectionState === 'reconnect_needed' ? 'reconnect needed' : 'disconnected');
  if (f.syncAgeHours === null) red.push('never synced');
  else if (f.syncAgeHours > t.redSyncAgeHours)
    red.push(`not synced for over ${Math.round(t.redSyncAgeHours / 24)} days`);
  else if (f.syncAgeHours > t.amberSyncAgeHours)
    amber.push(`not synced for over ${t.amberSyncAgeHours} hours`);
  if (f.highItems > 0)
    amber.push(`${f.highItems} high-severity tray item${f.highItems === 1 ? '' : 's'}`);
  if (f.confidence < t.amberConfidence)
    amber.push(`only ${Math.round(f.confidence * 100)}% of projected money is in clean records`);
  if (red.length) return { status: 'red', reasons: [...red, ...amber] };
  if (amber.length) return { status: 'amber', reasons: amber };
  return { status: 'green', reasons: [] };
}
