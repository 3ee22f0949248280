// The admin's routes (role `admin`, auth/roles.ts 'manage'): add advisors and change roles, new sign-in
// codes, assignments, the list of advisors. The same functions as `rowcol hub add-advisor` and friends on
// the hub's machine, so an admin's desktop can manage the firm while an embedded hub runs (its database
// is open in that one process). Each change is in the audit trail under the admin's name.
import * as z from 'zod/mini';
import type { HubDb } from '../db/hub-db.ts';
import { listAdvisors, type DeviceSession } from '../db/repositories/advisors.ts';
import { addAdvisor, checkEmail, newCodeFor } from '../auth/accounts.ts';
import { disableAdvisorByEmail, setAssignments } from '../auth/assignments.ts';
import { Refused } from '../auth/refused.ts';
import { may, roles } from '../auth/roles.ts';
import { HttpError, parse } from './parse.ts';

const email = z.string().check(z.trim(), z.minLength(3), z.maxLength(320));

export const adminSchemas = {
  addAdvisor: z.strictObject({
    email,
    role: z.enum(roles),
    name: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(200))),
  }),
  signInCode: z.strictObject({ email }),
  assign: z.strictObject({
    email,
    clients: z
      .array(z.string().check(z.minLength(1), z.maxLength(200)))
      .check(z.minLength(1), z.maxLength(2000)),
    remove: z.optional(z.boolean()),
  }),
};

export const adminPaths = [
  '/advisors',
  '/advisors/sign-in-code',
  '/advisors/disable',
  '/assignments',
] as const;

/** Answers an admin route, or undefined when this method and path are not one. */
export async function adminRoute(
  db: HubDb,
  s: DeviceSession,
  method: string,
  path: string,
  body: () => Promise<unknown>,
): Promise<unknown> {
  if (!(adminPaths as readonly string[]).includes(path)) return undefined;
  if (!may(s.advisor.role, 'manage'))
    throw new Refused(403, "Only the firm's admins manage advisors and assignments.");
  if (method === 'GET' && path === '/advisors')
    return {
      advisors: (await listAdvisors(db)).map((a) => ({
        email: a.email,
        name: a.name,
        role: a.role,
        clients: a.clients,
        devices: a.devices,
        disabled: a.disabledAt !== null,
      })),
    };
  if (method === 'POST' && path === '/advisors') {
    const a = parse(adminSchemas.addAdvisor, await body());
    const done = await addAdvisor(db, a, s.advisor.id);
    return { advisor: { email: done.advisor.email, role: done.advisor.role }, code: done.code };
  }
  if (method === 'POST' && path === '/advisors/sign-in-code') {
    const a = parse(adminSchemas.signInCode, await body());
    return { code: await newCodeFor(db, a.email, s.advisor.id) };
  }
  if (method === 'POST' && path === '/advisors/disable') {
    const a = parse(adminSchemas.signInCode, await body());
    if (checkEmail(a.email) === s.advisor.email)
      throw new HttpError(409, 'conflict', 'An admin cannot disable their own account.');
    await disableAdvisorByEmail(db, a.email, s.advisor.id);
    return { disabled: checkEmail(a.email) };
  }
  if (method === 'POST' && path === '/assignments') {
    const a = parse(adminSchemas.assign, await body());
    const r = await setAssignments(db, a.email, a.clients, a.remove ?? false, s.advisor.id);
    return { email: r.advisor.email, changed: r.changed };
  }
  return undefined;
}
