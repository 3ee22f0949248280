// The tray as the advisor sees it: items of one client, and the advisor's approve / exclude / reopen.
import type { TrayItem, TrayStatus } from '../../../core/advisor-work.ts';
import { CodedError } from '../../../core/result.ts';
import type { Db } from '../../db/open.ts';
import { decideHygieneItem, listHygieneItems } from '../../db/repositories/hygiene-items.ts';
import { stmt, type Scope } from '../gateways/statements.ts';

function assertClient(db: Db, s: Scope): void {
  if (!stmt(db, 'SELECT 1 FROM clients WHERE advisor_id = ? AND business_id = ?').get(s.advisorId, s.businessId)) throw new CodedError('NOT_FOUND', `No client ${s.businessId}.`);
}

export function trayItems(db: Db, s: Scope, statuses: readonly TrayStatus[] = ['open']): TrayItem[] {
  assertClient(db, s);
  return listHygieneItems(db, s, statuses);
}

export function decideTrayItem(db: Db, s: Scope, itemId: number, decision: 'approve' | 'exclude' | 'reopen', note: string | null, now: Date): TrayItem {
  assertClient(db, s);
  const status = decision === 'approve' ? 'approved' : decision === 'exclude' ? 'excluded' : 'open';
  const current = stmt(db, 'SELECT status FROM hygiene_items WHERE id = ? AND advisor_id = ? AND business_id = ?').get(itemId, s.advisorId, s.businessId) as { status: TrayStatus } | undefined;
  if (!current) throw new CodedError('NOT_FOUND', `No tray item ${itemId} for client ${s.businessId}.`);
  if (current.status === 'resolved') throw new CodedError('CONFLICT', `Tray item ${itemId} is already resolved by the data; there is nothing to ${decision}.`);
  decideHygieneItem(db, s, itemId, status, s.advisorId, note, now.toISOString());
  return listHygieneItems(db, s, [status]).find((i) => i.id === itemId)!;
}
