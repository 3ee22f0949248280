// The client list: every client with cash, runway in days and the lowest point (its daily forecast),
// open tray items by severity, bills due this week, receivables, last successful sync, connection and a
// health status (src/core/runway/health.ts). The numbers are the summaries the writers keep
// (services/client-summary.ts, table client_summaries): this file only reads them.
import type { ClientOverview, RunwaySummary } from '../../core/advisor-work.ts';
import { CodedError } from '../../core/result.ts';
import {
  defaultHealthThresholds,
  healthOf,
  type HealthThresholds,
} from '../../core/runway/health.ts';
import type { Runway } from '../../core/runway/runway.ts';
import type { Db } from '../db/open.ts';
import {
  clientSummaryRow,
  clientSummaryRows,
  type ClientSummaryRow,
} from '../db/repositories/client-summaries.ts';
import type { Scope } from '../db/scope.ts';

export function runwaySummary(r: Runway, foreignWithoutRate: number): RunwaySummary {
  return {
    cashCents: r.cashCents,
    weeklyBurnCents: r.weeklyBurnCents,
    runwayWeeks: r.runwayWeeks,
    confidence: r.confidence,
    weeks: r.weeks,
    heldCents: r.heldCents,
    excluded: { ...r.excluded, foreignWithoutRate },
  };
}

/** Hours since `at` (never negative: a clock moved back), or null when there was none. */
const hoursSince = (at: string | null, now: Date): number | null =>
  at === null ? null : Math.max(0, (now.getTime() - Date.parse(at)) / 3_600_000);

/** A list row as the screens show it: its health from the summary's facts and the clock. */
export function overviewOf(
  r: ClientSummaryRow,
  now: Date,
  t: HealthThresholds = defaultHealthThresholds,
): ClientOverview {
  const s = r.summary;
  const f = s?.figures ?? null;
  const lastSyncAt = s?.lastSuccessAt ?? null;
  const syncAgeHours = hoursSince(lastSyncAt, now);
  const openItems = s?.openItems ?? { high: 0, medium: 0, low: 0 };
  const failedLast = s?.lastErrorAt != null && (lastSyncAt === null || s.lastErrorAt > lastSyncAt);
  const health = healthOf(
    {
      // The health thresholds are in weeks; the forecast counts days (null: above zero throughout).
      runwayWeeks: f === null || f.runwayDays === null ? null : f.runwayDays / 7,
      confidence: f === null ? 1 : 1 - f.confidence.flaggedShare,
      highItems: openItems.high,
      connectionState: r.connectionState,
      syncAgeHours: f === null ? null : syncAgeHours,
    },
    t,
  );
  return {
    businessId: r.businessId,
    realmId: r.realmId,
    displayName: r.displayName,
    connectionState: r.connectionState,
    homeCurrency: r.homeCurrency,
    tags: r.tags,
    figures: f,
    computedOn: s?.computedOn ?? null,
    openItems,
    lastSyncAt,
    syncAgeHours: syncAgeHours === null ? null : Math.round(syncAgeHours * 10) / 10,
    syncProblem:
      failedLast && s?.lastErrorAt
        ? {
            code: s.lastErrorCode ?? 'UNAVAILABLE',
            message: s.lastError ?? 'The last sync failed.',
            at: s.lastErrorAt,
          }
        : null,
    health: health.status,
    healthReasons: health.reasons,
  };
}

/**
 * The client list: one indexed read of the summaries the writers keep (services/client-summary.ts),
 * joined with each client's row. Writes nothing and computes no forecast.
 */
export function clientOverview(
  db: Db,
  advisorId: string,
  now: Date,
  thresholds: HealthThresholds = defaultHealthThresholds,
): ClientOverview[] {
  return clientSummaryRows(db, advisorId).map((r) => overviewOf(r, now, thresholds));
}

/** One client's row (the client view's header). */
export function clientOverviewOf(
  db: Db,
  s: Scope,
  now: Date,
  thresholds: HealthThresholds = defaultHealthThresholds,
): ClientOverview {
  const r = clientSummaryRow(db, s);
  if (!r) throw new CodedError('NOT_FOUND', `No client ${s.businessId}.`);
  return overviewOf(r, now, thresholds);
}
