// A client's connection and sync state for the window's banner: its open sync items (kept where the sync
// engine and the tray's rule write them) and its connection, as one SyncProblem or none. Reads only.
import { CodedError } from '../../../core/result.ts';
import {
  isSyncProblemCode,
  syncProblemOf,
  type SyncProblem,
  type SyncProblemItem,
} from '../../../core/tray/sync-problem.ts';
import type { Db } from '../../db/open.ts';
import { getClient } from '../../db/repositories/clients.ts';
import { listHygieneItems } from '../../db/repositories/hygiene-items.ts';
import type { Scope } from '../../db/scope.ts';

export function clientSyncProblem(db: Db, s: Scope): SyncProblem | null {
  const client = getClient(db, s.advisorId, s.businessId);
  if (!client) throw new CodedError('NOT_FOUND', `No client ${s.businessId}.`);
  // Excluded ones (an older window let the advisor exclude a sync failure) never resolve: left out.
  const items = listHygieneItems(db, s, ['open', 'approved'])
    .filter((i) => isSyncProblemCode(i.code))
    .map((i): SyncProblemItem => ({
      code: i.code as SyncProblemItem['code'],
      entity: i.entity,
      detail: i.detail ?? null,
      firstSeenAt: i.firstSeenAt,
    }));
  return syncProblemOf(client, items);
}
