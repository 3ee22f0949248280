// Firm mode end to end, on both hub drivers (embedded PGlite and a real PostgreSQL 15): two desktops
// (two data folders) signed in to one hub that syncs the emulator's companies. A desktop offline for a
// week catches up in one run of pulls; work made offline on each reaches the other; a concurrent edit of
// one bill's decision resolves by receipt order with both versions in the audit; a repeated push changes
// nothing and answers the same.
import { afterEach, describe, expect, it } from 'vitest';
import { mirroredEntities } from '../../src/core/mirror/entities.ts';
import { currentDecisions } from '../../src/main/db/repositories/decisions.ts';
import { firmClients, firmLink, lostOps } from '../../src/main/db/repositories/firm.ts';
import {
  countMirror,
  readMirror,
  readMirrorRecord,
} from '../../src/main/db/repositories/mirror.ts';
import { linkedHub } from '../../src/main/firm/connect.ts';
import type { OutgoingOp } from '../../src/main/firm/wire.ts';
import { auditOf } from '../../src/main/hub/db/repositories/audit.ts';
import { countMirror as countHubMirror } from '../../src/main/hub/db/repositories/mirror.ts';
import { newOwner } from '../../src/main/hub/jobs/owner.ts';
import { sendOutbox } from '../../src/main/hub/outbox/send.ts';
import { hubTestDrivers } from '../support/postgres.ts';
import { runRowcol } from '../support/rowcol-process.ts';
import { startFirm, type Desktop, type Firm } from './support/firm-harness.ts';

const drivers = hubTestDrivers();
let firm: Firm | undefined;
afterEach(async () => {
  await firm?.close();
  firm = undefined;
});

const scopeOf = (d: Desktop, businessId: string) => ({ advisorId: d.ctx.advisorId, businessId });
const businessOf = (d: Desktop, companyId: string) =>
  firmClients(d.db).find((f) => f.companyId === companyId)!.businessId;

/** An open bill of this client in the desktop's mirror. */
function openBills(d: Desktop, businessId: string): string[] {
  return readMirror(d.db, scopeOf(d, businessId), 'Bill')
    .filter((r) => Number((r.data as { Balance?: number }).Balance ?? 0) > 0)
    .map((r) => r.qboId)
    .sort((a, b) => Number(a) - Number(b));
}

describe.each(drivers)('firm mode on $name', (driver) => {
  if (driver.skip) console.warn(`skipping PostgreSQL firm tests: ${driver.skip}`);

  it.skipIf(driver.skip !== null)(
    'two desktops: a week offline caught up in one run of pulls, offline work crosses over, a concurrent edit keeps both versions',
    { timeout: 240_000 },
    async () => {
      firm = await startFirm(driver, 2);
      await firm.refresh();
      const [c0, c1] = firm.hub.companies.map((c) => c.companyId) as [string, string];
      const a = await firm.desktop(
        'ann-laptop',
        await firm.advisor('ann@firm.test', 'advisor', [c0, c1]),
      );
      const b = await firm.desktop(
        'bob-desktop',
        await firm.advisor('bob@firm.test', 'reviewer', [c0, c1]),
      );

      // First pull: each desktop holds exactly the hub's mirror of both clients.
      for (const d of [a, b]) {
        const r = await d.sync();
        expect(r.pullRequests).toBeGreaterThan(0);
        for (const companyId of [c0, c1]) {
          const hubCounts = await countHubMirror(firm.hub.db, companyId);
          for (const entity of mirroredEntities)
            expect(
              countMirror(d.db, scopeOf(d, businessOf(d, companyId)), entity),
              `${d.name} ${entity}`,
            ).toBe(hubCounts[entity] ?? 0);
        }
      }

      // Each desktop says its books are as fresh as the hub's sync of them, entity by entity.
      const cursors = await firm.hub.db.query<{ entity: string; at: string }>(
        'SELECT entity, last_success_at AS at FROM sync_cursors WHERE company_id = $1',
        [c0],
      );
      const [status] = await a.runtime.call('sync:status', { businessId: businessOf(a, c0) });
      expect(Object.fromEntries(status!.entities.map((e) => [e.entity, e.lastSuccessAt]))).toEqual(
        Object.fromEntries(cursors.map((c) => [c.entity, new Date(c.at).toISOString()])),
      );

      // Bob is offline for a week: QBO's books move on (edits in both companies) and the hub syncs them.
      const bobFrom = firmLink(b.db)!.pulledSeq;
      await firm.hub.admin('POST', '/clock', { advanceSeconds: 7 * 86_400 });
      const billsA0 = openBills(a, businessOf(a, c0));
      const edited: string[] = [];
      for (const [i, co] of firm.hub.companies.entries()) {
        const bills = openBills(a, businessOf(a, co.companyId)).slice(0, 3);
        for (const id of bills) {
          await firm.hub.admin('POST', `/companies/${co.realmId}/Bill/${id}`, {
            PrivateNote: `week ${i} ${id}`,
          });
          edited.push(`${co.companyId}:${id}`);
        }
      }
      await firm.refresh();

      // Meanwhile Ann works (offline: nothing pushed yet): a decision on a bill of client 0.
      const billA = billsA0[0]!;
      await a.runtime.call('decisions:record', {
        businessId: businessOf(a, c0),
        billQboId: billA,
        action: 'delay',
        plannedDate: '2030-01-15',
        note: 'waiting for the March receipts',
      });
      // Bob, offline, approves a tray item of client 1 and logs a call.
      const bobC1 = businessOf(b, c1);
      const trayItem = (await b.runtime.call('tray:list', { businessId: bobC1 })).find(
        (i) => i.status === 'open',
      );
      expect(trayItem, 'the emulator plants tray problems').toBeDefined();
      await b.runtime.call('tray:decide', {
        businessId: bobC1,
        itemId: trayItem!.id,
        decision: 'approve',
      });

      // Bob comes back: one sync catches up the week in one run of pulls of 25 changes each.
      const { n: waiting } = (
        await firm.hub.db.query<{ n: number }>(
          `SELECT (SELECT count(*) FROM mirror_records WHERE change_seq > $1) + (SELECT count(*) FROM work_items WHERE change_seq > $1) AS n`,
          [bobFrom],
        )
      )[0]!;
      expect(waiting).toBeGreaterThanOrEqual(edited.length);
      const back = await b.sync({ pullLimit: 25 });
      expect(back.pushed).toBe(1);
      // Bob's own pushed tray choice comes back in the pull too (counted, not applied twice).
      expect(back.pullRequests).toBe(Math.ceil((waiting + 1) / 25));
      for (const e of edited) {
        const [companyId, id] = e.split(':') as [string, string];
        const local = readMirrorRecord(b.db, scopeOf(b, businessOf(b, companyId)), 'Bill', id)!;
        expect(local.data.PrivateNote).toMatch(/^week \d /);
      }

      // Ann syncs: her decision goes up, Bob's approval comes down; then Bob gets Ann's decision.
      const annSync = await a.sync();
      expect(annSync.pushed).toBe(1);
      const annTray = await a.runtime.call('tray:list', {
        businessId: businessOf(a, c1),
        statuses: ['open', 'approved', 'excluded'],
      });
      const sameItem = annTray.find(
        (i) => i.code === trayItem!.code && i.title === trayItem!.title,
      );
      expect(sameItem?.status).toBe('approved');
      await b.sync();
      const bobSees = currentDecisions(b.db, scopeOf(b, businessOf(b, c0))).find(
        (d) => d.billQboId === billA,
      );
      expect(bobSees).toMatchObject({
        action: 'delay',
        plannedDate: '2030-01-15',
        decidedBy: 'ann@firm.test',
      });

      // A fix made on a desktop goes to the hub's outbox (id = the desktop's op id); the desktop never sends it.
      const realm0 = firm.hub.companies[0]!.realmId;
      const qboBefore = (await firm.hub.counters(realm0)).total;
      const fix = await a.runtime.call('fixes:record', {
        businessId: businessOf(a, c0),
        entity: 'Bill',
        qboId: billA,
        dueDate: '2030-02-01',
      });
      expect((await a.sync()).pushed).toBe(1);
      const queued = await firm.hub.db.query<{
        id: string;
        state: string;
        created_by: string;
        entity: string;
        qbo_id: string;
      }>('SELECT id, state, created_by, entity, qbo_id FROM outbox');
      expect(queued).toEqual([
        {
          id: expect.any(String),
          state: 'pending',
          created_by: 'ann@firm.test',
          entity: 'Bill',
          qbo_id: billA,
        },
      ]);
      const [local] = await a.runtime.call('outbox:list', { businessId: businessOf(a, c0) });
      expect(local).toMatchObject({ id: fix.id, state: 'pending' });
      expect((await firm.hub.counters(realm0)).total).toBe(qboBefore);
      // The hub sends it; both desktops see the new due date, and Ann's fix says QuickBooks applied it.
      const sent = await sendOutbox({
        db: firm.hub.db,
        connections: firm.hub.connections(),
        owner: newOwner('outbox-test'),
        leaseSeconds: 30,
      });
      expect(sent.map((e) => e.state)).toEqual(['applied']);
      await a.sync();
      await b.sync();
      const [settled] = await a.runtime.call('outbox:list', { businessId: businessOf(a, c0) });
      expect(settled).toMatchObject({ id: fix.id, state: 'applied' });
      for (const d of [a, b])
        expect(
          readMirrorRecord(d.db, scopeOf(d, businessOf(d, c0)), 'Bill', billA)!.data.DueDate,
        ).toBe('2030-02-01');

      // Concurrent edit: both decide the same bill offline; Ann's push arrives first, Bob's second and wins.
      const billB = billsA0[1]!;
      await a.runtime.call('decisions:record', {
        businessId: businessOf(a, c0),
        billQboId: billB,
        action: 'pay_now',
      });
      await b.runtime.call('decisions:record', {
        businessId: businessOf(b, c0),
        billQboId: billB,
        action: 'hold',
        note: 'disputed',
      });
      const annFirst = await a.sync();
      expect(annFirst.won).toBe(0);
      const bobSecond = await b.sync();
      expect(bobSecond.won).toBe(1);
      const annAfter = await a.sync();
      expect(annAfter.replaced).toEqual([
        expect.objectContaining({
          kind: 'decision',
          itemKey: `bill:${billB}`,
          by: 'bob@firm.test',
        }),
      ]);
      expect(lostOps(a.db).map((o) => o.outcome)).toEqual(['replaced']);
      for (const d of [a, b])
        expect(
          currentDecisions(d.db, scopeOf(d, businessOf(d, c0))).find((x) => x.billQboId === billB),
        ).toMatchObject({
          action: 'hold',
          note: 'disputed',
        });
      const audit = await auditOf(firm.hub.db, c0, 0, 1000);
      const clash = audit.filter((e) => e.action === 'concurrent-edit');
      expect(clash).toHaveLength(1);
      expect(clash[0]).toMatchObject({
        by: 'bob@firm.test',
        itemKey: `bill:${billB}`,
        before: { by: 'ann@firm.test', body: { action: 'pay_now' } },
        after: { by: 'bob@firm.test', body: { action: 'hold', note: 'disputed' } },
      });

      // Bob, a reviewer, reads it on his desktop (the real CLI); Ann, an advisor, may not.
      const trail = await runRowcol(['--data-dir', b.dir, 'audit', '--client', businessOf(b, c0)], {
        PATH: process.env.PATH,
        ...b.ctx.env,
      });
      expect(trail).toMatchObject({ code: 0, stderr: '' });
      expect(trail.stdout).toMatch(
        new RegExp(
          `bob@firm\\.test\\s+concurrent-edit\\s+decision bill:${billB}\\s+bob@firm\\.test: hold disputed \\(replaced ann@firm\\.test: pay_now\\)`,
        ),
      );
      await expect(a.runtime.call('firm:audit', { businessId: businessOf(a, c0) })).rejects.toThrow(
        'The firm hub refused: Only reviewers and admins read the audit trail.',
      );

      // A repeated push is a no-op with the same answer: nothing written, no new change_seq, no audit row.
      const { client } = linkedHub(b.ctx);
      const [op] = await firm.hub.db.query<{ op_id: string; result: unknown }>(
        "SELECT op_id, result FROM work_ops WHERE kind = 'decision' AND item_key = $1 AND result->'replaced' IS NOT NULL",
        [`bill:${billB}`],
      );
      const again: OutgoingOp = {
        opId: op!.op_id,
        companyId: c0,
        kind: 'decision',
        itemKey: `bill:${billB}`,
        baseSeq: null,
        madeAt: null,
        body: { billQboId: billB, action: 'pay_now' },
      };
      const before = await firm.hub.db.query<{ items: number; audit: number; seq: number }>(
        'SELECT (SELECT count(*) FROM work_items) AS items, (SELECT count(*) FROM audit_trail) AS audit, (SELECT max(change_seq) FROM work_items) AS seq',
      );
      const repeated = await client.push([again]);
      expect(repeated.results).toEqual([op!.result]);
      expect(
        await firm.hub.db.query(
          'SELECT (SELECT count(*) FROM work_items) AS items, (SELECT count(*) FROM audit_trail) AS audit, (SELECT max(change_seq) FROM work_items) AS seq',
        ),
      ).toEqual(before);
    },
  );
});
