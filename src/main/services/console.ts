// The decision console (list_payment_ready) and recording decisions on bills.
import type { ConsoleView } from '../../core/advisor-work.ts';
import {
  compareOutcome,
  consoleBills,
  groupConsole,
  type PaymentReadyBill,
} from '../../core/console/console.ts';
import { isIsoDay, localDay } from '../../core/dates.ts';
import { defaultHygieneThresholds, type HygieneThresholds } from '../../core/hygiene/codes.ts';
import { projectRunway } from '../../core/runway/runway.ts';
import { CodedError } from '../../core/result.ts';
import { dayImpactOf } from '../../core/forecast/view.ts';
import type { ArgOf } from '../../core/contract.ts';
import type { Db } from '../db/open.ts';
import { billImpacts, forecastParts } from './forecast.ts';
import { unsettledFixesByRecord } from '../db/repositories/outbox.ts';
import { clientExists } from '../db/repositories/clients.ts';
import { currentDecisions, recordDecision } from '../db/repositories/decisions.ts';
import { billToDecide } from '../db/repositories/mirror.ts';
import type { Scope } from '../db/scope.ts';
import { writeTransaction } from '../db/transaction.ts';
import { runwaySummary } from './overview.ts';
import { loadClientMoney, type ClientMoney } from './runway-inputs.ts';
import { recomputeTray } from './tray/recompute.ts';

/** Complete open bills (vendor, positive amount, due date), ready for a decision. */
function paymentReady(c: ClientMoney): PaymentReadyBill[] {
  return c.bills
    .filter((b) => b.counterpartyId !== null && b.balanceCents > 0 && b.dueDate !== null)
    .map((b) => ({
      qboId: b.qboId,
      docNumber: b.docNumber,
      vendorName: b.counterpartyName,
      txnDate: b.txnDate,
      dueDate: b.dueDate!,
      balanceCents: b.balanceCents,
      currency: b.currency,
      homeCents: b.homeCents,
      decision: null, // filled from the decisions table by consoleView
    }));
}

/**
 * `dayImpacts: false` skips the forecast's per-bill impacts (the digest, which builds the console of every
 * client, computes them for the few bills it lists). `money`: the client's runway inputs when the caller
 * loaded them already (the digest loads every client's at once).
 */
export function consoleView(
  db: Db,
  s: Scope,
  now: Date,
  delayTo?: string,
  { dayImpacts = true, money }: { dayImpacts?: boolean; money?: ClientMoney } = {},
): ConsoleView {
  if (delayTo !== undefined && !isIsoDay(delayTo))
    throw new CodedError('INVALID_INPUT', `Not a date (YYYY-MM-DD): ${delayTo}.`);
  const c = money ?? loadClientMoney(db, s.advisorId, now, s.businessId).get(s.businessId);
  if (!c) throw new CodedError('NOT_FOUND', `No client ${s.businessId}.`);
  const today = localDay(now);
  const runway = projectRunway(c.input);
  const decisions = currentDecisions(db, s);
  const byBill = new Map(decisions.map((d) => [d.billQboId, d]));
  const bills = paymentReady(c).map((b) => {
    const d = byBill.get(b.qboId);
    return {
      ...b,
      decision: d
        ? {
            id: d.id,
            action: d.action,
            plannedDate: d.plannedDate,
            note: d.note,
            decidedBy: d.decidedBy,
            decidedAt: d.decidedAt,
            outcome: d.outcome,
            outcomeDate: d.outcomeDate,
          }
        : null,
    };
  });
  // A bill with a fix on its way to QBO says so (its mirror row already shows the new value).
  const fixesOf = unsettledFixesByRecord(db, s);
  const listed = consoleBills(today, runway.flows, bills, c.billFlags, delayTo);
  // The day-level impact of each bill, from the daily forecast (one baseline, two moves per bill).
  const impacts = dayImpacts
    ? billImpacts(forecastParts(db, s, now, c), new Map(listed.map((b) => [b.qboId, b.delayTo])))
    : new Map();
  const asDay = dayImpactOf;
  const rows = listed.map((r) => ({
    ...r,
    ...(impacts.get(r.qboId)
      ? {
          dayImpact: {
            payNow: asDay(impacts.get(r.qboId)!.payNow),
            delay: asDay(impacts.get(r.qboId)!.delay),
          },
        }
      : {}),
    fixes: fixesOf.get(`Bill:${r.qboId}`) ?? [],
  }));
  const settled = decisions
    .filter((d) => d.outcome !== null)
    .map((d) =>
      compareOutcome({
        billQboId: d.billQboId,
        action: d.action,
        plannedDate: d.plannedDate,
        decidedAt: d.decidedAt,
        outcome: d.outcome!,
        outcomeDate: d.outcomeDate,
      }),
    );
  return {
    businessId: c.businessId,
    displayName: c.displayName,
    homeCurrency: c.homeCurrency,
    today,
    runway: runwaySummary(runway, c.foreignWithoutRate),
    ...groupConsole(rows),
    settled,
  };
}

/** What a decision carries: the contract's own argument. */
export type DecisionRequest = ArgOf<'decisions:record'>;

/**
 * Why this bill cannot take a decision (unknown, deleted, paid, incomplete), or null when it can: one
 * check for a single decision and for the bulk re-date (services/bill-moves.ts).
 */
export function billDecisionProblem(db: Db, s: Scope, billQboId: string): CodedError | null {
  const bill = billToDecide(db, s, billQboId);
  if (!bill) return new CodedError('NOT_FOUND', `No bill ${billQboId} for client ${s.businessId}.`);
  if (bill.deleted)
    return new CodedError(
      'CONFLICT',
      `Bill ${billQboId} was deleted in QuickBooks; there is nothing to decide.`,
    );
  if (!bill.balance || bill.balance <= 0)
    return new CodedError(
      'CONFLICT',
      `Bill ${billQboId} is already paid in QuickBooks; there is nothing to decide.`,
    );
  // The console lists only complete bills (paymentReady): a decision on one it never shows could not be
  // seen or changed there. The tray names what is missing; fix it in QuickBooks first.
  const missing = [
    bill.vendorId === null ? 'vendor' : null,
    bill.dueDate === null ? 'due date' : null,
  ].filter((m): m is string => m !== null);
  if (missing.length > 0)
    return new CodedError(
      'CONFLICT',
      `Bill ${billQboId} has no ${missing.join(' and no ')} in QuickBooks; complete it there before deciding on it.`,
    );
  return null;
}

/**
 * Records a pay-now / delay-to-date / hold decision on an open bill. Refuses (nothing written) an unknown
 * client or bill, a paid or deleted bill, an incomplete bill (no vendor or due date: the console does not
 * list it), a delay without a valid date or to a day before today.
 */
export function decideBill(
  db: Db,
  advisorId: string,
  req: DecisionRequest,
  now: Date,
  t: HygieneThresholds = defaultHygieneThresholds,
): { decisionId: number; runwayWeeks: number | null } {
  const today = localDay(now);
  const s = { advisorId, businessId: req.businessId };
  if (!clientExists(db, advisorId, req.businessId))
    throw new CodedError('NOT_FOUND', `No client ${req.businessId}.`);
  const problem = billDecisionProblem(db, s, req.billQboId);
  if (problem) throw problem;
  let plannedDate: string | null = null;
  if (req.action === 'delay') {
    if (!req.plannedDate)
      throw new CodedError('INVALID_INPUT', `A delay needs a date (YYYY-MM-DD).`);
    if (!isIsoDay(req.plannedDate))
      throw new CodedError('INVALID_INPUT', `Not a date (YYYY-MM-DD): ${req.plannedDate}.`);
    if (req.plannedDate < today)
      throw new CodedError(
        'INVALID_INPUT',
        `Cannot delay bill ${req.billQboId} to ${req.plannedDate}: that is before today (${today}).`,
      );
    plannedDate = req.plannedDate;
  } else if (req.plannedDate) {
    throw new CodedError('INVALID_INPUT', `Only a delay takes a date.`);
  }
  return writeTransaction(db, () => {
    const decisionId = recordDecision(db, s, {
      billQboId: req.billQboId,
      action: req.action,
      plannedDate,
      note: req.note ?? null,
      decidedBy: advisorId,
      now: now.toISOString(),
    });
    recomputeTray(db, s, now, t);
    const c = loadClientMoney(db, advisorId, now, req.businessId).get(req.businessId)!;
    return { decisionId, runwayWeeks: projectRunway(c.input).runwayWeeks };
  });
}
