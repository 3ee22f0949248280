// The tray as the advisor sees it: items of one client, and the advisor's approve / exclude / reopen.
import type { TrayItem, TrayStatus } from '../../../core/advisor-work.ts';
import { CodedError } from '../../../core/result.ts';
import type { Db } from '../../db/open.ts';
import { clientExists } from '../../db/repositories/clients.ts';
import {
  decideHygieneItem,
  listHygieneItems,
  trayItemStatus,
} from '../../db/repositories/hygiene-items.ts';
import { unsettledFixesByRecord } from '../../db/repositories/outbox.ts';
import type { Scope } from '../../db/scope.ts';
import { writeTransaction } from '../../db/transaction.ts';
import { refreshClientSummary } from '../client-summary.ts';

function assertClient(db: Db, s: Scope): void {
  if (!clientExists(db, s.advisorId, s.businessId))
    throw new CodedError('NOT_FOUND', `No client ${s.businessId}.`);
}

export function trayItems(
  db: Db,
  s: Scope,
  statuses: readonly TrayStatus[] = ['open'],
): TrayItem[] {
  assertClient(db, s);
  // Each item says which of its records already have a fix on the way to QBO (the outbox).
  const byRecord = unsettledFixesByRecord(db, s);
  return listHygieneItems(db, s, statuses).map((i) => ({
    ...i,
    fixes: i.entity ? i.qboIds.flatMap((id) => byRecord.get(`${i.entity}:${id}`) ?? []) : [],
  }));
}

export function decideTrayItem(
  db: Db,
  s: Scope,
  itemId: number,
  decision: 'approve' | 'exclude' | 'reopen',
  note: string | null,
  now: Date,
): TrayItem {
  assertClient(db, s);
  const status = decision === 'approve' ? 'approved' : decision === 'exclude' ? 'excluded' : 'open';
  const current = trayItemStatus(db, s, itemId);
  if (!current)
    throw new CodedError('NOT_FOUND', `No tray item ${itemId} for client ${s.businessId}.`);
  if (current === 'resolved')
    throw new CodedError(
      'CONFLICT',
      `Tray item ${itemId} is already resolved by the data; there is nothing to ${decision}.`,
    );
  // The choice and the client list's row it changes (open items, confidence) in one transaction.
  writeTransaction(db, () => {
    decideHygieneItem(db, s, itemId, status, s.advisorId, note, now.toISOString());
    refreshClientSummary(db, s, now);
  });
  return listHygieneItems(db, s, [status]).find((i) => i.id === itemId)!;
}
