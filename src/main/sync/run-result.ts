// The plain-data form of a sync summary (the contract's sync:run value, the CLI's --json). Its own file,
// importing only types, so handlers reach it without loading the engine and the QBO client.
import type { SyncRunResult } from '../../core/sync.ts';
import type { SyncSummary } from './engine.ts';

export const toRunResult = (s: SyncSummary): SyncRunResult => ({
  businessId: s.businessId,
  ok: s.ok,
  cancelled: s.cancelled,
  mode: s.mode,
  ...s.counts,
  pages: s.pages,
  ...s.stats,
  durationMs: s.durationMs,
  error: s.error && { code: s.error.code, message: s.error.message },
  fixesApplied: s.fixes.applied,
  fixConflicts: s.fixes.conflicts,
  fixesFailed: s.fixes.failed,
});
