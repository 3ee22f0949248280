// The hub's outbox sends a fix to QBO exactly once: applied with QBO's answer in the mirror, a repeated
// push of the same fix id a no-op, a stale SyncToken on the same field a conflict that keeps QBO's value,
// and (real processes, real PostgreSQL) a hub SIGKILLed between QBO applying the fix and the hub recording
// it: the next hub sends it again with the same requestid and QBO answers with the first result.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { HubDb } from '../../src/main/hub/db/hub-db.ts';
import { addToOutbox, getFix } from '../../src/main/hub/db/repositories/outbox.ts';
import { readMirrorRecord } from '../../src/main/hub/db/repositories/mirror.ts';
import { newOwner } from '../../src/main/hub/jobs/owner.ts';
import { dueRefresh, workRefresh } from '../../src/main/hub/jobs/worker.ts';
import { sendOutbox } from '../../src/main/hub/outbox/send.ts';
import { hubTestDrivers } from '../support/postgres.ts';
import { startHubHarness, type HubHarness } from './support/hub-harness.ts';
import { hubEnv, spawnHub, waitFor } from './support/hub-process.ts';

const drivers = hubTestDrivers();
const postgres = drivers.find((d) => d.name === 'postgres')!;
let h: HubHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

type Writes = { applied: number; replayed: number; refused: number };
const writesOf = async (hh: HubHarness, realmId: string): Promise<Writes> => {
  const c = await hh.admin<{ realms: Record<string, { writes: Writes }> }>('GET', '/counters');
  return c.realms[realmId]?.writes ?? { applied: 0, replayed: 0, refused: 0 };
};

async function syncAll(hh: HubHarness, db: HubDb) {
  const owner = newOwner('t');
  const r = await dueRefresh(db, owner, 0);
  const events = await workRefresh(
    { db, connections: hh.connections(), owner, leaseSeconds: 30 },
    r.id,
  );
  expect(events.map((e) => (e.kind === 'failed' ? e.error : e.kind))).toEqual(
    hh.companies.map(() => 'done'),
  );
}

async function aBill(hh: HubHarness, companyId: string) {
  const rows = await hh.db.query<{ qbo_id: string }>(
    "SELECT qbo_id FROM mirror_records WHERE company_id = $1 AND entity = 'Bill' AND NOT deleted ORDER BY qbo_id LIMIT 1",
    [companyId],
  );
  const bill = await readMirrorRecord(hh.db, companyId, 'Bill', rows[0]!.qbo_id);
  return { qboId: rows[0]!.qbo_id, ...bill! };
}

describe.each(drivers)('hub outbox on $name', (driver) => {
  if (driver.skip) console.warn(`skipping PostgreSQL hub outbox tests: ${driver.skip}`);

  it.skipIf(driver.skip !== null)(
    'sends a fix once, mirrors QBO’s answer, and a repeated push changes nothing',
    async () => {
      h = await startHubHarness(driver, { companies: 1 });
      await syncAll(h, h.db);
      const [c] = h.companies;
      const bill = await aBill(h, c!.companyId);
      const id = randomUUID();
      const fix = {
        id,
        companyId: c!.companyId,
        kind: 'update' as const,
        entity: 'Bill',
        qboId: bill.qboId,
        body: {
          changes: { PrivateNote: 'Paid by wire, see March statement' },
          before: { PrivateNote: bill.body.PrivateNote ?? null },
        },
        createdBy: 'advisor-1',
      };
      expect(await addToOutbox(h.db, fix)).toBe(true);
      const queuedSeq = (
        await h.db.query<{ s: number }>('SELECT change_seq AS s FROM outbox WHERE id = $1', [id])
      )[0]!.s;
      expect(await addToOutbox(h.db, fix)).toBe(false);

      const connections = h.connections();
      const events = await sendOutbox({
        db: h.db,
        connections,
        owner: newOwner('t'),
        leaseSeconds: 30,
      });
      expect(events.map((e) => e.state)).toEqual(['applied']);
      expect(await writesOf(h, c!.realmId)).toEqual({ applied: 1, replayed: 0, refused: 0 });
      const sent = await getFix(h.db, id);
      expect(sent!.state).toBe('applied');
      const mirrored = await readMirrorRecord(h.db, c!.companyId, 'Bill', bill.qboId);
      expect(mirrored!.body.PrivateNote).toBe('Paid by wire, see March statement');
      expect(Number(mirrored!.syncToken)).toBe(Number(bill.syncToken) + 1);
      expect(mirrored!.changeSeq).toBeGreaterThan(bill.changeSeq);
      const settledSeq = (
        await h.db.query<{ s: number }>('SELECT change_seq AS s FROM outbox WHERE id = $1', [id])
      )[0]!.s;
      expect(settledSeq).toBeGreaterThan(queuedSeq);

      // Pushed again after it was sent: still one row, nothing sent again.
      expect(await addToOutbox(h.db, fix)).toBe(false);
      expect(
        await sendOutbox({ db: h.db, connections, owner: newOwner('t'), leaseSeconds: 30 }),
      ).toEqual([]);
      expect((await writesOf(h, c!.realmId)).applied).toBe(1);
    },
    120_000,
  );

  it.skipIf(driver.skip !== null)(
    'a fix on a field QBO changed meanwhile is a conflict and QBO’s value stays',
    async () => {
      h = await startHubHarness(driver, { companies: 1 });
      await syncAll(h, h.db);
      const [c] = h.companies;
      const bill = await aBill(h, c!.companyId);
      await h.admin('POST', `/companies/${c!.realmId}/Bill/${bill.qboId}`, {
        PrivateNote: 'Changed in QuickBooks',
      });
      const id = randomUUID();
      await addToOutbox(h.db, {
        id,
        companyId: c!.companyId,
        kind: 'update',
        entity: 'Bill',
        qboId: bill.qboId,
        body: {
          changes: { PrivateNote: 'From the advisor' },
          before: { PrivateNote: bill.body.PrivateNote ?? null },
        },
      });
      const events = await sendOutbox({
        db: h.db,
        connections: h.connections(),
        owner: newOwner('t'),
        leaseSeconds: 30,
      });
      expect(events.map((e) => e.state)).toEqual(['conflict']);
      const fix = await getFix(h.db, id);
      expect(fix!.state).toBe('conflict');
      expect((fix!.result!.theirs as Record<string, unknown>).PrivateNote).toBe(
        'Changed in QuickBooks',
      );
      expect((await writesOf(h, c!.realmId)).applied).toBe(0);
      expect(
        (await readMirrorRecord(h.db, c!.companyId, 'Bill', bill.qboId))!.body.PrivateNote,
      ).toBe('Changed in QuickBooks');
    },
    120_000,
  );
});

describe.each(drivers)('hub outbox deletes on $name', (driver) => {
  it.skipIf(driver.skip !== null)(
    'deletes a record once; the mirror keeps it, marked deleted',
    async () => {
      h = await startHubHarness(driver, { companies: 1 });
      await syncAll(h, h.db);
      const [c] = h.companies;
      const unpaid = (
        await h.db.query<{ qbo_id: string }>(
          "SELECT qbo_id FROM mirror_records WHERE company_id = $1 AND entity = 'Bill' AND (body->>'Balance')::numeric = (body->>'TotalAmt')::numeric ORDER BY qbo_id LIMIT 1",
          [c!.companyId],
        )
      )[0]!;
      const id = randomUUID();
      await addToOutbox(h.db, {
        id,
        companyId: c!.companyId,
        kind: 'delete',
        entity: 'Bill',
        qboId: unpaid.qbo_id,
        body: { changes: {} },
      });
      const events = await sendOutbox({
        db: h.db,
        connections: h.connections(),
        owner: newOwner('t'),
        leaseSeconds: 30,
      });
      expect(events.map((e) => e.state)).toEqual(['applied']);
      expect((await writesOf(h, c!.realmId)).applied).toBe(1);
      expect((await readMirrorRecord(h.db, c!.companyId, 'Bill', unpaid.qbo_id))!.deleted).toBe(
        true,
      );
      await expect(
        h.admin('GET', `/companies/${c!.realmId}/Bill/${unpaid.qbo_id}`),
      ).rejects.toThrow(/404/);
    },
    120_000,
  );
});

describe.skipIf(postgres.skip !== null)('hub outbox across a crash', () => {
  it('a hub killed between QBO applying a fix and recording it: the next hub records it, applied once', async () => {
    h = await startHubHarness(postgres, { companies: 1 });
    await syncAll(h, h.db);
    const [c] = h.companies;
    const bill = await aBill(h, c!.companyId);
    const id = randomUUID();
    await addToOutbox(h.db, {
      id,
      companyId: c!.companyId,
      kind: 'update',
      entity: 'Bill',
      qboId: bill.qboId,
      body: {
        changes: { PrivateNote: 'Sent once' },
        before: { PrivateNote: bill.body.PrivateNote ?? null },
      },
    });
    await h.admin('DELETE', '/counters');
    // QBO applies the write and the answer never arrives (every attempt's connection dropped after the commit).
    await h.admin('POST', '/faults', { commitThenDrop: 1000 });
    const env = hubEnv(h);
    const args = ['hub', '--once', '--lease-seconds', '1', '--database-url', h.url!];
    const first = spawnHub(args, env);
    await waitFor(async () => (await writesOf(h!, c!.realmId)).applied === 1, first);
    first.child.kill('SIGKILL');
    await first.done;
    expect((await getFix(h.db, id))!.state).toBe('sending');

    await h.admin('DELETE', '/faults');
    const second = spawnHub(args, env);
    const run = await second.done;
    expect(run.code, run.stderr).toBe(0);
    const fix = await getFix(h.db, id);
    expect(fix!.state).toBe('applied');
    const writes = await writesOf(h, c!.realmId);
    // Applied at QBO exactly once; the resend was answered from QBO's requestid cache.
    expect(writes.applied).toBe(1);
    expect(writes.replayed).toBeGreaterThanOrEqual(1);
    expect((await readMirrorRecord(h.db, c!.companyId, 'Bill', bill.qboId))!.body.PrivateNote).toBe(
      'Sent once',
    );
  }, 120_000);
});
