// Collections (list_collections_ready): open invoices 30+ days past due across every client, as one call
// list with the latest call of each; and recording a call.
import type { CallList } from '../../core/advisor-work.ts';
import { buildCallList } from '../../core/console/console.ts';
import { addDays, isIsoDay, localDay } from '../../core/dates.ts';
import { defaultHygieneThresholds, type HygieneThresholds } from '../../core/hygiene/codes.ts';
import { collectionsAfterDays } from '../../core/runway/runway.ts';
import { CodedError } from '../../core/result.ts';
import type { ArgOf } from '../../core/contract.ts';
import type { Db } from '../db/open.ts';
import { clientExists } from '../db/repositories/clients.ts';
import { overdueInvoicesWithLastCall, recordCall } from '../db/repositories/collection-calls.ts';
import { invoiceIsLive } from '../db/repositories/mirror.ts';
import { writeTransaction } from '../db/transaction.ts';
import { recomputeTray } from './tray/recompute.ts';

export function callList(db: Db, advisorId: string, now: Date, businessId?: string): CallList {
  const today = localDay(now);
  // Like every other command naming a client: an unknown one is NOT_FOUND, not an empty (and reassuring) list.
  if (businessId && !clientExists(db, advisorId, businessId))
    throw new CodedError('NOT_FOUND', `No client ${businessId}.`);
  return buildCallList(
    overdueInvoicesWithLastCall(db, advisorId, addDays(today, -collectionsAfterDays), businessId),
    today,
  );
}

/** What a logged call carries: the contract's own argument. */
export type CallRequest = ArgOf<'calls:record'>;

export function logCall(
  db: Db,
  advisorId: string,
  req: CallRequest,
  now: Date,
  t: HygieneThresholds = defaultHygieneThresholds,
): { callId: number } {
  const s = { advisorId, businessId: req.businessId };
  if (!clientExists(db, advisorId, req.businessId))
    throw new CodedError('NOT_FOUND', `No client ${req.businessId}.`);
  if (!invoiceIsLive(db, s, req.invoiceQboId))
    throw new CodedError(
      'NOT_FOUND',
      `No invoice ${req.invoiceQboId} for client ${req.businessId}.`,
    );
  for (const [field, value] of [
    ['promisedDate', req.promisedDate],
    ['followUpOn', req.followUpOn],
  ] as const) {
    if (value != null && !isIsoDay(value))
      throw new CodedError('INVALID_INPUT', `${field} is not a date (YYYY-MM-DD): ${value}.`);
  }
  return writeTransaction(db, () => {
    const callId = recordCall(db, s, {
      invoiceQboId: req.invoiceQboId,
      outcome: req.outcome,
      promisedDate: req.promisedDate ?? null,
      followUpOn: req.followUpOn ?? null,
      note: req.note ?? null,
      calledBy: advisorId,
      calledAt: now.toISOString(),
    });
    recomputeTray(db, s, now, t);
    return { callId };
  });
}
