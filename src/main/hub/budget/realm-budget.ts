// QBO's limits are per company and app, whoever asks (docs/qbo-api.md §6.3: 500 requests a minute,
// 10 a second, 10 at once). A fleet of hub processes shares them through the database: every request
// first takes one of the realm's concurrency slots, then a token from its bucket (db/repositories/
// budget.ts), and gives the slot back when its answer is in. This is the QboClient `admit` hook.
// Defaults stay clear of QBO's edges: 3 + 6/s means at most 9 in any second and 363 in any minute,
// and 8 slots of 10 (an answer seen here a moment before QBO counts the request finished).
import { sleep } from '../../qbo/retry.ts';
import type { HubDb } from '../db/hub-db.ts';
import { ensureRealmBudget, releaseSlot, takeSlot, takeToken } from '../db/repositories/budget.ts';

export type BudgetLimits = {
  concurrent: number;
  perSecond: number;
  burst: number;
  /** A slot held longer than this (its holder died mid-request) is free again. */
  slotLeaseSeconds: number;
};

export const defaultBudget: BudgetLimits = {
  concurrent: 8,
  perSecond: 6,
  burst: 3,
  slotLeaseSeconds: 180,
};

/** How long to wait before asking again for a slot when all are held. */
const slotPollMs = 25;

export type Admit = (realmId: string, signal?: AbortSignal) => Promise<() => void>;

export function realmBudget(
  db: HubDb,
  holder: string,
  limits: BudgetLimits = defaultBudget,
): Admit {
  const ready = new Map<string, Promise<void>>();
  return async (realmId, signal) => {
    let made = ready.get(realmId);
    if (!made) {
      made = ensureRealmBudget(db, realmId, limits.concurrent, limits.burst);
      ready.set(realmId, made);
      made.catch(() => ready.delete(realmId));
    }
    await made;
    let slot: number | null;
    for (;;) {
      slot = await takeSlot(db, realmId, holder, limits.concurrent, limits.slotLeaseSeconds);
      if (slot !== null) break;
      await sleep(slotPollMs + Math.random() * slotPollMs, signal);
    }
    const held = slot;
    try {
      for (;;) {
        const wait = await takeToken(db, realmId, limits.burst, limits.perSecond);
        if (wait === 0) break;
        await sleep(Math.ceil(wait * 1000), signal);
      }
    } catch (error) {
      await releaseSlot(db, realmId, held, holder).catch(() => {});
      throw error;
    }
    return () => {
      releaseSlot(db, realmId, held, holder).catch(() => {});
    };
  };
}
