// The tray as the advisor sees it: items of one client, and the advisor's approve / exclude / reopen, one
// item or many at once (all or nothing). Each decision is kept in the item's history (migration 015).
// The client's sync problems are not items here: they are its connection state (sync-problem.ts).
import type { TrayItem, TrayStatus } from '../../../core/advisor-work.ts';
import { CodedError } from '../../../core/result.ts';
import { isSyncProblemCode } from '../../../core/tray/sync-problem.ts';
import { qboRecordUrl } from '../../../core/tray/qbo-links.ts';
import type { TrayDecision, TrayListItem } from '../../../core/tray/tray-view.ts';
import type { Db } from '../../db/open.ts';
import { clientExists, getClient } from '../../db/repositories/clients.ts';
import { decideHygieneItem, listHygieneItems } from '../../db/repositories/hygiene-items.ts';
import { unsettledFixesByRecord } from '../../db/repositories/outbox.ts';
import { recordLabels } from '../../db/repositories/tray-records.ts';
import {
  addTrayHistory,
  addTrayNote,
  trayNoteSummaries,
} from '../../db/repositories/tray-notes.ts';
import type { Scope } from '../../db/scope.ts';
import { writeTransaction } from '../../db/transaction.ts';
import { refreshClientSummary } from '../client-summary.ts';

function assertClient(db: Db, s: Scope): void {
  if (!clientExists(db, s.advisorId, s.businessId))
    throw new CodedError('NOT_FOUND', `No client ${s.businessId}.`);
}

/** The client's tray items in these statuses, its sync problems left out, each with what the screen shows. */
export function trayItems(
  db: Db,
  s: Scope,
  statuses: readonly TrayStatus[] = ['open'],
): TrayListItem[] {
  const client = getClient(db, s.advisorId, s.businessId);
  if (!client) throw new CodedError('NOT_FOUND', `No client ${s.businessId}.`);
  const items = listHygieneItems(db, s, statuses).filter((i) => !isSyncProblemCode(i.code));
  // Each item says which of its records already have a fix on the way to QBO (the outbox).
  const byRecord = unsettledFixesByRecord(db, s);
  const idsByEntity = new Map<string, string[]>();
  for (const i of items)
    if (i.entity) idsByEntity.set(i.entity, [...(idsByEntity.get(i.entity) ?? []), ...i.qboIds]);
  const labels = recordLabels(db, s, idsByEntity);
  const notes = trayNoteSummaries(db, s);
  return items.map((i) => {
    const first = i.qboIds[0];
    const label = i.entity && first ? labels.get(`${i.entity}:${first}`) : undefined;
    return {
      ...i,
      docNumber: label?.docNumber ?? null,
      counterparty: label?.counterparty ?? null,
      qboUrl: qboRecordUrl({
        environment: client.environment,
        realmId: client.realmId,
        entity: i.entity,
        qboId: first,
      }),
      noteCount: notes.get(i.id)?.count ?? 0,
      lastNote: notes.get(i.id)?.last ?? null,
      fixes: i.entity ? i.qboIds.flatMap((id) => byRecord.get(`${i.entity}:${id}`) ?? []) : [],
    };
  });
}

const statusOf = (d: TrayDecision): 'approved' | 'excluded' | 'open' =>
  d === 'approve' ? 'approved' : d === 'exclude' ? 'excluded' : 'open';

const listed = (ids: readonly number[]) => ids.join(', ');

/**
 * Decides several items of one client in one transaction: an unknown item, one the data already resolved
 * or a sync problem refuses all of them, named, and nothing is written.
 */
export function decideTrayItems(
  db: Db,
  s: Scope,
  itemIds: readonly number[],
  decision: TrayDecision,
  note: string | null,
  now: Date,
): TrayItem[] {
  assertClient(db, s);
  const ids = [...new Set(itemIds)];
  const text = note?.trim() ? note.trim() : null;
  const at = now.toISOString();
  const to = statusOf(decision);
  return writeTransaction(db, () => {
    // Read inside the write transaction: no other writer can resolve an item between check and write.
    const known = new Map(
      listHygieneItems(db, s, ['open', 'approved', 'excluded', 'resolved']).map((i) => [i.id, i]),
    );
    const unknown = ids.filter((id) => !known.has(id));
    if (unknown.length)
      throw new CodedError(
        'NOT_FOUND',
        `No tray item${unknown.length === 1 ? '' : 's'} ${listed(unknown)} for client ${s.businessId}; nothing was decided.`,
      );
    const sync = ids.filter((id) => isSyncProblemCode(known.get(id)!.code));
    if (sync.length)
      throw new CodedError(
        'INVALID_INPUT',
        `Item${sync.length === 1 ? '' : 's'} ${listed(sync)} ${sync.length === 1 ? 'is' : 'are'} the client's sync state, not a tray item: reconnect or sync again. Nothing was decided.`,
      );
    const resolved = ids.filter((id) => known.get(id)!.status === 'resolved');
    if (resolved.length)
      throw new CodedError(
        'CONFLICT',
        `Tray item${resolved.length === 1 ? '' : 's'} ${listed(resolved)} ${resolved.length === 1 ? 'is' : 'are'} already resolved by the data; there is nothing to ${decision}. Nothing was decided.`,
      );
    for (const id of ids) {
      const from = known.get(id)!.status;
      decideHygieneItem(db, s, id, to, s.advisorId, text, at);
      addTrayHistory(db, s, id, {
        at,
        by: s.advisorId,
        kind: 'decided',
        decision,
        from,
        to,
        note: text,
      });
      if (text) addTrayNote(db, s, id, text, s.advisorId, at);
    }
    // The client list's row (open items, confidence) changes with the choice, in the same transaction.
    refreshClientSummary(db, s, now);
    const after = new Map(listHygieneItems(db, s, [to]).map((i) => [i.id, i]));
    return ids.map((id) => after.get(id)!);
  });
}

export function decideTrayItem(
  db: Db,
  s: Scope,
  itemId: number,
  decision: TrayDecision,
  note: string | null,
  now: Date,
): TrayItem {
  return decideTrayItems(db, s, [itemId], decision, note, now)[0]!;
}
