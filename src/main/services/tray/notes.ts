// An item's notes and history (issue 13 §4 "Tray"). A note is written here and kept in the history; the
// history read merges what was stored (decisions, notes) with what the data says (found, resolved, the
// fixes of the item's records), oldest first. Reading writes nothing.
import { fixStates } from '../../../core/fixes.ts';
import { CodedError } from '../../../core/result.ts';
import { isSyncProblemCode } from '../../../core/tray/sync-problem.ts';
import type { TrayHistoryEntry, TrayNote } from '../../../core/tray/tray-view.ts';
import type { Db } from '../../db/open.ts';
import { listHygieneItems } from '../../db/repositories/hygiene-items.ts';
import { listFixRows } from '../../db/repositories/outbox.ts';
import {
  addTrayHistory,
  addTrayNote,
  trayHistoryOf,
  trayItemOwner,
} from '../../db/repositories/tray-notes.ts';
import type { Scope } from '../../db/scope.ts';
import { writeTransaction } from '../../db/transaction.ts';

export const noteMaxLength = 2000;

function ownerOf(db: Db, advisorId: string, itemId: number): Scope {
  const owner = trayItemOwner(db, advisorId, itemId);
  if (!owner || isSyncProblemCode(owner.code))
    throw new CodedError('NOT_FOUND', `No tray item ${itemId}.`);
  return { advisorId, businessId: owner.businessId };
}

export function noteTrayItem(
  db: Db,
  advisorId: string,
  itemId: number,
  text: string,
  now: Date,
): TrayNote {
  const t = text.trim();
  if (!t) throw new CodedError('INVALID_INPUT', 'A note needs some text.');
  if (t.length > noteMaxLength)
    throw new CodedError('INVALID_INPUT', `A note holds at most ${noteMaxLength} characters.`);
  const at = now.toISOString();
  return writeTransaction(db, () => {
    const s = ownerOf(db, advisorId, itemId);
    const note = addTrayNote(db, s, itemId, t, advisorId, at);
    addTrayHistory(db, s, itemId, {
      at,
      by: advisorId,
      kind: 'note',
      decision: null,
      from: null,
      to: null,
      note: t,
    });
    return note;
  });
}

const byTime = (a: TrayHistoryEntry, b: TrayHistoryEntry) => a.at.localeCompare(b.at);

export function trayItemHistory(db: Db, advisorId: string, itemId: number): TrayHistoryEntry[] {
  const s = ownerOf(db, advisorId, itemId);
  const item = listHygieneItems(db, s, ['open', 'approved', 'excluded', 'resolved']).find(
    (i) => i.id === itemId,
  )!;
  const none = { decision: null, from: null, to: null, note: null, fix: null };
  const found: TrayHistoryEntry = { ...none, at: item.firstSeenAt, by: 'rowcol', kind: 'found' };
  const stored: TrayHistoryEntry[] = trayHistoryOf(db, s, itemId).map((h) => ({ ...h, fix: null }));
  const records = new Set(item.qboIds.map((id) => `${item.entity}:${id}`));
  const fixes: TrayHistoryEntry[] = item.entity
    ? listFixRows(db, advisorId, fixStates, s.businessId)
        .filter((f) => records.has(`${f.entity}:${f.qboId}`) && f.createdAt >= item.firstSeenAt)
        .map((f) => ({
          ...none,
          at: f.createdAt,
          by: advisorId,
          kind: 'fix' as const,
          fix: { id: f.id, state: f.state, summary: f.summary },
        }))
    : [];
  const resolved: TrayHistoryEntry[] =
    item.status === 'resolved' && item.resolvedAt
      ? [{ ...none, at: item.resolvedAt, by: 'rowcol', kind: 'resolved', to: 'resolved' }]
      : [];
  // A stable sort keeps stored entries of the same moment in the order they were written.
  return [found, ...[...stored, ...fixes].sort(byTime), ...resolved];
}
