// `rowcol fix` and `rowcol outbox` as an advisor types them (the real CLI process, the emulator).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulatorEnv, runRowcol } from '../support/rowcol-process.ts';
import { startHarness, type Harness } from '../sync/support/harness.ts';
import { openBills, outboxCount, qboRecord } from './support.ts';

let h: Harness;
let env: NodeJS.ProcessEnv;
const rowcol = (...args: string[]) => runRowcol(['--data-dir', h.dir, ...args], env);
beforeAll(async () => {
  h = await startHarness({
    seed: 4,
    size: 'small',
    limits: { perMinute: 100_000, perSecond: 1_000, concurrent: 10 },
  });
  env = { PATH: process.env.PATH, HOME: process.env.HOME, ...emulatorEnv(h.emulator) };
  const first = await rowcol('sync', '--all', '--json');
  expect(first.code, first.stderr).toBe(0);
});
afterAll(async () => h?.close());

describe('rowcol fix and rowcol outbox', () => {
  it('records a fix offline-first, lists it, and the next sync applies it in QuickBooks', async () => {
    const businessId = h.clients[0]!.businessId;
    const [bill] = openBills(h.db, businessId);
    const before = await qboRecord(h, 'Bill', bill!.qboId);
    const later = await rowcol(
      'fix',
      '--client',
      businessId,
      '--bill',
      bill!.qboId,
      '--due-date',
      '2027-08-01',
      '--later',
    );
    expect(later.code, later.stderr).toBe(0);
    expect(later.stdout).toMatch(
      /^Fix \d+: set due date 2027-08-01 on bill \d+; pending: it is sent at the next `rowcol sync`\.\n$/,
    );
    const listed = JSON.parse((await rowcol('outbox', '--json')).stdout) as Record<
      string,
      unknown
    >[];
    expect(listed).toEqual([
      expect.objectContaining({
        clientId: businessId,
        entity: 'Bill',
        qboId: bill!.qboId,
        state: 'pending',
        reason: null,
        changes: { DueDate: '2027-08-01' },
        before: { DueDate: bill!.dueDate },
      }),
    ]);
    expect((await rowcol('sync', '--client', businessId)).code).toBe(0);
    const now = await qboRecord(h, 'Bill', bill!.qboId);
    expect([now.DueDate, Number(now.SyncToken)]).toEqual([
      '2027-08-01',
      Number(before.SyncToken) + 1,
    ]);
    expect((await rowcol('outbox', '--state', 'applied')).stdout).toMatch(
      /applied\s+set due date 2027-08-01/,
    );
  });

  it('answers bad input with one line and a non-zero exit, recording nothing', async () => {
    const businessId = h.clients[0]!.businessId;
    const [, bill] = openBills(h.db, businessId);
    const count = outboxCount(h.db);
    for (const args of [
      ['fix', '--client', businessId, '--bill', bill!.qboId, '--due-date', '2027-02-30'],
      ['fix', '--client', businessId, '--bill', bill!.qboId, '--vendor', '424242'],
      ['fix', '--client', businessId, '--bill', bill!.qboId],
      ['fix', '--client', businessId, '--bill', bill!.qboId, '--invoice', '1', '--note', 'x'],
      ['fix', '--client', businessId, '--bill', bill!.qboId, '--line', 'first', '--account', '1'],
      ['outbox', '--state', 'lost'],
      ['outbox', '--resolve', '9999', '--mine'],
      ['outbox', '--resolve', '1'],
    ]) {
      const r = await rowcol(...args);
      expect(r.code, args.join(' ')).not.toBe(0);
      expect(r.stderr.trimEnd().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr).toMatch(/^rowcol: /);
    }
    expect(outboxCount(h.db)).toBe(count);
  });
});
