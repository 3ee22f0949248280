// Migration 10: one sync of a client at a time across every process on a data folder (the window, the
// CLI, a second CLI). A process holds a client's lease while it syncs it: `owner` names the process
// (host, pid and a random part), `expires_at` is pushed forward while it works. A lease whose owner is a
// dead process on this host, or that has expired, may be taken over. Released, the row stays, expired,
// saying when that run finished and whether it succeeded (a process that waited for it need not fetch
// the same pages again) and when its last minute of requests finished (`recent_requests`, JSON epoch ms):
// QBO counts them in the company's per-second and per-minute windows, so the next process must too.

export const migration010 = `
CREATE TABLE sync_leases (
  advisor_id TEXT NOT NULL,
  business_id TEXT NOT NULL,
  owner TEXT NOT NULL,
  host TEXT NOT NULL,
  pid INTEGER NOT NULL,
  acquired_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  finished_at TEXT,
  finished_ok INTEGER,
  recent_requests TEXT,
  PRIMARY KEY (advisor_id, business_id)
) WITHOUT ROWID;
`;
