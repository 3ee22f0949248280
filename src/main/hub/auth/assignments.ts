// Which clients an advisor works on, changed by an admin (`rowcol hub assign`); each change audited.
import { CodedError } from '../../../core/result.ts';
import type { HubDb } from '../db/hub-db.ts';
import {
  advisorByEmail,
  assignClient,
  companyExists,
  disableAdvisor,
  unassignClient,
  type Advisor,
} from '../db/repositories/advisors.ts';
import { addAudit } from '../db/repositories/audit.ts';
import { checkEmail } from './accounts.ts';

async function advisorOf(db: HubDb, email: string): Promise<Advisor> {
  const e = checkEmail(email);
  const a = await advisorByEmail(db, e);
  if (!a)
    throw new CodedError(
      'NOT_FOUND',
      `No advisor ${e} on this hub; add one with rowcol hub add-advisor.`,
    );
  return a;
}

/** Assigns (or with `remove`, unassigns) clients to an advisor; unknown clients refuse the whole change. */
export async function setAssignments(
  db: HubDb,
  email: string,
  companyIds: readonly string[],
  remove = false,
  by: string | null = null,
): Promise<{ advisor: Advisor; changed: number }> {
  const advisor = await advisorOf(db, email);
  return db.tx(async (q) => {
    const unknown: string[] = [];
    for (const id of companyIds) if (!(await companyExists(q, id))) unknown.push(id);
    if (unknown.length)
      throw new CodedError(
        'NOT_FOUND',
        `No client ${unknown.join(', ')} on this hub; nothing was changed.`,
      );
    let changed = 0;
    for (const id of companyIds) {
      if (remove) changed += (await unassignClient(q, advisor.id, id)) ? 1 : 0;
      else {
        await assignClient(q, advisor.id, id);
        changed++;
      }
      await addAudit(q, {
        advisorId: by,
        companyId: id,
        action: remove ? 'unassigned' : 'assigned',
        detail: advisor.email,
      });
    }
    return { advisor, changed };
  });
}

/** Disables an advisor: every device of theirs is signed out at once; their work stays. */
export async function disableAdvisorByEmail(
  db: HubDb,
  email: string,
  by: string | null = null,
): Promise<void> {
  const advisor = await advisorOf(db, email);
  await db.tx(async (q) => {
    await disableAdvisor(q, advisor.id);
    await addAudit(q, { advisorId: by, action: 'advisor-disabled', detail: advisor.email });
  });
}
