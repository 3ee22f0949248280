// The tray screen's channels over a real SQLite file (issue 13 §4 "Tray"): bulk decisions all or nothing,
// notes and history, QuickBooks links, fix choices, and sync problems as the client's state, not items.
// Every read leaves the database as it was.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/main/db/open.ts';
import { setConnectionState } from '../../src/main/db/repositories/clients.ts';
import { raiseSyncProblem } from '../../src/main/sync/hygiene.ts';
import type { TrayListItem } from '../../src/core/tray/tray-view.ts';
import { handlersAt, value } from '../support/handlers.ts';
import { now, plantBooks } from '../support/planted-books.ts';
import type { Scope } from '../support/qbo-books.ts';
import { tempDataDir } from '../support/temp-db.ts';

let env: ReturnType<typeof tempDataDir>;
let db: Db;
let s: Scope;
let api: ReturnType<typeof handlersAt>;
beforeEach(() => {
  env = tempDataDir();
  db = env.db;
  s = plantBooks(db);
  api = handlersAt(db, now);
});
afterEach(() => env.cleanup());

/** Every row this connection has written since it opened: a read must leave it unchanged. */
const written = () => (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
const historyRows = () =>
  (db.prepare('SELECT COUNT(*) AS n FROM tray_history').get() as { n: number }).n;
const list = async (statuses?: ('open' | 'approved' | 'excluded' | 'resolved')[]) =>
  value(
    await api.call(
      'tray:list',
      statuses ? { businessId: s.businessId, statuses } : { businessId: s.businessId },
    ),
  ) as TrayListItem[];
const byKey = (items: TrayListItem[], key: string) => items.find((i) => i.recordKey === key)!;

describe('bulk decisions', () => {
  it('approves three items in one call, each with a history entry naming the advisor', async () => {
    const open = await list();
    const three = open.slice(0, 3).map((i) => i.id);
    const decided = value(
      await api.call('tray:decide-many', {
        businessId: s.businessId,
        itemIds: three,
        decision: 'approve',
      }),
    );
    expect(decided.map((i) => [i.id, i.status])).toEqual(three.map((id) => [id, 'approved']));
    expect((await list(['approved'])).map((i) => i.id).sort()).toEqual([...three].sort());
    expect((await list()).map((i) => i.id)).not.toContain(three[0]);
    for (const id of three) {
      const h = value(await api.call('tray:history', { itemId: id }));
      expect(h.map((e) => e.kind)).toEqual(['found', 'decided']);
      expect(h[1]).toMatchObject({
        by: 'local',
        decision: 'approve',
        from: 'open',
        to: 'approved',
        note: null,
        at: now.toISOString(),
      });
    }
  });

  it('excludes with a note: the note is on each item, in its history and among its notes', async () => {
    const [a, b] = (await list()).slice(0, 2).map((i) => i.id);
    value(
      await api.call('tray:decide-many', {
        businessId: s.businessId,
        itemIds: [a!, b!, a!],
        decision: 'exclude',
        note: '  the client pays these by card  ',
      }),
    );
    const excluded = await list(['excluded']);
    expect(excluded.map((i) => [i.id, i.note, i.noteCount, i.lastNote])).toEqual(
      [a, b]
        .sort(
          (x, y) => excluded.findIndex((i) => i.id === x) - excluded.findIndex((i) => i.id === y),
        )
        .map((id) => [id, 'the client pays these by card', 1, 'the client pays these by card']),
    );
    const h = value(await api.call('tray:history', { itemId: a! }));
    expect(h.at(-1)).toMatchObject({
      kind: 'decided',
      decision: 'exclude',
      note: 'the client pays these by card',
    });
  });

  it('refuses all of them, naming the unknown ones, and writes nothing', async () => {
    const [a, b] = (await list()).slice(0, 2).map((i) => i.id);
    const before = written();
    const r = await api.call('tray:decide-many', {
      businessId: s.businessId,
      itemIds: [a!, 99_998, b!, 99_999],
      decision: 'approve',
    });
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'NOT_FOUND',
        message: `No tray items 99998, 99999 for client ${s.businessId}; nothing was decided.`,
      },
    });
    expect(written()).toBe(before);
    expect((await list()).map((i) => i.id)).toEqual(expect.arrayContaining([a, b]));
    expect(historyRows()).toBe(0);
  });

  it('refuses all of them when one is already resolved by the data, and writes nothing', async () => {
    const [a] = (await list()).map((i) => i.id);
    const resolved = (await list()).find((i) => i.id !== a)!;
    db.prepare(`UPDATE hygiene_items SET status = 'resolved', resolved_at = ? WHERE id = ?`).run(
      now.toISOString(),
      resolved.id,
    );
    const before = written();
    const r = await api.call('tray:decide-many', {
      businessId: s.businessId,
      itemIds: [a!, resolved.id],
      decision: 'exclude',
    });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatchObject({ code: 'CONFLICT' });
    expect(!r.ok && r.error.message).toContain(`Tray item ${resolved.id} is already resolved`);
    expect(written()).toBe(before);
    expect((await list(['open'])).map((i) => i.id)).toContain(a);
  });

  it('refuses an empty list and bad ids in one line', async () => {
    for (const itemIds of [[], [0], ['x']]) {
      const r = await api.raw('tray:decide-many', {
        businessId: s.businessId,
        itemIds,
        decision: 'approve',
      });
      expect(r.ok).toBe(false);
      expect(!r.ok && r.error.code).toBe('INVALID_INPUT');
      expect(!r.ok && r.error.message).not.toContain('\n');
    }
  });
});

describe('notes and history', () => {
  it('keeps notes in order, shows the count and the last on the item, and lists them in its history', async () => {
    const item = byKey(await list(), 'Bill:201');
    const first = value(await api.call('tray:note', { itemId: item.id, text: 'asked the client' }));
    expect(first).toMatchObject({ itemId: item.id, text: 'asked the client', by: 'local' });
    value(await api.call('tray:note', { itemId: item.id, text: 'it is office rent' }));
    const again = byKey(await list(), 'Bill:201');
    expect([again.noteCount, again.lastNote]).toEqual([2, 'it is office rent']);
    value(
      await api.call('tray:decide', {
        businessId: s.businessId,
        itemId: item.id,
        decision: 'approve',
      }),
    );
    const h = value(await api.call('tray:history', { itemId: item.id }));
    expect(h.map((e) => [e.kind, e.note])).toEqual([
      ['found', null],
      ['note', 'asked the client'],
      ['note', 'it is office rent'],
      ['decided', null],
    ]);
  });

  it('refuses an empty note, a note too long and an unknown item, writing nothing', async () => {
    const item = (await list())[0]!;
    const before = written();
    const cases: [unknown, string][] = [
      [{ itemId: item.id, text: '   ' }, 'INVALID_INPUT'],
      [{ itemId: item.id, text: 'x'.repeat(2001) }, 'INVALID_INPUT'],
      [{ itemId: 99_999, text: 'hello' }, 'NOT_FOUND'],
    ];
    for (const [arg, code] of cases) {
      const r = await api.raw('tray:note', arg);
      expect(!r.ok && r.error.code).toBe(code);
    }
    expect(written()).toBe(before);
  });

  it("another advisor's item is not found", async () => {
    const item = (await list())[0]!;
    const other = handlersAt(db, now, 'someone-else');
    const r = await other.call('tray:note', { itemId: item.id, text: 'mine now' });
    expect(!r.ok && r.error.code).toBe('NOT_FOUND');
    expect(!(await other.call('tray:history', { itemId: item.id })).ok).toBe(true);
  });

  it('lists the fixes of the item’s records in its history, with their state', async () => {
    const item = byKey(await list(), 'Bill:260');
    value(
      await api.call('fixes:record', {
        businessId: s.businessId,
        entity: 'Bill',
        qboId: '260',
        itemId: item.id,
        dueDate: '2024-06-30',
      }),
    );
    // The mirror shows the fix at once, so the tray's check no longer finds the problem.
    const h = value(await api.call('tray:history', { itemId: item.id }));
    expect(h.map((e) => e.kind)).toEqual(['found', 'fix', 'resolved']);
    expect(h[1]).toMatchObject({
      fix: { state: 'pending', summary: 'set due date 2024-06-30 on bill 260' },
    });
  });
});

describe('reads', () => {
  it('tray:list, tray:history, tray:fix-choices and sync:problem write nothing', async () => {
    const item = byKey(await list(), 'Bill:201');
    value(await api.call('tray:note', { itemId: item.id, text: 'a note' }));
    const before = written();
    await list(['open', 'approved', 'excluded', 'resolved']);
    value(await api.call('tray:history', { itemId: item.id }));
    value(await api.call('tray:fix-choices', { businessId: s.businessId, itemIds: [item.id] }));
    value(await api.call('sync:problem', { businessId: s.businessId }));
    expect(written()).toBe(before);
  });

  it('succeed while another process holds the write lock; a note (a write) meets it at once', async () => {
    const item = byKey(await list(), 'Bill:201');
    db.pragma('busy_timeout = 0');
    const writer = openDatabase(`${env.dir}/rowcol.db`);
    writer.prepare('BEGIN IMMEDIATE').run();
    try {
      expect((await list()).length).toBeGreaterThan(0);
      value(await api.call('tray:history', { itemId: item.id }));
      value(await api.call('tray:fix-choices', { businessId: s.businessId, itemIds: [item.id] }));
      value(await api.call('sync:problem', { businessId: s.businessId }));
      const r = await api.call('tray:note', { itemId: item.id, text: 'locked out' });
      expect(!r.ok && r.error.message).toMatch(/database is locked/);
    } finally {
      writer.prepare('ROLLBACK').run();
      writer.close();
    }
  });
});

describe('what the screen shows beside an item', () => {
  it('links each record to its QuickBooks page in the client’s environment, and none for client-wide items', async () => {
    const items = await list();
    // plantBooks connects a sandbox company, realm 9130.
    expect(byKey(items, 'Bill:201').qboUrl).toBe(
      'https://app.sandbox.qbo.intuit.com/app/bill?txnId=201&deeplinkcompanyid=9130',
    );
    expect(byKey(items, 'Purchase:302').qboUrl).toBe(
      'https://app.sandbox.qbo.intuit.com/app/expense?txnId=302&deeplinkcompanyid=9130',
    );
    expect(byKey(items, 'Payment:501').qboUrl).toBe(
      'https://app.sandbox.qbo.intuit.com/app/recvpayment?txnId=501&deeplinkcompanyid=9130',
    );
    db.prepare(`UPDATE clients SET environment = 'production' WHERE business_id = ?`).run(
      s.businessId,
    );
    expect(byKey(await list(), 'Invoice:410').qboUrl).toBe(
      'https://app.qbo.intuit.com/app/invoice?txnId=410&deeplinkcompanyid=9130',
    );
    db.prepare(`UPDATE clients SET environment = 'custom' WHERE business_id = ?`).run(s.businessId);
    expect((await list()).map((i) => i.qboUrl).filter(Boolean)).toEqual([]);
  });

  it('names the record’s number and who it is with', async () => {
    const items = await list();
    expect(byKey(items, 'Bill:230')).toMatchObject({ counterparty: expect.any(String) });
    const dup = byKey(items, 'Bill:210,211');
    expect(dup.counterparty).toBeTruthy();
  });

  it('offers the record’s uncategorized lines and the accounts to move them to', async () => {
    const item = byKey(await list(), 'Bill:201');
    const c = value(
      await api.call('tray:fix-choices', { businessId: s.businessId, itemIds: [item.id] }),
    );
    expect(c.items[0]!.lines.filter((l) => l.uncategorized).map((l) => l.line)).toEqual([1]);
    expect(c.accounts.map((a) => a.name)).toContain('Legal & Professional Fees:Accounting');
    expect(c.accounts.every((a) => !/uncategorized|ask my accountant/i.test(a.name))).toBe(true);
    const r = await api.call('tray:fix-choices', { businessId: s.businessId, itemIds: [99_999] });
    expect(!r.ok && r.error.code).toBe('NOT_FOUND');
  });
});

describe('sync problems', () => {
  it('are the client’s sync state with its action, never tray items to approve', async () => {
    expect(value(await api.call('sync:problem', { businessId: s.businessId }))).toBeNull();
    raiseSyncProblem(db, s, 'SYNC_FAILED', 'QuickBooks could not be reached', now.toISOString());
    const items = await list(['open', 'approved', 'excluded', 'resolved']);
    expect(items.map((i) => i.code)).not.toContain('SYNC_FAILED');
    expect(value(await api.call('sync:problem', { businessId: s.businessId }))).toMatchObject({
      kind: 'failed',
      action: 'retry',
      detail: 'QuickBooks could not be reached',
    });
    const id = (
      db.prepare(`SELECT id FROM hygiene_items WHERE code = 'SYNC_FAILED'`).get() as { id: number }
    ).id;
    const r = await api.call('tray:decide', {
      businessId: s.businessId,
      itemId: id,
      decision: 'approve',
    });
    expect(!r.ok && r.error.code).toBe('INVALID_INPUT');
    expect(!r.ok && r.error.message).toContain("the client's sync state");

    // Nor are they counted among the client's open tray items on the client list.
    const [overview] = value(await api.call('clients:overview', {}));
    expect(overview!.openItems).toEqual(
      Object.fromEntries(
        (['high', 'medium', 'low'] as const).map((sev) => [
          sev,
          items.filter((i) => i.status === 'open' && i.severity === sev).length,
        ]),
      ),
    );

    setConnectionState(db, s.advisorId, s.businessId, 'reconnect_needed');
    expect(value(await api.call('sync:problem', { businessId: s.businessId }))).toMatchObject({
      kind: 'reconnect',
      action: 'reconnect',
    });
  });
});
