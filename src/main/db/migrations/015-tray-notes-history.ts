// Migration 15: the advisor's notes on tray items and the history of what was decided on each (the tray
// screen of issue 13): who (the advisor id), when, what (a decision from one status to another, or a
// note), and the note. Written only by the tray's writers (tray:decide, tray:decide-many, tray:note);
// reads never write. An item's rows go with it (and with its client).

export const migration015 = `
CREATE TABLE tray_notes (
  id INTEGER PRIMARY KEY,
  advisor_id TEXT NOT NULL,
  business_id TEXT NOT NULL REFERENCES clients(business_id) ON DELETE CASCADE,
  item_id INTEGER NOT NULL REFERENCES hygiene_items(id) ON DELETE CASCADE,
  text TEXT NOT NULL,
  written_by TEXT NOT NULL,
  written_at TEXT NOT NULL
);
CREATE INDEX tray_notes_by_item ON tray_notes (advisor_id, business_id, item_id);

CREATE TABLE tray_history (
  id INTEGER PRIMARY KEY,
  advisor_id TEXT NOT NULL,
  business_id TEXT NOT NULL REFERENCES clients(business_id) ON DELETE CASCADE,
  item_id INTEGER NOT NULL REFERENCES hygiene_items(id) ON DELETE CASCADE,
  at TEXT NOT NULL,
  by TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('decided', 'note')),
  decision TEXT CHECK (decision IN ('approve', 'exclude', 'reopen')),
  from_status TEXT,
  to_status TEXT,
  note TEXT
);
CREATE INDEX tray_history_by_item ON tray_history (advisor_id, item_id, id);
`;
