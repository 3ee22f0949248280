// Pull: everything of the caller's clients that changed after `since` (mirror rows and work items, one
// change_seq), in seq order, in batches of `limit`. The desktop keeps the seq of the last change it
// applied and asks again from there while `more` is true: a pull cut off anywhere resumes exactly.
// Correct because every writer of change_seq commits under one lock (db/repositories/change-seq.ts):
// whatever row has a seq at or below the highest one a reader saw is already visible to it.
import type { HubDb } from '../db/hub-db.ts';
import type { DeviceSession } from '../db/repositories/advisors.ts';
import { changesSince, type PulledChange } from '../db/repositories/work-items.ts';
import { Refused } from '../auth/refused.ts';
import { visibleCompanyIds } from './visibility.ts';

export type PullAnswer = { changes: PulledChange[]; next: number; more: boolean };

export const pullLimitMax = 5000;
export const pullLimitDefault = 1000;

/** `company`: one client only (a desktop catching up a client newly assigned, from seq 0). */
export async function pullChanges(
  db: HubDb,
  s: DeviceSession,
  p: { since: number; limit: number; company?: string },
): Promise<PullAnswer> {
  let ids = await visibleCompanyIds(db, s);
  if (p.company !== undefined) {
    if (!ids.includes(p.company))
      throw new Refused(403, `${s.advisor.email} is not assigned to client ${p.company}.`);
    ids = [p.company];
  }
  const { changes, more } = await changesSince(db, ids, p.since, p.limit);
  return { changes, more, next: changes.length ? changes[changes.length - 1]!.seq : p.since };
}
