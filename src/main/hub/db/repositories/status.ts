// What `rowcol hub status` shows: each company, its mirrored records and its last sync job.
import type { HubSql } from '../hub-db.ts';

export type CompanyStatus = {
  companyId: string;
  realmId: string;
  name: string | null;
  connectionState: string;
  records: number;
  lastJob: string | null;
};

export async function companyStatuses(q: HubSql): Promise<CompanyStatus[]> {
  return q.query<CompanyStatus>(
    `SELECT c.id AS "companyId", c.realm_id AS "realmId", c.name, c.connection_state AS "connectionState",
       (SELECT count(*)::int FROM mirror_records m WHERE m.company_id = c.id AND NOT m.deleted) AS records,
       (SELECT j.state || coalesce(' (' || j.error || ')', '') FROM sync_jobs j WHERE j.company_id = c.id
          ORDER BY j.id DESC LIMIT 1) AS "lastJob"
     FROM companies c ORDER BY c.id`,
  );
}

export async function databaseBytes(q: HubSql): Promise<number> {
  return (await q.query<{ n: number }>('SELECT pg_database_size(current_database()) AS n'))[0]!.n;
}
