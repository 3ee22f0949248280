// Leases of sync jobs (both drivers): a worker whose lease expired and was taken over commits nothing
// more (every page's transaction checks the lease first) and the new owner finishes the job from the
// last committed page, with exact counts; a refresh gives each company one job, however many join it.
import { afterEach, describe, expect, it } from 'vitest';
import { mirroredEntities } from '../../src/core/mirror/entities.ts';
import { listJobs, refreshDue, takeJob } from '../../src/main/hub/db/repositories/jobs.ts';
import { countMirror } from '../../src/main/hub/db/repositories/mirror.ts';
import { newOwner } from '../../src/main/hub/jobs/owner.ts';
import { dueRefresh, runJob, workRefresh } from '../../src/main/hub/jobs/worker.ts';
import { hubTestDrivers } from '../support/postgres.ts';
import { startHubHarness, type HubHarness } from './support/hub-harness.ts';

const drivers = hubTestDrivers();
let h: HubHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe.each(drivers)('hub sync jobs on $name', (driver) => {
  if (driver.skip) console.warn(`skipping PostgreSQL hub job tests: ${driver.skip}`);

  it.skipIf(driver.skip !== null)(
    'a worker that lost its lease commits no page after the new owner took the job',
    async () => {
      h = await startHubHarness(driver, { companies: 1 });
      const db = h.db;
      const [a, b] = [newOwner('a'), newOwner('b')];
      const refresh = await dueRefresh(db, a, 0);
      const job = (await takeJob(db, a, 30))!;
      let pagesOfA = 0;
      let taken: Awaited<ReturnType<typeof takeJob>> = null;
      const connections = h.connections();
      const lost = await runJob(
        {
          db,
          connections,
          owner: a,
          leaseSeconds: 30,
          pageSize: 30,
          // After A's third page its lease runs out (as if A stalled) and B takes the job over.
          onPage: async () => {
            if (++pagesOfA !== 3) return;
            await db.query("UPDATE sync_jobs SET lease_expires_at = now() - interval '1 second'");
            taken = await takeJob(db, b, 30);
          },
        },
        job,
      );
      expect(lost.kind).toBe('lost');
      expect(pagesOfA).toBe(3);
      expect(taken!.id).toBe(job.id);
      expect(taken!.attempts).toBe(2);
      const afterA = (await listJobs(db))[0]!;
      expect(afterA.pages).toBe(3);
      expect(afterA.leaseOwner).toBe(b);

      const done = await runJob(
        { db, connections, owner: b, leaseSeconds: 30, pageSize: 30 },
        taken!,
      );
      expect(done.kind).toBe('done');
      const [c] = h.companies;
      const counts = await countMirror(db, c!.companyId);
      for (const entity of mirroredEntities)
        expect(counts[entity] ?? 0, entity).toBe(await h.emulatorCount(c!.realmId, entity));
      const final = (await listJobs(db))[0]!;
      expect(final.state).toBe('done');
      expect(final.records).toBe(Object.values(counts).reduce((x, y) => x + y, 0));
      // The refresh had one job, and nothing more to do.
      expect(
        await workRefresh({ db, connections, owner: b, leaseSeconds: 30 }, refresh.id),
      ).toEqual([]);
    },
    180_000,
  );

  it.skipIf(driver.skip !== null)(
    'workers joining one refresh add no second job; one refresh at a time',
    async () => {
      h = await startHubHarness(driver, { companies: 3 });
      const first = await h.db.tx((q) => refreshDue(q, newOwner('a'), 900));
      const second = await h.db.tx((q) => refreshDue(q, newOwner('b'), 900));
      expect(first.created).toBe(true);
      expect(second).toEqual({ id: first.id, created: false });
      expect(await listJobs(h.db)).toHaveLength(3);
      // Past its interval, a refresh with open jobs is still joined: one refresh at a time.
      await h.db.query("UPDATE hub_refreshes SET started_at = now() - interval '1 hour'");
      expect(await h.db.tx((q) => refreshDue(q, newOwner('c'), 900))).toEqual({
        id: first.id,
        created: false,
      });
      // Its jobs done, and even with an interval of 0, the next start begins a new refresh.
      await h.db.query("UPDATE sync_jobs SET state = 'done'");
      const next = await h.db.tx((q) => refreshDue(q, newOwner('d'), 0));
      expect(next.created).toBe(true);
      expect(await listJobs(h.db)).toHaveLength(6);
    },
  );

  it.skipIf(driver.skip !== null)(
    'a job whose workers keep dying is failed after five takes, so its refresh can end',
    async () => {
      h = await startHubHarness(driver, { companies: 1 });
      const refresh = await dueRefresh(h.db, newOwner('a'), 0);
      // Five workers took it in turn and each died (their leases ran out).
      await h.db.query(
        "UPDATE sync_jobs SET state = 'running', attempts = 5, lease_owner = 'gone', lease_expires_at = now() - interval '1 second'",
      );
      const events = await workRefresh(
        { db: h.db, connections: h.connections(), owner: newOwner('b'), leaseSeconds: 30 },
        refresh.id,
      );
      expect(events.map((e) => e.kind)).toEqual(['failed']);
      const [job] = await listJobs(h.db);
      expect(job!.state).toBe('failed');
      expect(job!.error).toBe('gave up after 5 attempts whose workers stopped mid-sync');
      expect((await h.counters(h.companies[0]!.realmId)).total).toBe(0);
    },
  );
});
