// Collections: the call list (list_collections_ready: open invoices 30+ days past due across every client,
// with the latest call of each; the digest's and `rowcol calls`), the collections screen (every overdue
// invoice with the customer's contact, core/collections.ts), and recording a call.
import type { CallList } from '../../core/advisor-work.ts';
import { buildCollections, callProblems, type CollectionsView } from '../../core/collections.ts';
import { buildCallList } from '../../core/console/console.ts';
import { addDays, localDay } from '../../core/dates.ts';
import { defaultHygieneThresholds, type HygieneThresholds } from '../../core/hygiene/codes.ts';
import { collectionsAfterDays } from '../../core/runway/runway.ts';
import { CodedError } from '../../core/result.ts';
import type { ArgOf } from '../../core/contract.ts';
import type { Db } from '../db/open.ts';
import { clientExists } from '../db/repositories/clients.ts';
import {
  overdueInvoicesWithContacts,
  overdueInvoicesWithLastCall,
  recordCall,
} from '../db/repositories/collection-calls.ts';
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

/** Every overdue invoice (one day late or more), of every client or one, with whom to call. */
export function collections(
  db: Db,
  advisorId: string,
  now: Date,
  businessId?: string,
): CollectionsView {
  const today = localDay(now);
  if (businessId && !clientExists(db, advisorId, businessId))
    throw new CodedError('NOT_FOUND', `No client ${businessId}.`);
  return buildCollections(overdueInvoicesWithContacts(db, advisorId, today, businessId), today);
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
  // The form's own checks (core/collections.ts), so the CLI and the window refuse the same calls.
  const problem = callProblems(
    {
      outcome: req.outcome,
      promisedDate: req.promisedDate ?? null,
      followUpOn: req.followUpOn ?? null,
      note: req.note ?? null,
    },
    localDay(now),
  )[0];
  if (problem) throw new CodedError('INVALID_INPUT', problem.message);
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
