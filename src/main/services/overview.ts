// The client list: every client with cash, runway, open tray items by severity, bills due this week,
// overdue receivables, last successful sync and connection, and a health status (src/core/runway/health.ts).
import type { ClientOverview, RunwaySummary } from '../../core/advisor-work.ts';
import { daysBetween, localDay } from '../../core/dates.ts';
import {
  defaultHealthThresholds,
  healthOf,
  type HealthThresholds,
} from '../../core/runway/health.ts';
import { projectRunway, type Runway } from '../../core/runway/runway.ts';
import type { Db } from '../db/open.ts';
import { openItemCounts } from '../db/repositories/hygiene-items.ts';
import { lastSuccessByClient } from '../db/repositories/sync-state.ts';
import { loadClientMoney, type ClientMoney } from './runway-inputs.ts';

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

export function clientOverview(
  db: Db,
  advisorId: string,
  now: Date,
  thresholds: HealthThresholds = defaultHealthThresholds,
): ClientOverview[] {
  const today = localDay(now);
  const money = loadClientMoney(db, advisorId, now);
  const counts = openItemCounts(db, advisorId);
  const syncs = lastSuccessByClient(db, advisorId);
  const lastSync = new Map(syncs.map((r) => [r.businessId, r.at]));
  const items = new Map<string, Record<'high' | 'medium' | 'low', number>>();
  for (const c of counts) {
    const rec = items.get(c.businessId) ?? { high: 0, medium: 0, low: 0 };
    rec[c.severity] = c.n;
    items.set(c.businessId, rec);
  }
  return [...money.values()].map((c) =>
    overviewOf(
      c,
      today,
      now,
      items.get(c.businessId) ?? { high: 0, medium: 0, low: 0 },
      lastSync.get(c.businessId) ?? null,
      thresholds,
    ),
  );
}

function overviewOf(
  c: ClientMoney,
  today: string,
  now: Date,
  openItems: Record<'high' | 'medium' | 'low', number>,
  lastSyncAt: string | null,
  t: HealthThresholds,
): ClientOverview {
  const r = projectRunway(c.input);
  const dueThisWeek = c.bills.filter(
    (b) =>
      b.dueDate !== null &&
      b.dueDate >= today &&
      daysBetween(today, b.dueDate) <= 6 &&
      b.homeCents !== null,
  );
  const overdue = c.invoices.filter(
    (v) => v.dueDate !== null && v.dueDate < today && v.homeCents !== null,
  );
  const syncAgeHours = lastSyncAt
    ? Math.max(0, (now.getTime() - Date.parse(lastSyncAt)) / 3_600_000)
    : null;
  const health = healthOf(
    {
      runwayWeeks: r.runwayWeeks,
      confidence: r.confidence,
      highItems: openItems.high,
      connectionState: c.connectionState,
      syncAgeHours,
    },
    t,
  );
  return {
    businessId: c.businessId,
    realmId: c.realmId,
    displayName: c.displayName,
    connectionState: c.connectionState,
    homeCurrency: c.homeCurrency,
    cashCents: r.cashCents,
    runwayWeeks: r.runwayWeeks,
    confidence: r.confidence,
    openItems,
    billsDueThisWeek: {
      count: dueThisWeek.length,
      cents: dueThisWeek.reduce((n, b) => n + b.homeCents!, 0),
    },
    overdueReceivables: {
      count: overdue.length,
      cents: overdue.reduce((n, v) => n + v.homeCents!, 0),
    },
    lastSyncAt,
    syncAgeHours: syncAgeHours === null ? null : Math.round(syncAgeHours * 10) / 10,
    health: health.status,
    healthReasons: health.reasons,
  };
}
