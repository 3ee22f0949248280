// The `client_tokens` table: one sealed blob per client, never plain text (src/main/oauth/token-vault.ts
// seals and opens them; this file only stores them).
import type { Db } from '../open.ts';
import { stmt } from '../statements.ts';

export type SealedRow = { advisorId: string; businessId: string; sealed: string };

export function getSealedTokens(db: Db, advisorId: string, businessId: string): string | undefined {
  const row = stmt(
    db,
    'SELECT sealed FROM client_tokens WHERE advisor_id = ? AND business_id = ?',
  ).get(advisorId, businessId) as { sealed: string } | undefined;
  return row?.sealed;
}

export function putSealedTokens(
  db: Db,
  advisorId: string,
  businessId: string,
  sealed: string,
  at: string,
): void {
  stmt(
    db,
    `INSERT INTO client_tokens (advisor_id, business_id, sealed, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (advisor_id, business_id) DO UPDATE SET sealed = excluded.sealed, updated_at = excluded.updated_at`,
  ).run(advisorId, businessId, sealed, at);
}

/** Replaces the blob only if it is still `from`: a re-seal never overwrites tokens saved meanwhile. */
export function replaceSealedTokens(db: Db, row: SealedRow, to: string): boolean {
  return (
    stmt(
      db,
      'UPDATE client_tokens SET sealed = ? WHERE advisor_id = ? AND business_id = ? AND sealed = ?',
    ).run(to, row.advisorId, row.businessId, row.sealed).changes === 1
  );
}

export function deleteSealedTokens(db: Db, advisorId: string, businessId: string): void {
  stmt(db, 'DELETE FROM client_tokens WHERE advisor_id = ? AND business_id = ?').run(
    advisorId,
    businessId,
  );
}

/** Every advisor's rows: the key belongs to the data folder, not to one advisor. */
export function listSealedTokens(db: Db): SealedRow[] {
  return stmt(
    db,
    'SELECT advisor_id AS advisorId, business_id AS businessId, sealed FROM client_tokens',
  ).all() as SealedRow[];
}
