// Migration 13: the advisor's named what-ifs per client (issue 12 §4). A scenario is its name and its
// list of changes (core/forecast/scenario.ts), kept as JSON: the changes are read and written whole, never
// queried one by one. Names compare without regard to case ("Slow Q1" replaces "slow q1").

export const migration013 = `
CREATE TABLE scenarios (
  advisor_id TEXT NOT NULL,
  business_id TEXT NOT NULL REFERENCES clients(business_id) ON DELETE CASCADE,
  name TEXT NOT NULL COLLATE NOCASE,
  changes_json TEXT NOT NULL,
  saved_at TEXT NOT NULL,
  PRIMARY KEY (advisor_id, business_id, name)
) WITHOUT ROWID;
`;
