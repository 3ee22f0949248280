// Migration 7: when each client's tray must be looked at again although nothing synced (an entity's
// freshness runs out during the day, raising SYNC_STALE); NULL when no fresh entity can turn stale.

export const migration007 = `
ALTER TABLE tray_state ADD COLUMN next_check_at TEXT;
`;
