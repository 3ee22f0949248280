// The firm's advisors, their sign-in codes and devices, and which clients each works on (hub migration 10).
// Codes and tokens arrive here already hashed (auth/secrets.ts): this file never sees one in clear.
import type { HubSql } from '../hub-db.ts';

export type Role = 'advisor' | 'reviewer' | 'admin';

export type Advisor = {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  disabledAt: string | null;
};

type AdvisorRow = {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  disabled_at: string | null;
};

const toAdvisor = (r: AdvisorRow): Advisor => ({
  id: r.id,
  email: r.email,
  name: r.name,
  role: r.role,
  disabledAt: r.disabled_at,
});

/** Adds an advisor, or changes the role (and name) of the one with this email; returns them. */
export async function putAdvisor(
  q: HubSql,
  a: { id: string; email: string; name: string | null; role: Role },
): Promise<Advisor> {
  const [row] = await q.query<AdvisorRow>(
    `INSERT INTO advisors (id, email, name, role) VALUES ($1, $2, $3, $4)
     ON CONFLICT (email) DO UPDATE SET role = excluded.role, name = COALESCE(excluded.name, advisors.name), disabled_at = NULL
     RETURNING id, email, name, role, disabled_at`,
    [a.id, a.email, a.name, a.role],
  );
  return toAdvisor(row!);
}

export async function advisorByEmail(q: HubSql, email: string): Promise<Advisor | undefined> {
  const [row] = await q.query<AdvisorRow>(
    'SELECT id, email, name, role, disabled_at FROM advisors WHERE email = $1',
    [email],
  );
  return row && toAdvisor(row);
}

export async function listAdvisors(
  q: HubSql,
): Promise<(Advisor & { clients: number; devices: number })[]> {
  const rows = await q.query<AdvisorRow & { clients: number; devices: number }>(
    `SELECT a.id, a.email, a.name, a.role, a.disabled_at,
            (SELECT count(*)::int FROM assignments s WHERE s.advisor_id = a.id) AS clients,
            (SELECT count(*)::int FROM devices d WHERE d.advisor_id = a.id AND d.revoked_at IS NULL) AS devices
       FROM advisors a ORDER BY a.email`,
  );
  return rows.map((r) => ({ ...toAdvisor(r), clients: r.clients, devices: r.devices }));
}

export async function disableAdvisor(q: HubSql, advisorId: string): Promise<void> {
  await q.query('UPDATE advisors SET disabled_at = now() WHERE id = $1', [advisorId]);
  await q.query(
    'UPDATE devices SET revoked_at = now() WHERE advisor_id = $1 AND revoked_at IS NULL',
    [advisorId],
  );
}

export async function addSignInCode(
  q: HubSql,
  advisorId: string,
  codeHash: string,
  validHours: number,
): Promise<void> {
  await q.query(
    `INSERT INTO sign_in_codes (code_hash, advisor_id, expires_at) VALUES ($1, $2, now() + make_interval(hours => $3))`,
    [codeHash, advisorId, validHours],
  );
}

/**
 * Uses a sign-in code once (the email, when given, must be the advisor's): the advisor it was made for, or undefined when it is unknown, used, expired,
 * or its advisor is disabled. The row is marked used in the same statement, so two desktops racing with
 * one code cannot both sign in.
 */
export async function useSignInCode(
  q: HubSql,
  email: string | null,
  codeHash: string,
): Promise<Advisor | undefined> {
  const [row] = await q.query<AdvisorRow>(
    `UPDATE sign_in_codes c SET used_at = now()
       FROM advisors a
      WHERE c.code_hash = $1 AND c.advisor_id = a.id AND ($2::text IS NULL OR a.email = $2)
        AND c.used_at IS NULL AND c.expires_at > now() AND a.disabled_at IS NULL
     RETURNING a.id, a.email, a.name, a.role, a.disabled_at`,
    [codeHash, email],
  );
  return row && toAdvisor(row);
}

export async function addDevice(
  q: HubSql,
  d: { id: string; advisorId: string; tokenHash: string; name: string },
): Promise<void> {
  await q.query('INSERT INTO devices (id, advisor_id, token_hash, name) VALUES ($1, $2, $3, $4)', [
    d.id,
    d.advisorId,
    d.tokenHash,
    d.name,
  ]);
}

export type DeviceSession = { deviceId: string; deviceName: string; advisor: Advisor };

/**
 * The live device holding this token (by its hash), and its advisor; undefined when revoked or unknown.
 * Its last_seen_at is written at most once a minute, so a desktop's requests are reads on the hub.
 */
export async function deviceByTokenHash(
  q: HubSql,
  tokenHash: string,
): Promise<DeviceSession | undefined> {
  const [row] = await q.query<
    AdvisorRow & { device_id: string; device_name: string; stale: boolean }
  >(
    `SELECT d.id AS device_id, d.name AS device_name, a.id, a.email, a.name, a.role, a.disabled_at,
            (d.last_seen_at IS NULL OR d.last_seen_at < now() - interval '1 minute') AS stale
       FROM devices d JOIN advisors a ON a.id = d.advisor_id
      WHERE d.token_hash = $1 AND d.revoked_at IS NULL AND a.disabled_at IS NULL`,
    [tokenHash],
  );
  if (!row) return undefined;
  if (row.stale)
    await q.query('UPDATE devices SET last_seen_at = now() WHERE id = $1', [row.device_id]);
  return { deviceId: row.device_id, deviceName: row.device_name, advisor: toAdvisor(row) };
}

export async function revokeDevice(q: HubSql, deviceId: string): Promise<boolean> {
  const rows = await q.query(
    'UPDATE devices SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id',
    [deviceId],
  );
  return rows.length > 0;
}

export async function assignClient(q: HubSql, advisorId: string, companyId: string): Promise<void> {
  await q.query(
    'INSERT INTO assignments (advisor_id, company_id) VALUES ($1, $2) ON CONFLICT DO NOTHING',
    [advisorId, companyId],
  );
}

export async function unassignClient(
  q: HubSql,
  advisorId: string,
  companyId: string,
): Promise<boolean> {
  const rows = await q.query(
    'DELETE FROM assignments WHERE advisor_id = $1 AND company_id = $2 RETURNING company_id',
    [advisorId, companyId],
  );
  return rows.length > 0;
}

/** `syncedAt`: when the hub last synced each entity of the company (ISO), so desktops say how fresh it is. */
export type FirmCompany = {
  id: string;
  realmId: string;
  name: string | null;
  syncedAt: Record<string, string>;
};

/** The companies an advisor may see: their assignments, or every company for `all` (an admin). */
export async function visibleCompanies(
  q: HubSql,
  advisorId: string,
  all: boolean,
): Promise<FirmCompany[]> {
  const synced = `(SELECT jsonb_object_agg(s.entity, s.last_success_at) FROM sync_cursors s
                    WHERE s.company_id = c.id AND s.last_success_at IS NOT NULL) AS synced`;
  const rows = await q.query<{
    id: string;
    realm_id: string;
    name: string | null;
    synced: Record<string, string> | null;
  }>(
    all
      ? `SELECT c.id, c.realm_id, c.name, ${synced} FROM companies c ORDER BY c.id`
      : `SELECT c.id, c.realm_id, c.name, ${synced} FROM companies c JOIN assignments a ON a.company_id = c.id
          WHERE a.advisor_id = $1 ORDER BY c.id`,
    all ? [] : [advisorId],
  );
  return rows.map((r) => ({
    id: r.id,
    realmId: r.realm_id,
    name: r.name,
    syncedAt: r.synced ?? {},
  }));
}

/** The ids of the companies an advisor may see (every request asks: no bodies, no freshness). */
export async function visibleCompanyIds(
  q: HubSql,
  advisorId: string,
  all: boolean,
): Promise<string[]> {
  const rows = await q.query<{ id: string }>(
    all
      ? 'SELECT id FROM companies ORDER BY id'
      : 'SELECT company_id AS id FROM assignments WHERE advisor_id = $1 ORDER BY company_id',
    all ? [] : [advisorId],
  );
  return rows.map((r) => r.id);
}

export async function companyExists(q: HubSql, companyId: string): Promise<boolean> {
  return (await q.query('SELECT 1 FROM companies WHERE id = $1', [companyId])).length > 0;
}
