// The hub syncs QBO companies into its PostgreSQL mirror (both drivers): every entity with the emulator's
// counts, one job per company per refresh, a second refresh one CDC request per company, edits and
// deletions made in QBO arriving with it, each changed row with a fresh change_seq and the others kept.
import { afterEach, describe, expect, it } from 'vitest';
import { mirroredEntities } from '../../src/core/mirror/entities.ts';
import type { HubDb } from '../../src/main/hub/db/hub-db.ts';
import { jobsOfRefresh } from '../../src/main/hub/db/repositories/jobs.ts';
import { countMirror, readMirrorRecord } from '../../src/main/hub/db/repositories/mirror.ts';
import { newOwner } from '../../src/main/hub/jobs/owner.ts';
import { dueRefresh, workRefresh } from '../../src/main/hub/jobs/worker.ts';
import { hubTestDrivers } from '../support/postgres.ts';
import { startHubHarness, type HubHarness } from './support/hub-harness.ts';

const drivers = hubTestDrivers();
let h: HubHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const refresh = async (hh: HubHarness, db: HubDb) => {
  const owner = newOwner('t');
  // interval 0: each call starts a new refresh.
  const r = await dueRefresh(db, owner, 0);
  const events = await workRefresh(
    { db, connections: hh.connections(), owner, leaseSeconds: 30, pageSize: 100 },
    r.id,
  );
  return { refreshId: r.id, events };
};

describe.each(drivers)('hub sync on $name', (driver) => {
  if (driver.skip) console.warn(`skipping PostgreSQL hub sync tests: ${driver.skip}`);

  it.skipIf(driver.skip !== null)(
    "syncs every company with the emulator's counts, then refreshes each with one CDC request",
    async () => {
      h = await startHubHarness(driver);
      const first = await refresh(h, h.db);
      expect(first.events.map((e) => e.kind)).toEqual(['done', 'done', 'done']);
      const jobs = await jobsOfRefresh(h.db, first.refreshId);
      expect(jobs.map((j) => j.companyId).sort()).toEqual(
        h.companies.map((c) => c.companyId).sort(),
      );
      for (const c of h.companies) {
        const counts = await countMirror(h.db, c.companyId);
        for (const entity of mirroredEntities)
          expect(counts[entity] ?? 0, `${c.realmId} ${entity}`).toBe(
            await h.emulatorCount(c.realmId, entity),
          );
        // The job counted exactly the rows it wrote: nothing twice (pages re-read 25 records each).
        const job = jobs.find((j) => j.companyId === c.companyId)!;
        expect(job.records).toBe(Object.values(counts).reduce((a, b) => a + b, 0));
      }

      await h.admin('DELETE', '/counters');
      const [a] = h.companies;
      const vendor = (
        await h.db.query<{ qbo_id: string; change_seq: number }>(
          "SELECT qbo_id, change_seq FROM mirror_records WHERE company_id = $1 AND entity = 'Vendor' ORDER BY qbo_id LIMIT 2",
          [a!.companyId],
        )
      ).map((r) => r);
      await h.admin('POST', `/companies/${a!.realmId}/Vendor/${vendor[0]!.qbo_id}`, {
        DisplayName: 'Renamed in QuickBooks',
      });
      const bill = (
        await h.db.query<{ qbo_id: string; change_seq: number }>(
          "SELECT qbo_id, change_seq FROM mirror_records WHERE company_id = $1 AND entity = 'Bill' AND (body->>'Balance')::numeric = (body->>'TotalAmt')::numeric ORDER BY qbo_id LIMIT 1",
          [a!.companyId],
        )
      )[0]!;
      await h.admin('DELETE', `/companies/${a!.realmId}/Bill/${bill.qbo_id}`);
      await h.admin('DELETE', '/counters');
      const second = await refresh(h, h.db);
      expect(second.events.map((e) => e.kind)).toEqual(['done', 'done', 'done']);
      for (const c of h.companies) {
        const n = await h.counters(c.realmId);
        expect(n.total, c.realmId).toBe(1);
        expect(n.byEndpoint).toEqual({ cdc: 1 });
      }
      const edited = await readMirrorRecord(h.db, a!.companyId, 'Vendor', vendor[0]!.qbo_id);
      expect(edited!.body.DisplayName).toBe('Renamed in QuickBooks');
      expect(edited!.changeSeq).toBeGreaterThan(vendor[0]!.change_seq);
      // An unpaid bill (nothing linked to it) deleted in QuickBooks: the deletion came with the same CDC answer: the row stays, marked deleted, with a fresh seq.
      const gone = await readMirrorRecord(h.db, a!.companyId, 'Bill', bill.qbo_id);
      expect(gone!.deleted).toBe(true);
      expect(gone!.changeSeq).toBeGreaterThan(bill.change_seq);
      expect((await countMirror(h.db, a!.companyId)).Bill).toBe(
        await h.emulatorCount(a!.realmId, 'Bill'),
      );
      const untouched = await readMirrorRecord(h.db, a!.companyId, 'Vendor', vendor[1]!.qbo_id);
      expect(untouched!.changeSeq).toBe(vendor[1]!.change_seq);
    },
    180_000,
  );

  it.skipIf(driver.skip !== null)(
    'a cursor past CDC’s 30 days reloads the company and marks deleted what QBO no longer has',
    async () => {
      h = await startHubHarness(driver, { companies: 1 });
      await refresh(h, h.db);
      const [c] = h.companies;
      const bill = (
        await h.db.query<{ qbo_id: string }>(
          "SELECT qbo_id FROM mirror_records WHERE company_id = $1 AND entity = 'Bill' AND (body->>'Balance')::numeric = (body->>'TotalAmt')::numeric ORDER BY qbo_id LIMIT 1",
          [c!.companyId],
        )
      )[0]!;
      await h.admin('DELETE', `/companies/${c!.realmId}/Bill/${bill.qbo_id}`);
      // 31 days later in QuickBooks: CDC cannot answer from that far back.
      await h.admin('POST', '/clock', { advanceSeconds: 31 * 86_400 });
      await h.admin('DELETE', '/counters');
      const again = await refresh(h, h.db);
      expect(again.events.map((e) => e.kind)).toEqual(['done']);
      expect((await h.counters(c!.realmId)).byEndpoint.query).toBeGreaterThan(0);
      expect((await readMirrorRecord(h.db, c!.companyId, 'Bill', bill.qbo_id))!.deleted).toBe(true);
      const counts = await countMirror(h.db, c!.companyId);
      for (const entity of mirroredEntities)
        expect(counts[entity] ?? 0, entity).toBe(await h.emulatorCount(c!.realmId, entity));
    },
    180_000,
  );
});
