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

  it.skipIf(driver.skip !== null)(
    'records deleted in QBO behind a full load shift none past it: the load steps back',
    async () => {
      h = await startHubHarness(driver, { companies: 1 });
      const db = h.db;
      const [c] = h.companies;
      const owner = newOwner('a');
      const refresh = await dueRefresh(db, owner, 0);
      const job = (await takeJob(db, owner, 30))!;
      let pagesOfEntity = 0;
      let deleted = 0;
      const done = await runJob(
        {
          db,
          connections: h.connections(),
          owner,
          leaseSeconds: 30,
          pageSize: 30,
          // After the second page of expenses, more than a page re-reads are deleted behind the load.
          onPage: async (_company, entity) => {
            if (entity !== 'Purchase' || ++pagesOfEntity !== 2) return;
            const read = await db.query<{ qbo_id: string }>(
              "SELECT qbo_id FROM mirror_records WHERE company_id = $1 AND entity = 'Purchase'",
              [c!.companyId],
            );
            for (const r of read.slice(0, 28)) {
              await h!.admin('DELETE', `/companies/${c!.realmId}/Purchase/${r.qbo_id}`);
              deleted++;
            }
          },
        },
        job,
      );
      expect(done.kind).toBe('done');
      expect(deleted).toBeGreaterThan(25);
      // Every expense QBO still has is here (the deleted ones too, until CDC says so).
      const live = await h.emulatorCount(c!.realmId, 'Purchase');
      expect((await countMirror(db, c!.companyId)).Purchase).toBe(live + deleted);
      // The next refresh's CDC brings the deletions.
      await db.query("UPDATE hub_refreshes SET started_at = now() - interval '1 hour'");
      const next = await dueRefresh(db, owner, 900);
      expect(next.id).not.toBe(refresh.id);
      await workRefresh({ db, connections: h.connections(), owner, leaseSeconds: 30 }, next.id);
      expect((await countMirror(db, c!.companyId)).Purchase).toBe(live);
    },
    180_000,
  );
});
