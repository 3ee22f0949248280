// Fixes written back to QuickBooks through the outbox (issue 11), against the emulator: offline first,
// exactly once through a lost answer, conflicts that overwrite nothing, a 429 storm, bad input refused.
import { afterEach, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/main/runtime/runtime.ts';
import { startHarness, type Harness } from '../sync/support/harness.ts';
import { openBills, outboxCount, qboRecord } from './support.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const fast = { perMinute: 100_000, perSecond: 1_000, concurrent: 10 };

async function synced(): Promise<{ h: Harness; rt: Runtime; businessId: string }> {
  h = await startHarness({ seed: 5, size: 'small', limits: fast });
  const rt = h.runtime();
  for (const r of await rt.call('sync:run', {})) expect(r.error).toBeNull();
  return { h, rt, businessId: h.clients[0]!.businessId };
}

describe('fixes through the outbox', () => {
  it('recorded while QuickBooks is unreachable, applied once after it comes back', async () => {
    const { h, rt, businessId } = await synced();
    const bills = openBills(h.db, businessId).slice(0, 3);
    const before = await Promise.all(bills.map((b) => qboRecord(h, 'Bill', b.qboId)));
    await h.admin('POST', '/faults', { dropRate: 1 });
    const fixes = [];
    for (const [i, b] of bills.entries()) {
      fixes.push(
        await rt.call('fixes:record', {
          businessId,
          entity: 'Bill',
          qboId: b.qboId,
          dueDate: `2027-01-1${i}`,
        }),
      );
    }
    // Shown at once, marked pending, with the value QBO had.
    expect(
      openBills(h.db, businessId)
        .slice(0, 3)
        .map((b) => b.dueDate),
    ).toEqual(['2027-01-10', '2027-01-11', '2027-01-12']);
    expect(fixes.map((f) => [f.state, f.before.DueDate])).toEqual(
      bills.map((b) => ['pending', b.dueDate]),
    );
    const consoleBills = Object.values(
      (await rt.call('console:list', { businessId })).groups,
    ).flat();
    expect(consoleBills.find((c) => c.qboId === bills[0]!.qboId)).toMatchObject({
      dueDate: '2027-01-10',
      fixes: [expect.objectContaining({ id: fixes[0]!.id, state: 'pending' })],
    });
    const offline = await rt.call('sync:run', { businessId });
    expect(offline[0]).toMatchObject({ ok: false, error: { code: 'OFFLINE' } });
    expect((await rt.call('outbox:list', { businessId })).every((f) => f.state !== 'applied')).toBe(
      true,
    );

    await h.admin('DELETE', '/faults');
    const online = await rt.call('sync:run', { businessId });
    expect(online[0]).toMatchObject({ ok: true, fixesApplied: 3, fixConflicts: 0 });
    for (const [i, b] of bills.entries()) {
      const now = await qboRecord(h, 'Bill', b.qboId);
      expect(now.DueDate).toBe(`2027-01-1${i}`);
      // Applied exactly once: the SyncToken moved by one.
      expect(Number(now.SyncToken)).toBe(Number(before[i]!.SyncToken) + 1);
    }
    const outbound = h.db
      .prepare(
        `SELECT COUNT(*) AS n FROM integration_log WHERE direction = 'OUTBOUND' AND status = 'ok'`,
      )
      .get() as { n: number };
    expect(outbound.n).toBe(3);
  });

  it('a send whose answer was lost is sent again with the same request id and applied once', async () => {
    const { h, rt, businessId } = await synced();
    const [bill] = openBills(h.db, businessId);
    const before = await qboRecord(h, 'Bill', bill!.qboId);
    const fix = await rt.call('fixes:record', {
      businessId,
      entity: 'Bill',
      qboId: bill!.qboId,
      note: 'agreed with the supplier',
    });
    // The emulator commits the write, then drops the connection: the answer never arrives.
    await h.admin('POST', '/faults', { commitThenDrop: 1 });
    const r = await rt.call('sync:run', { businessId });
    expect(r[0]).toMatchObject({ ok: true, fixesApplied: 1 });
    const now = await qboRecord(h, 'Bill', bill!.qboId);
    expect(now.PrivateNote).toBe('agreed with the supplier');
    expect(Number(now.SyncToken)).toBe(Number(before.SyncToken) + 1);
    expect((await rt.call('outbox:list', { businessId }))[0]).toMatchObject({
      id: fix.id,
      state: 'applied',
      requestId: fix.requestId,
    });
  });

  it('a field QBO changed since becomes a conflict that overwrites nothing; other fields merge', async () => {
    const { h, rt, businessId } = await synced();
    const [a, b] = openBills(h.db, businessId);
    const realm = h.clients[0]!.realmId;
    const mine = await rt.call('fixes:record', {
      businessId,
      entity: 'Bill',
      qboId: a!.qboId,
      dueDate: '2027-03-01',
    });
    const merged = await rt.call('fixes:record', {
      businessId,
      entity: 'Bill',
      qboId: b!.qboId,
      dueDate: '2027-03-02',
    });
    // Someone in QuickBooks changes the same field of bill a, and another field of bill b.
    await h.admin('POST', `/companies/${realm}/Bill/${a!.qboId}`, { DueDate: '2027-04-15' });
    await h.admin('POST', `/companies/${realm}/Bill/${b!.qboId}`, {
      PrivateNote: 'changed in QBO',
    });
    const r = await rt.call('sync:run', { businessId });
    expect(r[0]).toMatchObject({ ok: true, fixesApplied: 1, fixConflicts: 1 });
    expect((await qboRecord(h, 'Bill', a!.qboId)).DueDate).toBe('2027-04-15');
    const bNow = await qboRecord(h, 'Bill', b!.qboId);
    expect([bNow.DueDate, bNow.PrivateNote]).toEqual(['2027-03-02', 'changed in QBO']);
    const [conflict] = await rt.call('outbox:list', { businessId, states: ['conflict'] });
    expect(conflict).toMatchObject({
      id: mine.id,
      before: { DueDate: a!.dueDate },
      changes: { DueDate: '2027-03-01' },
      theirs: { DueDate: '2027-04-15' },
    });
    expect(
      (await rt.call('outbox:list', { businessId, states: ['applied'] })).map((f) => f.id),
    ).toEqual([merged.id]);

    // "Apply mine": sent again on QBO's new version.
    await rt.call('outbox:resolve', { fixId: mine.id, keep: 'mine' });
    expect((await rt.call('sync:run', { businessId }))[0]).toMatchObject({ fixesApplied: 1 });
    expect((await qboRecord(h, 'Bill', a!.qboId)).DueDate).toBe('2027-03-01');

    // "Keep QBO's": nothing is sent.
    const again = await rt.call('fixes:record', {
      businessId,
      entity: 'Bill',
      qboId: a!.qboId,
      dueDate: '2027-05-01',
    });
    await h.admin('POST', `/companies/${realm}/Bill/${a!.qboId}`, { DueDate: '2027-06-30' });
    await rt.call('sync:run', { businessId });
    expect(await rt.call('outbox:resolve', { fixId: again.id, keep: 'theirs' })).toMatchObject({
      state: 'discarded',
    });
    await rt.call('sync:run', { businessId });
    expect((await qboRecord(h, 'Bill', a!.qboId)).DueDate).toBe('2027-06-30');
  });

  it('a 429 storm while sending: every fix applied once, in order per record', async () => {
    const { h, rt, businessId } = await synced();
    const [a, b] = openBills(h.db, businessId);
    const tokens = await Promise.all(
      [a!, b!].map(async (x) => Number((await qboRecord(h, 'Bill', x.qboId)).SyncToken)),
    );
    for (const due of ['2027-02-01', '2027-02-02', '2027-02-03'])
      await rt.call('fixes:record', { businessId, entity: 'Bill', qboId: a!.qboId, dueDate: due });
    await rt.call('fixes:record', { businessId, entity: 'Bill', qboId: b!.qboId, note: 'first' });
    await rt.call('fixes:record', { businessId, entity: 'Bill', qboId: b!.qboId, note: 'second' });
    // More 429s than one sync's retry budget takes: a throttled sync leaves the rest for the next one.
    await h.admin('POST', '/faults', { storm429: 7 });
    const runs = [];
    for (
      let i = 0;
      i < 8 &&
      (await rt.call('outbox:list', { businessId, states: ['pending', 'sending'] })).length > 0;
      i++
    ) {
      runs.push((await rt.call('sync:run', { businessId }))[0]!);
    }
    expect(
      runs.some((r) => r.error?.code === 'RATE_LIMITED'),
      JSON.stringify(runs.map((r) => r.error)),
    ).toBe(true);
    expect(runs.reduce((n, r) => n + r.fixesApplied, 0)).toBe(5);
    expect((await rt.call('outbox:list', { businessId })).map((f) => f.state)).toEqual(
      Array(5).fill('applied'),
    );
    const aNow = await qboRecord(h, 'Bill', a!.qboId);
    const bNow = await qboRecord(h, 'Bill', b!.qboId);
    expect([aNow.DueDate, bNow.PrivateNote]).toEqual(['2027-02-03', 'second']);
    expect([Number(aNow.SyncToken), Number(bNow.SyncToken)]).toEqual([
      tokens[0]! + 3,
      tokens[1]! + 2,
    ]);
  });

  it('refuses bad input in one line before the outbox, recording nothing', async () => {
    const { h, rt, businessId } = await synced();
    const [bill] = openBills(h.db, businessId);
    const inactive = h.db
      .prepare(
        `SELECT qbo_id AS id FROM mirror_balances WHERE business_id = ? AND active = 0 LIMIT 1`,
      )
      .get(businessId) as { id: string } | undefined;
    const inactiveVendor = h.db
      .prepare(
        `SELECT qbo_id AS id FROM mirror_vendors WHERE business_id = ? AND active = 0 LIMIT 1`,
      )
      .get(businessId) as { id: string };
    expect(inactiveVendor, 'the generated books have inactive vendors').toBeDefined();
    const purchase = h.db
      .prepare(
        `SELECT qbo_id AS id FROM mirror_purchases WHERE business_id = ? AND deleted = 0 LIMIT 1`,
      )
      .get(businessId) as { id: string };
    const cases = [
      [{ entity: 'Bill', qboId: bill!.qboId, dueDate: '2027-02-30' }, /Not a date/],
      [{ entity: 'Bill', qboId: bill!.qboId, vendorId: '999999' }, /No vendor 999999/],
      [
        { entity: 'Bill', qboId: bill!.qboId, vendorId: inactiveVendor.id },
        /is inactive in QuickBooks/,
      ],
      [
        { entity: 'Purchase', qboId: purchase.id, accountId: inactive?.id ?? '999998', line: 1 },
        inactive ? /inactive/ : /No account/,
      ],
      [{ entity: 'Bill', qboId: '999997', note: 'x' }, /No Bill 999997/],
      [{ entity: 'Bill', qboId: bill!.qboId, delete: true }, /needs --confirm/],
    ] as const;
    for (const [arg, message] of cases) {
      const r = await rt.invoke('fixes:record', { businessId, ...arg });
      expect(r.ok, JSON.stringify(arg)).toBe(false);
      if (!r.ok) {
        expect(r.error.message).toMatch(message);
        expect(r.error.message.split('\n')).toHaveLength(1);
      }
    }
    expect(outboxCount(h.db)).toBe(0);
  });

  it('disconnecting asks first when fixes are not yet in QuickBooks', async () => {
    const { h, rt, businessId } = await synced();
    const [bill] = openBills(h.db, businessId);
    await rt.call('fixes:record', {
      businessId,
      entity: 'Bill',
      qboId: bill!.qboId,
      note: 'later',
    });
    expect(await rt.invoke('clients:disconnect', { businessId })).toMatchObject({
      ok: false,
      error: {
        code: 'CONFLICT',
        message: expect.stringMatching(/1 fix\(es\) not yet in QuickBooks/),
      },
    });
    expect(await rt.invoke('clients:disconnect', { businessId, dropFixes: true })).toMatchObject({
      ok: true,
    });
    expect(await rt.call('outbox:list', { businessId })).toEqual([
      expect.objectContaining({ state: 'discarded' }),
    ]);
  });
});
