// Sync problems the advisor sees in the hygiene tray. The codes are shared with the tray
// (src/main/db/repositories/hygiene-items.ts); keep them exactly as they are.
import type { Db } from '../db/open.ts';
import { raiseHygieneItem, resolveMissing } from '../db/repositories/hygiene-items.ts';

export const syncCodes = {
  stale: 'SYNC_STALE',
  failed: 'SYNC_FAILED',
  throttled: 'SYNC_THROTTLED',
  reconnect: 'RECONNECT_NEEDED',
  malformed: 'MALFORMED_RECORD',
} as const;

export type SyncProblemCode = (typeof syncCodes)[Exclude<keyof typeof syncCodes, 'malformed'>];

type Scope = { advisorId: string; businessId: string };

/** One open item per client and code: the latest failure refreshes its detail. */
export const clientKey = 'client';

const titles: Record<SyncProblemCode, string> = {
  SYNC_STALE: 'QuickBooks data is out of date',
  SYNC_FAILED: 'Sync with QuickBooks failed',
  SYNC_THROTTLED: 'QuickBooks is throttling requests for this company',
  RECONNECT_NEEDED: 'Reconnect this client to QuickBooks',
};

const severities: Record<SyncProblemCode, 'high' | 'medium' | 'low'> = {
  SYNC_STALE: 'medium',
  SYNC_FAILED: 'medium',
  SYNC_THROTTLED: 'low',
  RECONNECT_NEEDED: 'high',
};

export function raiseSyncProblem(db: Db, s: Scope, code: SyncProblemCode, detail: string, now: string): void {
  raiseHygieneItem(db, s, { code, severity: severities[code], entity: null, recordKey: clientKey, qboIds: [], title: titles[code], detail }, now);
}

/** A sync that succeeded clears the failure items of its client (resolveMissing with nothing found). */
export function resolveSyncProblems(db: Db, s: Scope, now: string): number {
  return resolveMissing(db, s, [syncCodes.failed, syncCodes.throttled, syncCodes.reconnect, syncCodes.stale], new Set(), now);
}

export function raiseMalformed(db: Db, s: Scope, entity: string, qboId: string, problems: readonly string[], now: string): void {
  raiseHygieneItem(
    db,
    s,
    {
      code: syncCodes.malformed,
      severity: 'low',
      entity,
      recordKey: `${entity}:${qboId}`,
      qboIds: [qboId],
      title: `${entity} ${qboId} came from QuickBooks with unreadable fields`,
      detail: problems.join('; '),
    },
    now,
  );
}

export function raiseRejected(db: Db, s: Scope, entity: string, reasons: readonly string[], now: string): void {
  raiseHygieneItem(
    db,
    s,
    {
      code: syncCodes.malformed,
      severity: 'medium',
      entity,
      recordKey: `${entity}:rejected`,
      qboIds: [],
      title: `${reasons.length} ${entity} record(s) from QuickBooks could not be stored`,
      detail: [...new Set(reasons)].slice(0, 5).join('; '),
    },
    now,
  );
}
