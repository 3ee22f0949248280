// Which clients a signed-in advisor may see and work on: their assignments, or every client for an
// admin (auth/roles.ts). Asked on every request, so an assignment removed takes effect at once.
import type { HubDb } from '../db/hub-db.ts';
import {
  visibleCompanies,
  visibleCompanyIds as companyIdsOf,
  type DeviceSession,
  type FirmCompany,
} from '../db/repositories/advisors.ts';
import { may } from '../auth/roles.ts';

export const companiesOf = (db: HubDb, s: DeviceSession): Promise<FirmCompany[]> =>
  visibleCompanies(db, s.advisor.id, may(s.advisor.role, 'all-clients'));

export const visibleCompanyIds = (db: HubDb, s: DeviceSession): Promise<string[]> =>
  companyIdsOf(db, s.advisor.id, may(s.advisor.role, 'all-clients'));
