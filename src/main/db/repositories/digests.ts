import type { Db } from '../open.ts';
import { stmt } from '../statements.ts';
import type { Scope } from '../scope.ts';

export type DigestRecord = {
  id: number;
  createdAt: string;
  cashCents: number;
  runwayWeeks: number | null;
  data: unknown;
};

export function saveDigest(
  db: Db,
  s: Scope,
  d: { createdAt: string; cashCents: number; runwayWeeks: number | null; data: unknown },
): number {
  const info = stmt(
    db,
    `INSERT INTO digests (advisor_id, business_id, created_at, cash_cents, runway_weeks, data) VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(s.advisorId, s.businessId, d.createdAt, d.cashCents, d.runwayWeeks, JSON.stringify(d.data));
  return Number(info.lastInsertRowid);
}

export function lastDigest(db: Db, s: Scope): DigestRecord | undefined {
  const r = stmt(
    db,
    `SELECT * FROM digests WHERE advisor_id = ? AND business_id = ? ORDER BY created_at DESC, id DESC LIMIT 1`,
  ).get(s.advisorId, s.businessId) as
    | {
        id: number;
        created_at: string;
        cash_cents: number;
        runway_weeks: number | null;
        data: string;
      }
    | undefined;
  return (
    r && {
      id: r.id,
      createdAt: r.created_at,
      cashCents: r.cash_cents,
      runwayWeeks: r.runway_weeks,
      data: JSON.parse(r.data) as unknown,
    }
  );
}
