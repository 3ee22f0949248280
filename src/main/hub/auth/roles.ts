// What each role may do on the hub (issue 15 §4). One table, read by every route (api/routes.ts):
//
// | role     | clients it sees            | pull / push work | queue fixes for QBO | read the audit | manage advisors |
// |----------|----------------------------|------------------|---------------------|----------------|-----------------|
// | advisor  | those assigned to them     | yes              | yes                 | no             | no              |
// | reviewer | those assigned to them     | yes              | yes                 | yes (theirs)   | no              |
// | admin    | every client of the firm   | yes              | yes                 | yes (all)      | yes             |
//
// "Manage" = add advisors and change roles, make sign-in codes, assign clients, disable advisors: on the
// hub's own machine (`rowcol hub add-advisor`, `assign`, …, against its database; the first admin is made
// this way), or from an admin's desktop through the API (the same commands with --remote).
import type { Role } from '../db/repositories/advisors.ts';

export const roles = ['advisor', 'reviewer', 'admin'] as const satisfies readonly Role[];
export type { Role };

export type Permission = 'work' | 'fix' | 'audit' | 'all-clients' | 'manage';

const allowed: Record<Role, readonly Permission[]> = {
  advisor: ['work', 'fix'],
  reviewer: ['work', 'fix', 'audit'],
  admin: ['work', 'fix', 'audit', 'all-clients', 'manage'],
};

export const may = (role: Role, p: Permission): boolean => allowed[role].includes(p);

export const isRole = (value: unknown): value is Role =>
  typeof value === 'string' && (roles as readonly string[]).includes(value);
