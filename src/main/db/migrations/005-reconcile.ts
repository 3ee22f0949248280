// Migration 5: a reconciling full load (the CDC cursor fell outside QBO's 30-day window) keeps the time
// it started, so that a load resumed after a crash still knows which mirror rows it has not seen; its
// last page marks those rows deleted (queries never return deletions, docs/qbo-api.md §3).

export const migration005 = `
ALTER TABLE sync_state ADD COLUMN reconcile_from TEXT;
`;
