// A client's QuickBooks tokens as the vault keeps them: one sealed (encrypted) string per client, never
// plain text. Sealing and opening are the vault's (src/main/oauth/token-vault.ts); this only stores.
import type { Db } from '../open.ts';
import { stmt } from '../statements.ts';

export function saveSealedTokens(db: Db, advisorId: string, businessId: string, sealed: string, now: string): void {
  stmt(
    db,
    `INSERT INTO client_tokens (advisor_id, business_id, sealed, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (advisor_id, business_id) DO UPDATE SET sealed = excluded.sealed, updated_at = excluded.updated_at`,
  ).run(advisorId, businessId, sealed, now);
}

export function sealedTokens(db: Db, advisorId: string, businessId: string): string | undefined {
  const row = stmt(db, 'SELECT sealed FROM client_tokens WHERE advisor_id = ? AND business_id = ?').get(advisorId, businessId) as { sealed: string } | undefined;
  return row?.sealed;
}

export function deleteSealedTokens(db: Db, advisorId: string, businessId: string): void {
  stmt(db, 'DELETE FROM client_tokens WHERE advisor_id = ? AND business_id = ?').run(advisorId, businessId);
}
