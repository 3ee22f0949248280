import type { Client, ConnectionState, QboEnvironment } from '../../../core/clients.ts';
import type { Db } from '../open.ts';
import { stmt } from '../statements.ts';

type ClientRow = {
  business_id: string;
  realm_id: string;
  environment: QboEnvironment;
  display_name: string;
  connection_state: ConnectionState;
  connected_at: string;
};

const toClient = (r: ClientRow): Client => ({
  businessId: r.business_id,
  realmId: r.realm_id,
  environment: r.environment,
  displayName: r.display_name,
  connectionState: r.connection_state,
  connectedAt: r.connected_at,
});

export type NewClient = {
  advisorId: string;
  realmId: string;
  environment: QboEnvironment;
  displayName: string;
  apiBaseUrl?: string | null;
  /** The OAuth token and revoke endpoints it was connected through (refresh tokens go only there). */
  tokenUrl?: string | null;
  revokeUrl?: string | null;
  homeCurrency?: string;
  now: string;
};

/** Adds a client, or reconnects the one already known for this realm; returns its business id. */
export function saveClient(db: Db, c: NewClient): string {
  const existing = stmt(
    db,
    'SELECT business_id FROM clients WHERE advisor_id = ? AND realm_id = ? AND environment = ?',
  ).get(c.advisorId, c.realmId, c.environment) as { business_id: string } | undefined;
  const businessId =
    existing?.business_id ??
    `${c.environment === 'production' ? 'qbo' : c.environment}-${c.realmId}`;
  stmt(
    db,
    `INSERT INTO clients (business_id, advisor_id, realm_id, environment, api_base_url, token_url, revoke_url, display_name, home_currency, connection_state, connected_at)
     VALUES (@businessId, @advisorId, @realmId, @environment, @apiBaseUrl, @tokenUrl, @revokeUrl, @displayName, @homeCurrency, 'connected', @now)
     ON CONFLICT (business_id) DO UPDATE SET display_name = excluded.display_name, api_base_url = excluded.api_base_url,
       token_url = excluded.token_url, revoke_url = excluded.revoke_url, connection_state = 'connected', connected_at = excluded.connected_at`,
  ).run({
    ...c,
    businessId,
    apiBaseUrl: c.apiBaseUrl ?? null,
    tokenUrl: c.tokenUrl ?? null,
    revokeUrl: c.revokeUrl ?? null,
    homeCurrency: c.homeCurrency ?? 'USD',
  });
  return businessId;
}

export function listClients(db: Db, advisorId: string): Client[] {
  const rows = stmt(
    db,
    'SELECT * FROM clients WHERE advisor_id = ? ORDER BY display_name COLLATE NOCASE, business_id',
  ).all(advisorId) as ClientRow[];
  return rows.map(toClient);
}

export type ClientConnection = Client & {
  apiBaseUrl: string | null;
  tokenUrl: string | null;
  revokeUrl: string | null;
  homeCurrency: string;
};

export function getClient(
  db: Db,
  advisorId: string,
  businessId: string,
): ClientConnection | undefined {
  const row = stmt(db, 'SELECT * FROM clients WHERE advisor_id = ? AND business_id = ?').get(
    advisorId,
    businessId,
  ) as
    | (ClientRow & {
        api_base_url: string | null;
        token_url: string | null;
        revoke_url: string | null;
        home_currency: string;
      })
    | undefined;
  return (
    row && {
      ...toClient(row),
      apiBaseUrl: row.api_base_url,
      tokenUrl: row.token_url,
      revokeUrl: row.revoke_url,
      homeCurrency: row.home_currency,
    }
  );
}

export function setConnectionState(
  db: Db,
  advisorId: string,
  businessId: string,
  state: ConnectionState,
): boolean {
  return (
    stmt(
      db,
      'UPDATE clients SET connection_state = ? WHERE advisor_id = ? AND business_id = ?',
    ).run(state, advisorId, businessId).changes > 0
  );
}

export function setDisplayName(
  db: Db,
  advisorId: string,
  businessId: string,
  displayName: string,
): void {
  stmt(db, 'UPDATE clients SET display_name = ? WHERE advisor_id = ? AND business_id = ?').run(
    displayName,
    advisorId,
    businessId,
  );
}

/** Forgets a client and, through the foreign keys, its mirror and plan. */
export function deleteClient(db: Db, advisorId: string, businessId: string): boolean {
  return (
    stmt(db, 'DELETE FROM clients WHERE advisor_id = ? AND business_id = ?').run(
      advisorId,
      businessId,
    ).changes > 0
  );
}

export function clientExists(db: Db, advisorId: string, businessId: string): boolean {
  return (
    stmt(db, 'SELECT 1 FROM clients WHERE advisor_id = ? AND business_id = ?').get(
      advisorId,
      businessId,
    ) !== undefined
  );
}

/** The client's home currency (QBO's CompanyCurrency), or undefined when there is no such client. */
export function clientHomeCurrency(
  db: Db,
  advisorId: string,
  businessId: string,
): string | undefined {
  const row = stmt(
    db,
    'SELECT home_currency FROM clients WHERE advisor_id = ? AND business_id = ?',
  ).get(advisorId, businessId) as { home_currency: string } | undefined;
  return row?.home_currency;
}

/** Every client's home currency, in the client list's order. */
export function clientCurrencies(
  db: Db,
  advisorId: string,
): { businessId: string; homeCurrency: string }[] {
  return stmt(
    db,
    'SELECT business_id AS businessId, home_currency AS homeCurrency FROM clients WHERE advisor_id = ? ORDER BY display_name COLLATE NOCASE, business_id',
  ).all(advisorId) as {
    businessId: string;
    homeCurrency: string;
  }[];
}
