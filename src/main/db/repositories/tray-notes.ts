// The advisor's notes on tray items and the history of decisions on them (migration 015). Rows are only
// ever added: a note is never edited, a decision is followed by the next one.
import type { TrayStatus } from '../../../core/advisor-work.ts';
import type { TrayDecision, TrayNote } from '../../../core/tray/tray-view.ts';
import type { Db } from '../open.ts';
import type { Scope } from '../scope.ts';
import { stmt } from '../statements.ts';

export function addTrayNote(
  db: Db,
  s: Scope,
  itemId: number,
  text: string,
  by: string,
  at: string,
): TrayNote {
  const info = stmt(
    db,
    `INSERT INTO tray_notes (advisor_id, business_id, item_id, text, written_by, written_at) VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(s.advisorId, s.businessId, itemId, text, by, at);
  return { id: Number(info.lastInsertRowid), itemId, text, by, at };
}

export type StoredHistory = {
  at: string;
  by: string;
  kind: 'decided' | 'note';
  decision: TrayDecision | null;
  from: TrayStatus | null;
  to: TrayStatus | null;
  note: string | null;
};

export function addTrayHistory(db: Db, s: Scope, itemId: number, h: StoredHistory): void {
  stmt(
    db,
    `INSERT INTO tray_history (advisor_id, business_id, item_id, at, by, kind, decision, from_status, to_status, note)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(s.advisorId, s.businessId, itemId, h.at, h.by, h.kind, h.decision, h.from, h.to, h.note);
}

/** One item's stored history, oldest first. */
export function trayHistoryOf(db: Db, s: Scope, itemId: number): StoredHistory[] {
  return stmt(
    db,
    `SELECT at, by, kind, decision, from_status AS "from", to_status AS "to", note FROM tray_history
     WHERE advisor_id = ? AND business_id = ? AND item_id = ? ORDER BY id`,
  ).all(s.advisorId, s.businessId, itemId) as StoredHistory[];
}

/** Per item of one client: how many notes, and the latest one's text. */
export function trayNoteSummaries(db: Db, s: Scope): Map<number, { count: number; last: string }> {
  const rows = stmt(
    db,
    // The latest note per item: the one with the highest id (SQLite's bare column beside max()).
    `SELECT item_id AS itemId, COUNT(*) AS count, text AS last, max(id) FROM tray_notes
     WHERE advisor_id = ? AND business_id = ? GROUP BY item_id`,
  ).all(s.advisorId, s.businessId) as { itemId: number; count: number; last: string }[];
  return new Map(rows.map((r) => [r.itemId, { count: r.count, last: r.last }]));
}

/** Which client an item belongs to, for a call that names only the item. */
export function trayItemOwner(
  db: Db,
  advisorId: string,
  itemId: number,
): { businessId: string; code: string; status: TrayStatus } | undefined {
  return stmt(
    db,
    'SELECT business_id AS businessId, code, status FROM hygiene_items WHERE advisor_id = ? AND id = ?',
  ).get(advisorId, itemId) as { businessId: string; code: string; status: TrayStatus } | undefined;
}
