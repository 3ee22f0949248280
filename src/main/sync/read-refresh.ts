// Smart Sync reads (ARCHITECTURE.md "Smart Sync"): `readRefresh(entity, client, hint)`.
// CACHED_OK and fresh under entity_policy → the mirror, no request. STRICT, stale or never synced →
// fetch (log + mirror upsert in one transaction) → the mirror. Any failure → logged, raised in the tray,
// and the stale mirror is returned with its age: a read never fails because the network did.
import type { MirroredEntity } from '../../core/mirror/entities.ts';
import { ttlSeconds } from '../db/repositories/entity-policy.ts';
import { readMirror, type MirrorRecord } from '../db/repositories/mirror.ts';
import { getSyncState } from '../db/repositories/sync-state.ts';
import type { SyncEngine, SyncError } from './engine.ts';

export type ReadHint = 'CACHED_OK' | 'STRICT';

export type MirrorRead = {
  records: MirrorRecord[];
  /** When the mirror last matched QBO for this entity (null: never). */
  syncedAt: string | null;
  ageSeconds: number | null;
  /** Whether the data is known current (fresh by policy, or just fetched). */
  fresh: boolean;
  fetched: boolean;
  /** Why fresh data could not be had; the records are the mirror's. */
  error: SyncError | null;
};

export async function readRefresh(
  engine: SyncEngine,
  entity: MirroredEntity,
  businessId: string,
  hint: ReadHint,
  signal?: AbortSignal,
): Promise<MirrorRead> {
  const scope = engine.scope(businessId);
  const before = getSyncState(engine.db, scope, entity);
  const ttlMs = (ttlSeconds(engine.db, entity) ?? 0) * 1000;
  const lastAt = before?.lastSuccessAt ? Date.parse(before.lastSuccessAt) : null;
  const freshByPolicy =
    lastAt !== null && before?.fullLoadPosition == null && engine.now().getTime() - lastAt < ttlMs;
  let error: SyncError | null = null;
  let fetched = false;
  if (hint === 'STRICT' || !freshByPolicy) {
    const summary = await engine.syncClient(businessId, {
      entities: [entity],
      strict: hint === 'STRICT',
      signal,
    });
    error = summary.error;
    fetched = summary.ok;
  }
  const after = getSyncState(engine.db, scope, entity);
  const syncedAt = after?.lastSuccessAt ?? null;
  return {
    records: readMirror(engine.db, scope, entity),
    syncedAt,
    ageSeconds:
      syncedAt === null
        ? null
        : Math.max(0, Math.round((engine.now().getTime() - Date.parse(syncedAt)) / 1000)),
    fresh: fetched || (freshByPolicy && hint === 'CACHED_OK'),
    fetched,
    error,
  };
}
