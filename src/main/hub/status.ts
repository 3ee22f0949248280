// The hub at a glance, for `rowcol hub status` and the bench.
import type { HubDb } from './db/hub-db.ts';
import { companyStatuses, databaseBytes, type CompanyStatus } from './db/repositories/status.ts';

export type HubStatus = { companies: CompanyStatus[]; databaseBytes: number };

export async function hubStatus(db: HubDb): Promise<HubStatus> {
  return { companies: await companyStatuses(db), databaseBytes: await databaseBytes(db) };
}
