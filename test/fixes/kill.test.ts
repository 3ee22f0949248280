// Exactly once through SIGKILL (issue 11): the real CLI sends a fix and is killed while it is 'sending',
// before the answer is acknowledged, 20 times over; the emulator also drops the answer of a committed
// write now and then. Every fix must end applied in QuickBooks exactly once: its SyncToken moved by one.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseFileName } from '../../src/main/db/open.ts';
import type { Runtime } from '../../src/main/runtime/runtime.ts';
import { emulatorEnv, runRowcol } from '../support/rowcol-process.ts';
import { startHarness, type Harness } from '../sync/support/harness.ts';
import { openBills, qboRecord } from './support.ts';

let h: Harness;
let rt: Runtime;
beforeAll(async () => {
  h = await startHarness({
    seed: 9,
    size: 'small',
    limits: { perMinute: 100_000, perSecond: 1_000, concurrent: 10 },
  });
  rt = h.runtime();
  for (const r of await rt.call('sync:run', {})) expect(r.error).toBeNull();
});
afterAll(async () => h?.close());

describe('fixes sent by a process killed between sending and acknowledgement', () => {
  it('are each applied exactly once, 20 kills later', async () => {
    const businessId = h.clients[0]!.businessId;
    const bills = openBills(h.db, businessId).slice(0, 20);
    expect(bills).toHaveLength(20);
    const tokensBefore = new Map<string, number>();
    for (const b of bills)
      tokensBefore.set(b.qboId, Number((await qboRecord(h, 'Bill', b.qboId)).SyncToken));
    const reader = new Database(`${h.dir}/${databaseFileName}`, { readonly: true });
    const stateOf = (id: number) =>
      (reader.prepare('SELECT state FROM outbox WHERE id = ?').get(id) as { state: string }).state;
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, ...emulatorEnv(h.emulator) };
    const kills: string[] = [];
    try {
      for (const [i, b] of bills.entries()) {
        const fix = await rt.call('fixes:record', {
          businessId,
          entity: 'Bill',
          qboId: b.qboId,
          dueDate: `2027-0${1 + (i % 9)}-1${i % 10}`,
        });
        // Every other run, QBO commits the write and the answer never comes back.
        if (i % 2 === 0) await h.admin('POST', '/faults', { commitThenDrop: 1 });
        const r = await runRowcol(
          ['--data-dir', h.dir, 'sync', '--client', businessId, '--json'],
          env,
          () => stateOf(fix.id) === 'sending',
        );
        kills.push(`${i}:${r.signal ?? `exit ${r.code}`}:${stateOf(fix.id)}`);
        await h.admin('DELETE', '/faults');
      }
      expect(kills.filter((k) => k.includes('SIGKILL')).length, kills.join(' ')).toBe(20);
      // The next sync sends whatever was left 'sending', with the same request ids.
      const last = await runRowcol(
        ['--data-dir', h.dir, 'sync', '--client', businessId, '--json'],
        env,
      );
      expect(last.code, last.stderr).toBe(0);
    } finally {
      reader.close();
    }
    const fixes = await rt.call('outbox:list', { businessId });
    expect(fixes.map((f) => f.state)).toEqual(Array(20).fill('applied'));
    for (const [i, b] of bills.entries()) {
      const now = await qboRecord(h, 'Bill', b.qboId);
      expect(now.DueDate, `bill ${b.qboId}`).toBe(`2027-0${1 + (i % 9)}-1${i % 10}`);
      expect(Number(now.SyncToken), `bill ${b.qboId} applied once`).toBe(
        tokensBefore.get(b.qboId)! + 1,
      );
    }
  }, 240_000);
});
