// Shared steps of the fix tests: the emulator's own view of a record (through the QBO API, never the
// mirror), and open bills of a synced client.
import { request } from 'undici';
import type { Db } from '../../src/main/db/open.ts';
import type { Harness } from '../sync/support/harness.ts';

export type QboRecord = Record<string, unknown> & { Id: string; SyncToken: string };

/** A record as QBO (the emulator) holds it now. */
export async function qboRecord(
  h: Harness,
  entity: string,
  id: string,
  client = h.clients[0]!,
): Promise<QboRecord> {
  const token = (await h.vault.load(client.businessId))!.accessToken;
  for (let attempt = 0; ; attempt++) {
    const res = await request(
      `${h.emulator.apiBaseUrl}/v3/company/${client.realmId}/${entity.toLowerCase()}/${id}?minorversion=75`,
      { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } },
    );
    const text = await res.body.text();
    // The sync under test may have used this second's allowance (the emulator enforces QBO's limits).
    if (res.statusCode === 429 && attempt < 40) {
      await new Promise((r) => setTimeout(r, 250));
      continue;
    }
    if (res.statusCode !== 200) throw new Error(`read ${entity} ${id}: ${res.statusCode} ${text}`);
    return (JSON.parse(text) as Record<string, QboRecord>)[entity]!;
  }
}

/** Open bills of the client as the mirror has them, oldest id first. */
export function openBills(
  db: Db,
  businessId: string,
): { qboId: string; dueDate: string | null; version: string }[] {
  return db
    .prepare(
      `SELECT qbo_id AS qboId, due_date AS dueDate, version FROM mirror_bills WHERE business_id = ? AND deleted = 0 AND balance_cents > 0 ORDER BY CAST(qbo_id AS INTEGER)`,
    )
    .all(businessId) as { qboId: string; dueDate: string | null; version: string }[];
}

export const outboxCount = (db: Db): number =>
  (db.prepare('SELECT COUNT(*) AS n FROM outbox').get() as { n: number }).n;
