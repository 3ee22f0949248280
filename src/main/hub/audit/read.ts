// Reading a client's audit trail: reviewers (their clients) and admins (every client), auth/roles.ts.
import type { HubDb } from '../db/hub-db.ts';
import type { DeviceSession } from '../db/repositories/advisors.ts';
import { auditOf, type AuditRow } from '../db/repositories/audit.ts';
import { Refused } from '../auth/refused.ts';
import { may } from '../auth/roles.ts';
import { visibleCompanyIds } from '../work/visibility.ts';

export async function readAudit(
  db: HubDb,
  s: DeviceSession,
  p: { company: string; after: number; limit: number },
): Promise<{ entries: AuditRow[]; more: boolean }> {
  if (!may(s.advisor.role, 'audit'))
    throw new Refused(403, 'Only reviewers and admins read the audit trail.');
  if (!(await visibleCompanyIds(db, s)).includes(p.company))
    throw new Refused(403, `${s.advisor.email} is not assigned to client ${p.company}.`);
  const rows = await auditOf(db, p.company, p.after, p.limit + 1);
  return { entries: rows.slice(0, p.limit), more: rows.length > p.limit };
}
