// Two hub processes working on one QBO company at once (one reloading it, both sending its fixes) share
// its request budget through PostgreSQL: QBO (the emulator, which answers 429 past 10 requests a second
// or 10 at once, like QBO) never has to refuse one of them, and every request passed the shared bucket.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { budgetRequests } from '../../src/main/hub/db/repositories/budget.ts';
import { addToOutbox } from '../../src/main/hub/db/repositories/outbox.ts';
import { newOwner } from '../../src/main/hub/jobs/owner.ts';
import { dueRefresh, workRefresh } from '../../src/main/hub/jobs/worker.ts';
import { hubTestDrivers } from '../support/postgres.ts';
import { startHubHarness, type HubHarness } from './support/hub-harness.ts';
import { hubEnv, spawnHub } from './support/hub-process.ts';

const postgres = hubTestDrivers().find((d) => d.name === 'postgres')!;
if (postgres.skip) console.warn(`skipping the hub budget test: ${postgres.skip}`);

let h: HubHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe.skipIf(postgres.skip !== null)('the realm budget shared by a fleet', () => {
  it('two processes on one company stay under its limits: zero 429s', async () => {
    h = await startHubHarness(postgres, { companies: 1 });
    const owner = newOwner('t');
    const r = await dueRefresh(h.db, owner, 0);
    await workRefresh({ db: h.db, connections: h.connections(), owner, leaseSeconds: 30 }, r.id);
    const [c] = h.companies;
    const bills = await h.db.query<{ qbo_id: string }>(
      "SELECT qbo_id FROM mirror_records WHERE company_id = $1 AND entity = 'Bill' AND NOT deleted ORDER BY qbo_id LIMIT 40",
      [c!.companyId],
    );
    expect(bills.length).toBeGreaterThanOrEqual(20);
    for (const b of bills)
      await addToOutbox(h.db, {
        id: randomUUID(),
        companyId: c!.companyId,
        kind: 'update',
        entity: 'Bill',
        qboId: b.qbo_id,
        body: { changes: { PrivateNote: `Checked ${b.qbo_id}` } },
      });
    // The company is loaded again from scratch, by small pages: many requests beside the fixes.
    await h.db.query('DELETE FROM sync_cursors WHERE company_id = $1', [c!.companyId]);
    // …in the next refresh: the first one is made an hour old, so the processes start a new one.
    await h.db.query("UPDATE hub_refreshes SET started_at = now() - interval '1 hour'");
    await h.admin('DELETE', '/counters');
    const bucketBefore = await budgetRequests(h.db, c!.realmId);

    const env = hubEnv(h);
    const args = ['hub', '--once', '--page-size', '10', '--database-url', h.url!];
    const runs = await Promise.all([spawnHub(args, env).done, spawnHub(args, env).done]);
    for (const run of runs) expect(run.code, run.stderr).toBe(0);

    const counters = await h.counters(c!.realmId);
    expect(counters.throttled).toBe(0);
    expect(counters.total).toBeGreaterThan(bills.length + 40);
    const writes = (
      await h.admin<{ realms: Record<string, { writes: { applied: number } }> }>('GET', '/counters')
    ).realms[c!.realmId]!.writes;
    expect(writes.applied).toBe(bills.length);
    const applied = await h.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM outbox WHERE state = 'applied'",
    );
    expect(applied[0]!.n).toBe(bills.length);
    // Every request QBO saw went through the shared bucket.
    expect((await budgetRequests(h.db, c!.realmId)) - bucketBefore).toBe(counters.total);
  }, 240_000);
});
