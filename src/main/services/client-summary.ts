// The client list's numbers, kept by the writers (issue 13 §4, issue 14 §2): each writer that changes
// what a client's row shows computes the row again in its own transaction, so the list reads one table
// and never computes (reads never write, and 2,000 clients cost one indexed read).
//
// Who calls refreshClientSummary: recomputeTray (services/tray/recompute.ts), which every writer of a
// client's data already runs in its transaction (the end of each sync, a decision or bulk re-date, a
// logged call, a recorded fix, tray:recheck, refreshTrays when the day rolls over); a tray choice
// (services/tray/tray.ts decideTrayItem: approving an item changes the confidence); a recurring choice
// (services/forecast.ts chooseRecurring). refreshSummaries is the writer's catch-up (after a sync run,
// the app's minute tick): clients never summarised (a database from before migration 014) or summarised
// on another day.
import type { ClientFigures, Counted } from '../../core/advisor-work.ts';
import { daysBetween, localDay } from '../../core/dates.ts';
import { projectCash } from '../../core/forecast/projection.ts';
import type { Db } from '../db/open.ts';
import {
  openItemsBySeverity,
  saveClientSummary,
  summaryDays,
  syncAttempt,
  type ClientSummary,
} from '../db/repositories/client-summaries.ts';
import { clientExists } from '../db/repositories/clients.ts';
import type { Scope } from '../db/scope.ts';
import { writeTransaction } from '../db/transaction.ts';
import { forecastParts } from './forecast.ts';
import { loadClientMoney, type OpenRecord } from './runway-inputs.ts';

const counted = (records: readonly OpenRecord[]): Counted => {
  const placed = records.filter((r) => r.homeCents !== null);
  return { count: placed.length, cents: placed.reduce((n, r) => n + r.homeCents!, 0) };
};

/** The client's figures from its daily forecast and its open bills and invoices, as of `now`. */
function figuresOf(db: Db, s: Scope, now: Date): ClientFigures | null {
  const money = loadClientMoney(db, s.advisorId, now, s.businessId).get(s.businessId);
  if (!money) return null;
  const today = money.input.today;
  const f = projectCash(forecastParts(db, s, now, money).input);
  const dueThisWeek = money.bills.filter(
    (b) => b.dueDate !== null && b.dueDate >= today && daysBetween(today, b.dueDate) <= 6,
  );
  const overdue = money.invoices.filter((v) => v.dueDate !== null && v.dueDate < today);
  return {
    cashCents: f.openingCashCents,
    runwayDays: f.runwayDays,
    lowest: f.lowest,
    firstBelowZero: f.firstBelowZero,
    confidence: f.confidence,
    openPayables: counted(money.bills),
    openReceivables: counted(money.invoices),
    billsDueThisWeek: counted(dueThisWeek),
    overdueReceivables: counted(overdue),
    unconverted: money.foreignWithoutRate,
  };
}

/**
 * Computes the client's row of the list again and keeps it (a writer's step: call it where the data
 * changed, inside that writer's transaction). The figures only once the client has a successful sync.
 * Returns undefined when there is no such client (deleted meanwhile).
 */
export function refreshClientSummary(db: Db, s: Scope, now: Date): ClientSummary | undefined {
  return writeTransaction(db, () => {
    if (!clientExists(db, s.advisorId, s.businessId)) return undefined;
    const attempt = syncAttempt(db, s);
    const summary: ClientSummary = {
      ...attempt,
      computedAt: now.toISOString(),
      computedOn: localDay(now),
      figures: attempt.lastSuccessAt === null ? null : figuresOf(db, s, now),
      openItems: openItemsBySeverity(db, s),
    };
    saveClientSummary(db, s, summary);
    return summary;
  });
}

/**
 * The writer's catch-up: summarises the clients (all, or those named) never summarised or summarised
 * on another day than `now`'s. Returns the clients refreshed.
 */
export function refreshSummaries(
  db: Db,
  advisorId: string,
  now: Date,
  businessIds?: readonly string[],
): string[] {
  const today = localDay(now);
  const wanted = businessIds ? new Set(businessIds) : null;
  const due = summaryDays(db, advisorId)
    .filter((r) => (!wanted || wanted.has(r.businessId)) && r.computedOn !== today)
    .map((r) => r.businessId);
  for (const businessId of due) refreshClientSummary(db, { advisorId, businessId }, now);
  return due;
}
