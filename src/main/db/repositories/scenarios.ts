// The advisor's saved scenarios (migration 013): one row per client and name (case-insensitive).
import type { Scenario, ScenarioChange } from '../../../core/forecast/scenario.ts';
import type { Db } from '../open.ts';
import type { Scope } from '../scope.ts';
import { stmt } from '../statements.ts';

export type ScenarioRow = Scenario & { savedAt: string };

type Row = { name: string; changes_json: string; saved_at: string };

const toScenario = (r: Row): ScenarioRow => ({
  name: r.name,
  changes: JSON.parse(r.changes_json) as ScenarioChange[],
  savedAt: r.saved_at,
});

export function listScenarios(db: Db, s: Scope): ScenarioRow[] {
  return (
    stmt(
      db,
      `SELECT name, changes_json, saved_at FROM scenarios WHERE advisor_id = ? AND business_id = ? ORDER BY name`,
    ).all(s.advisorId, s.businessId) as Row[]
  ).map(toScenario);
}

export function findScenario(db: Db, s: Scope, name: string): ScenarioRow | null {
  const row = stmt(
    db,
    `SELECT name, changes_json, saved_at FROM scenarios WHERE advisor_id = ? AND business_id = ? AND name = ?`,
  ).get(s.advisorId, s.businessId, name) as Row | undefined;
  return row ? toScenario(row) : null;
}

/** Creates the scenario or replaces the one of the same name (taking the new spelling of the name). */
export function saveScenario(db: Db, s: Scope, scenario: Scenario, now: string): void {
  stmt(
    db,
    `INSERT INTO scenarios (advisor_id, business_id, name, changes_json, saved_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (advisor_id, business_id, name) DO UPDATE SET name = excluded.name, changes_json = excluded.changes_json, saved_at = excluded.saved_at`,
  ).run(s.advisorId, s.businessId, scenario.name, JSON.stringify(scenario.changes), now);
}

/** True when a scenario of that name was there. */
export function deleteScenario(db: Db, s: Scope, name: string): boolean {
  return (
    stmt(db, `DELETE FROM scenarios WHERE advisor_id = ? AND business_id = ? AND name = ?`).run(
      s.advisorId,
      s.businessId,
      name,
    ).changes > 0
  );
}
