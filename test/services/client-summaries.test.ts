// The client list's rows are kept by the writers (services/client-summary.ts): after a sync, a decision,
// a recurring choice, a tray choice and the day rolling over, each row says exactly what the services
// compute directly (the daily forecast, the tray); the list read itself writes nothing.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ClientOverview, TrayItem } from '../../src/core/advisor-work.ts';
import { openDatabase } from '../../src/main/db/open.ts';
import { putSyncState } from '../../src/main/db/repositories/sync-state.ts';
import type { Runtime } from '../../src/main/runtime/runtime.ts';
import { recomputeTray } from '../../src/main/services/tray/recompute.ts';
import { handlersAt, value } from '../support/handlers.ts';
import { now as plantedNow, plantBooks } from '../support/planted-books.ts';
import { addClient } from '../support/qbo-books.ts';
import { tempDataDir } from '../support/temp-db.ts';
import { startHarness, type Harness } from '../sync/support/harness.ts';

const bySeverity = (items: readonly TrayItem[]) => ({
  high: items.filter((i) => i.severity === 'high').length,
  medium: items.filter((i) => i.severity === 'medium').length,
  low: items.filter((i) => i.severity === 'low').length,
});

describe('each client’s row of the list, kept by the writers', () => {
  let h: Harness;
  let rt: Runtime;
  /** The runtime's clock: the emulator's books are dated from today; one test moves it a day on. */
  let clock = new Date();
  beforeAll(async () => {
    h = await startHarness({ companies: 2, seed: 3 });
    rt = h.runtime({ now: () => clock });
    for (const r of await rt.call('sync:run', {})) expect(r.error).toBeNull();
  });
  afterAll(async () => {
    await h?.close();
  });

  const rowOf = async (businessId: string): Promise<ClientOverview> =>
    (await rt.call('clients:overview', {})).find((c) => c.businessId === businessId)!;

  /** The row against what the forecast and the tray compute now, directly. */
  async function expectRowIsWhatServicesSay(businessId: string): Promise<ClientOverview> {
    const row = await rowOf(businessId);
    const f = await rt.call('forecast:get', { businessId });
    const tray = await rt.call('tray:list', { businessId });
    expect(row.computedOn).toBe(f.today);
    expect(row.figures).toMatchObject({
      cashCents: f.openingCashCents,
      runwayDays: f.runwayDays,
      lowest: f.lowest,
      firstBelowZero: f.firstBelowZero,
      confidence: f.confidence,
    });
    expect(row.openItems).toEqual(bySeverity(tray));
    // The client view's header reads the same row.
    expect(await rt.call('clients:get', { businessId })).toEqual(row);
    return row;
  }

  it('after a sync, every client’s row is the forecast’s and the tray’s', async () => {
    const rows = await rt.call('clients:overview', {});
    expect(rows).toHaveLength(2);
    for (const c of h.clients) {
      const row = await expectRowIsWhatServicesSay(c.businessId);
      expect(row.lastSyncAt).not.toBeNull();
      expect(row.syncProblem).toBeNull();
      expect(row.figures!.openPayables.count).toBeGreaterThan(0);
      expect(row.figures!.openReceivables.count).toBeGreaterThan(0);
    }
    // The demo books plant a client whose cash goes below zero: its runway is a number of days.
    expect(rows.some((r) => r.figures!.runwayDays !== null)).toBe(true);
  });

  it('a decision moves the row’s lowest point in the decision’s own transaction', async () => {
    const client = h.clients[0]!;
    const before = await rowOf(client.businessId);
    const v = await rt.call('console:list', { businessId: client.businessId });
    const bills = [...v.groups.overdue, ...v.groups.this_week, ...v.groups.later];
    // A bill paid before the lowest day, delayed past the forecast's 91 days: the low rises by it.
    const bill = bills.find(
      (b) => !b.decision && b.homeCents && b.dueDate <= before.figures!.lowest.date,
    );
    expect(bill, 'a bill paid before the lowest day').toBeDefined();
    const later = new Date(Date.parse(`${v.today}T12:00:00Z`) + 120 * 86_400_000);
    await rt.call('decisions:record', {
      businessId: client.businessId,
      billQboId: bill!.qboId,
      action: 'delay',
      plannedDate: later.toISOString().slice(0, 10),
    });
    const after = await expectRowIsWhatServicesSay(client.businessId);
    expect(after.figures!.lowest.cashCents).toBeGreaterThan(before.figures!.lowest.cashCents);
  });

  it('a recurring choice changes the row as the forecast changes', async () => {
    const client = h.clients[1]!;
    const f = await rt.call('forecast:get', { businessId: client.businessId });
    const item = f.recurring.find((r) => r.state === 'expected');
    expect(item, 'the demo books have recurring money nobody confirmed').toBeDefined();
    const before = await rowOf(client.businessId);
    await rt.call('forecast:recurring', {
      businessId: client.businessId,
      key: item!.key,
      choice: 'confirm',
    });
    const after = await expectRowIsWhatServicesSay(client.businessId);
    // Confirmed money is no longer a guess.
    expect(after.figures!.confidence.recurringShare).toBeLessThan(
      before.figures!.confidence.recurringShare,
    );
  });

  it('a tray choice changes the row’s open items and confidence', async () => {
    const client = h.clients[1]!;
    const before = await rowOf(client.businessId);
    const tray = await rt.call('tray:list', { businessId: client.businessId });
    const item = tray.find((i) => i.entity === 'Bill' || i.entity === 'Invoice') ?? tray[0]!;
    await rt.call('tray:decide', {
      businessId: client.businessId,
      itemId: item.id,
      decision: 'approve',
    });
    const after = await expectRowIsWhatServicesSay(client.businessId);
    expect(after.openItems[item.severity]).toBe(before.openItems[item.severity] - 1);
  });

  it('a new day: the read shows the day it was computed for, the writer’s tick brings today', async () => {
    const client = h.clients[0]!;
    const yesterday = (await rowOf(client.businessId)).computedOn;
    clock = new Date(clock.getTime() + 24 * 3_600_000);
    // Reads never write: until a writer notices the day, the row is yesterday's, and says so.
    expect((await rowOf(client.businessId)).computedOn).toBe(yesterday);
    // The app's minute tick (and the step after every sync run): trays and rows of the new day.
    rt.refreshTrays();
    const row = await expectRowIsWhatServicesSay(client.businessId);
    expect(row.computedOn).not.toBe(yesterday);
  });

  it('the list read writes nothing, even while another connection holds the write lock', async () => {
    rt.db.pragma('busy_timeout = 0');
    const writer = openDatabase(`${h.dir}/rowcol.db`);
    writer.prepare('BEGIN IMMEDIATE').run();
    try {
      const changes = () => (rt.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
      const before = changes();
      for (let i = 0; i < 5; i++) {
        expect(await rt.call('clients:overview', {})).toHaveLength(2);
        await rt.call('clients:get', { businessId: h.clients[0]!.businessId });
      }
      expect(changes()).toBe(before);
      // The control: a writer meets the lock at once, so the reads above really wrote nothing.
      expect(
        await rt.invoke('clients:tag', { businessId: h.clients[0]!.businessId, add: ['x'] }),
      ).toMatchObject({ ok: false, error: { message: expect.stringMatching(/locked/) } });
    } finally {
      writer.prepare('ROLLBACK').run();
      writer.close();
      rt.db.pragma('busy_timeout = 5000');
    }
  });
});

describe('clients without numbers yet', () => {
  let env: ReturnType<typeof tempDataDir>;
  afterEach(() => env.cleanup());

  it('a client never synced is "not synced yet": no figures, never zeros', async () => {
    env = tempDataDir();
    const s = addClient(env.db, 'local', '4001', 'Fresh Florist');
    const [row] = value(await handlersAt(env.db, plantedNow).call('clients:overview', {}));
    expect(row).toMatchObject({
      businessId: s.businessId,
      figures: null,
      lastSyncAt: null,
      syncProblem: null,
      health: 'red',
      openItems: { high: 0, medium: 0, low: 0 },
    });
    expect(row!.healthReasons).toContain('never synced');
  });

  it('a first sync that failed keeps no figures, and says why the sync failed', async () => {
    env = tempDataDir();
    const s = addClient(env.db, 'local', '4002', 'Offline Optics');
    for (const entity of ['Account', 'Bill'])
      putSyncState(env.db, s, entity, {
        lastError: 'QuickBooks could not be reached (ECONNREFUSED)',
        lastErrorCode: 'OFFLINE',
        lastErrorAt: '2024-06-03T10:00:00.000Z',
      });
    recomputeTray(env.db, s, plantedNow); // the end of that sync
    const [row] = value(await handlersAt(env.db, plantedNow).call('clients:overview', {}));
    expect(row!.figures).toBeNull();
    expect(row!.syncProblem).toEqual({
      code: 'OFFLINE',
      message: 'QuickBooks could not be reached (ECONNREFUSED)',
      at: '2024-06-03T10:00:00.000Z',
    });
  });

  it('a database from before the summaries gets them from the writer’s catch-up, not from the read', async () => {
    env = tempDataDir();
    const s = plantBooks(env.db); // its tray is computed today: no tray recompute will run again
    env.db.prepare('DELETE FROM client_summaries').run();
    const rt = handlersAt(env.db, plantedNow); // opening runs the writer's step (refreshTrays)
    const [row] = value(await rt.call('clients:overview', {}));
    expect(row!.businessId).toBe(s.businessId);
    expect(row!.figures?.cashCents).toBe(1_250_000);
  });
});

describe('tags on clients', () => {
  let env: ReturnType<typeof tempDataDir>;
  afterEach(() => env.cleanup());

  it('adds, keeps one spelling of a tag, removes, and refuses bad tags writing nothing', async () => {
    env = tempDataDir();
    const s = addClient(env.db, 'local', '4003', 'Tagged Tiles');
    const { call } = handlersAt(env.db, plantedNow);
    const tag = (arg: { add?: string[]; remove?: string[] }) =>
      call('clients:tag', { businessId: s.businessId, ...arg });
    expect(value(await tag({ add: ['  Payroll ', 'Q4   review'] })).tags).toEqual([
      'Payroll',
      'Q4 review',
    ]);
    expect(value(await tag({ add: ['payroll', 'Retail'] })).tags).toEqual([
      'Payroll',
      'Q4 review',
      'Retail',
    ]);
    expect(value(await tag({ remove: ['PAYROLL'] })).tags).toEqual(['Q4 review', 'Retail']);
    for (const [bad, words] of [
      [['a,b'], 'comma'],
      [[''], 'empty'],
      [['x'.repeat(31)], 'at most 30'],
      [Array.from({ length: 11 }, (_, i) => `t${i}`), 'at most 12 tags'],
    ] as const) {
      const r = await tag({ add: [...bad] });
      expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      expect(r.ok ? '' : r.error.message).toContain(words);
    }
    const [row] = value(await call('clients:overview', {}));
    expect(row!.tags).toEqual(['Q4 review', 'Retail']);
    expect(await call('clients:tag', { businessId: 'nope', add: ['x'] })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});
