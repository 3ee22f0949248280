// What the sync engine reports, in plain data: the contract's `sync:*` channels and the CLI summary.
import type { ErrorCode } from './result.ts';

export type SyncProgress = {
  businessId: string;
  /** A QBO entity name, or 'all' for a CDC request covering every entity. */
  entity: string;
  phase: 'full' | 'incremental' | 'fallback';
  pagesDone: number;
  records: number;
  /** This entity (or the CDC request) is finished for this run. */
  done: boolean;
};

/** A run over several clients, as each finishes (the window's "N of M clients"). */
export type SyncClientsProgress = {
  total: number;
  done: number;
  /** At the start of the run (done 0): the clients it syncs. */
  businessIds?: string[];
  last?: { businessId: string; ok: boolean; cancelled: boolean; errorCode: ErrorCode | null };
};

export type SyncRunResult = {
  businessId: string;
  ok: boolean;
  cancelled: boolean;
  /** 'elsewhere': another RowCol process on the data folder synced this client while this one waited. */
  mode: 'full' | 'incremental' | 'mixed' | 'none' | 'elsewhere';
  /** Records received; fetched = stored + rejected. */
  fetched: number;
  stored: number;
  rejected: number;
  deleted: number;
  flagged: number;
  pages: number;
  requests: number;
  retries: number;
  errors: number;
  throttled: number;
  refreshes: number;
  durationMs: number;
  error: { code: ErrorCode; message: string } | null;
  /** The advisor's recorded fixes sent to QBO before the pull: applied, now in conflict, failed. */
  fixesApplied: number;
  fixConflicts: number;
  fixesFailed: number;
};

export type EntitySyncStatus = {
  entity: string;
  lastSuccessAt: string | null;
  ageSeconds: number | null;
  loading: boolean;
  lastError: string | null;
  lastErrorCode: string | null;
};

export type ClientSyncStatus = {
  businessId: string;
  connectionState: string;
  entities: EntitySyncStatus[];
};
