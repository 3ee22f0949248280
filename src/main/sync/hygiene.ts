// Sync problems the advisor sees in the hygiene tray. Codes, severities and titles come from the one
// table in src/core/hygiene/codes.ts; these raisers only accept the codes that table gives the sync engine
// (raiseSyncProblem) and the mirror writer (raiseMalformed, raiseRejected). Whether a client's data is out
// of date (SYNC_STALE) is the tray's rule (staleSync, from sync_state + entity_policy), not the engine's.
import { codesRaisedBy, trayCodes, type CodeRaisedBy } from '../../core/hygiene/codes.ts';
import type { Db } from '../db/open.ts';
import { raiseHygieneItem, resolveMissing } from '../db/repositories/hygiene-items.ts';
import type { Scope } from '../db/scope.ts';

/** The codes a sync's failure handling raises: a failed sync, throttling, a lost connection. */
export type SyncProblemCode = CodeRaisedBy<'sync/engine.ts'>;

export const syncCodes = {
  failed: 'SYNC_FAILED',
  throttled: 'SYNC_THROTTLED',
  reconnect: 'RECONNECT_NEEDED',
  malformed: 'MALFORMED_RECORD',
} as const satisfies Record<string, CodeRaisedBy<'sync/engine.ts' | 'sync/apply.ts'>>;

/** One open item per client and code: the latest failure refreshes its detail. */
export const clientKey = 'client';

export function raiseSyncProblem(
  db: Db,
  s: Scope,
  code: SyncProblemCode,
  detail: string,
  now: string,
): void {
  const { severity, title } = trayCodes[code];
  raiseHygieneItem(
    db,
    s,
    { code, severity, entity: null, recordKey: clientKey, qboIds: [], title, detail },
    now,
  );
}

/** A sync that succeeded clears the failure items of its client (resolveMissing with nothing found). */
export function resolveSyncProblems(db: Db, s: Scope, now: string): number {
  return resolveMissing(db, s, codesRaisedBy('sync/engine.ts'), new Set(), now);
}

const malformed = trayCodes[syncCodes.malformed];

export function raiseMalformed(
  db: Db,
  s: Scope,
  entity: string,
  qboId: string,
  problems: readonly string[],
  now: string,
): void {
  raiseHygieneItem(
    db,
    s,
    {
      code: syncCodes.malformed,
      severity: malformed.severity,
      entity,
      recordKey: `${entity}:${qboId}`,
      qboIds: [qboId],
      title: `${entity} ${qboId} came from QuickBooks with unreadable fields`,
      detail: problems.join('; '),
    },
    now,
  );
}

export function raiseRejected(
  db: Db,
  s: Scope,
  entity: string,
  reasons: readonly string[],
  now: string,
): void {
  raiseHygieneItem(
    db,
    s,
    {
      code: syncCodes.malformed,
      severity: malformed.severity,
      entity,
      recordKey: `${entity}:rejected`,
      qboIds: [],
      title: `${reasons.length} ${entity} record(s) from QuickBooks could not be stored`,
      detail: [...new Set(reasons)].slice(0, 5).join('; '),
    },
    now,
  );
}
