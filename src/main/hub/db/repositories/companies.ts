// The firm's QBO companies and their sealed tokens (sealed by hub/vault; this file never sees a key).
import type { HubDb, HubSql } from '../hub-db.ts';

export type HubCompany = {
  id: string;
  realmId: string;
  name: string | null;
  apiBaseUrl: string;
  connectionState: 'connected' | 'reconnect_needed' | 'disconnected';
  companyInfoReadAt: string | null;
};

const columns = `id, realm_id AS "realmId", name, api_base_url AS "apiBaseUrl",
  connection_state AS "connectionState", company_info_read_at AS "companyInfoReadAt"`;

/** Adds the company, or updates it when its realm is already here (connected again); returns its id. */
export async function saveCompany(
  q: HubSql,
  c: { id: string; realmId: string; name: string | null; apiBaseUrl: string; tokensSealed: string },
): Promise<string> {
  const rows = await q.query<{ id: string }>(
    `INSERT INTO companies (id, realm_id, name, api_base_url, tokens_sealed)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (realm_id) DO UPDATE SET name = coalesce(excluded.name, companies.name),
       api_base_url = excluded.api_base_url, tokens_sealed = excluded.tokens_sealed,
       connection_state = 'connected'
     RETURNING id`,
    [c.id, c.realmId, c.name, c.apiBaseUrl, c.tokensSealed],
  );
  return rows[0]!.id;
}

export async function listCompanies(q: HubSql): Promise<HubCompany[]> {
  return q.query<HubCompany>(`SELECT ${columns} FROM companies ORDER BY id`);
}

export async function getCompany(q: HubSql, id: string): Promise<HubCompany | undefined> {
  return (await q.query<HubCompany>(`SELECT ${columns} FROM companies WHERE id = $1`, [id]))[0];
}

export async function companyIdOfRealm(q: HubSql, realmId: string): Promise<string | undefined> {
  const rows = await q.query<{ id: string }>('SELECT id FROM companies WHERE realm_id = $1', [
    realmId,
  ]);
  return rows[0]?.id;
}

export async function getSealedTokens(q: HubSql, id: string): Promise<string | undefined> {
  const rows = await q.query<{ sealed: string | null }>(
    'SELECT tokens_sealed AS sealed FROM companies WHERE id = $1',
    [id],
  );
  return rows[0]?.sealed ?? undefined;
}

/** Stores the sealed tokens; for a company saved meanwhile by another process too (last writer wins). */
export async function putSealedTokens(q: HubSql, id: string, sealed: string | null): Promise<void> {
  await q.query('UPDATE companies SET tokens_sealed = $2 WHERE id = $1', [id, sealed]);
}

export async function setConnectionState(
  q: HubSql,
  id: string,
  state: HubCompany['connectionState'],
): Promise<void> {
  await q.query('UPDATE companies SET connection_state = $2 WHERE id = $1', [id, state]);
}

export async function noteCompanyInfoRead(q: HubSql, id: string): Promise<void> {
  await q.query('UPDATE companies SET company_info_read_at = now() WHERE id = $1', [id]);
}

/** The fleet's key check: the sealed value (set once, by the first hub process), or the one already there. */
export async function keyCheck(q: HubSql, sealedIfNone: string): Promise<string> {
  await q.query('INSERT INTO hub_key_check (id, sealed) VALUES (1, $1) ON CONFLICT DO NOTHING', [
    sealedIfNone,
  ]);
  return (await q.query<{ sealed: string }>('SELECT sealed FROM hub_key_check WHERE id = 1'))[0]!
    .sealed;
}

/**
 * Runs `fn` while no other hub process refreshes this company's tokens (a transaction-scoped advisory
 * lock held on a connection of its own; `fn` uses others). PostgreSQL only: the embedded database has
 * one process, whose token manager already refreshes once per company.
 */
export async function whileRefreshingTokens<T>(
  db: HubDb,
  companyId: string,
  fn: () => Promise<T>,
): Promise<T> {
  if (db.driver !== 'postgres') return fn();
  return db.tx(async (q) => {
    await q.query("SELECT pg_advisory_xact_lock(hashtext('rowcol-hub-tokens'), hashtext($1))", [
      companyId,
    ]);
    return fn();
  });
}
