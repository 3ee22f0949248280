// The client list and the client view's header in the advisor's words: when the numbers are from ("as of
// 14:02 today"), runway in days, confidence as a level, health as what to do, and the connection with
// the action that fixes it. One home, so the list, the header and the badge say the same things.
import type { ClientFigures, ClientOverview } from '../../core/advisor-work.ts';
import { localDay } from '../../core/dates.ts';
import { confidenceWords } from '../../core/digest/confidence.ts';
import { horizonDays } from '../../core/forecast/projection.ts';
import { longDate, shortDate } from './format.ts';

const two = (n: number) => String(n).padStart(2, '0');
const clock = (d: Date) => `${two(d.getHours())}:${two(d.getMinutes())}`;

/** "14:02 today", "yesterday 09:10", "Nov 28", "Nov 28, 2025": when a sync happened, for `now`. */
export function whenWords(iso: string, now: Date): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const day = localDay(at);
  if (day === localDay(now)) return `${clock(at)} today`;
  if (day === localDay(new Date(now.getTime() - 86_400_000))) return `yesterday ${clock(at)}`;
  return day.slice(0, 4) === localDay(now).slice(0, 4) ? shortDate(day) : longDate(day);
}

/** "as of 14:02 today", or what to say when the client was never synced. */
export const asOfWords = (lastSyncAt: string | null, now: Date): string =>
  lastSyncAt === null ? 'not synced yet' : `as of ${whenWords(lastSyncAt, now)}`;

const days = (n: number) => (n === 1 ? '1 day' : `${n} days`);

/** "38 days", "0 days" (below zero today), "91+ days" (above zero all the forecast's days). */
export function runwayText(f: ClientFigures): string {
  return f.runwayDays === null ? `${horizonDays}+ days` : days(f.runwayDays);
}

/** The runway's sentence for a title: "Cash first goes below zero on Jan 8" / "stays above zero". */
export function runwayDetail(f: ClientFigures): string {
  if (f.runwayDays === null)
    return `Cash stays above zero for all ${horizonDays} days of the forecast.`;
  return `Cash first goes below zero ${f.runwayDays === 0 ? 'today' : `on ${shortDate(f.firstBelowZero ?? f.lowest.date)}`}.`;
}

/** Confidence as a level ("High") with what it rests on, instead of a bare "92% sure". */
export function confidenceText(f: ClientFigures): { level: string; detail: string } {
  const w = confidenceWords(f.confidence);
  return { level: w.level, detail: `${w.headline}. ${w.detail}` };
}

export const healthLabel = {
  red: 'Needs attention',
  amber: 'Watch',
  green: 'Healthy',
} as const satisfies Record<ClientOverview['health'], string>;

/** What the connection needs, and the action that fixes it (the header's button). */
export type ConnectionFix = {
  tone: 'ok' | 'warning' | 'danger' | 'muted';
  state: string;
  detail: string;
  action: { label: string; does: 'connect' | 'sync' } | null;
};

export function connectionFix(c: ClientOverview, now = new Date()): ConnectionFix {
  if (c.connectionState === 'reconnect_needed')
    return {
      tone: 'danger',
      state: 'Reconnect needed',
      detail:
        'QuickBooks no longer accepts this connection; until it is renewed nothing new comes in.',
      action: { label: 'Reconnect', does: 'connect' },
    };
  if (c.connectionState === 'disconnected')
    return {
      tone: 'muted',
      state: 'Disconnected',
      detail: 'RowCol no longer syncs this client; the numbers are the last ones it had.',
      action: { label: 'Connect again', does: 'connect' },
    };
  const p = c.syncProblem;
  const at = p ? `The sync of ${whenWords(p.at, now)}` : '';
  if (p?.code === 'OFFLINE')
    return {
      tone: 'warning',
      state: 'QuickBooks unreachable',
      detail: `${at} could not reach QuickBooks: ${p.message}`,
      action: { label: 'Try again', does: 'sync' },
    };
  if (p?.code === 'AUTH_REQUIRED')
    return {
      tone: 'danger',
      state: 'Reconnect needed',
      detail: `${at} was refused: ${p.message}`,
      action: { label: 'Reconnect', does: 'connect' },
    };
  if (p?.code === 'RATE_LIMITED')
    return {
      tone: 'warning',
      state: 'QuickBooks asked to slow down',
      detail: `${at} was throttled; the next one picks up where it stopped.`,
      action: { label: 'Try again', does: 'sync' },
    };
  if (p)
    return {
      tone: 'warning',
      state: 'Last sync failed',
      detail: `${at} failed: ${p.message}`,
      action: { label: 'Try again', does: 'sync' },
    };
  if (c.figures === null)
    return {
      tone: 'muted',
      state: 'Not synced yet',
      detail: 'Connected; its books come in at the first sync.',
      action: { label: 'Sync now', does: 'sync' },
    };
  return {
    tone: 'ok',
    state: 'Connected',
    detail: 'Syncing with QuickBooks.',
    action: { label: 'Sync this client', does: 'sync' },
  };
}

/** The list's last-sync cell: the connection's problem when there is one, else when it last synced. */
export function syncCell(
  c: ClientOverview,
  now: Date,
): { text: string; tone: ConnectionFix['tone'] } {
  const fix = connectionFix(c, now);
  if (fix.tone === 'danger' || fix.tone === 'warning' || c.connectionState === 'disconnected')
    return { text: fix.state, tone: fix.tone };
  return c.lastSyncAt === null
    ? { text: 'Never', tone: 'muted' }
    : { text: whenWords(c.lastSyncAt, now), tone: 'ok' };
}

/**
 * QuickBooks is unreachable when the latest sync attempt of any client failed for want of a network
 * (OFFLINE: the server did not answer), and no sync succeeded since. Returns when, or null.
 */
export function offlineSince(rows: readonly ClientOverview[]): string | null {
  let latest: { at: string; offline: boolean } | null = null;
  for (const c of rows) {
    for (const a of [
      c.lastSyncAt && { at: c.lastSyncAt, offline: false },
      c.syncProblem && { at: c.syncProblem.at, offline: c.syncProblem.code === 'OFFLINE' },
    ])
      if (a && (!latest || a.at > latest.at)) latest = a;
  }
  return latest?.offline ? latest.at : null;
}
