// The advisor-work commands run in-process through main(argv, io), against a real data folder.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  CallList,
  ClientOverview,
  ConsoleView,
  TrayItem,
} from '../../src/core/advisor-work.ts';
import { main } from '../../src/main/cli/main.ts';
import type { CliIo } from '../../src/main/cli/io.ts';
import { plantBooks } from '../support/planted-books.ts';
import { addClient } from '../support/qbo-books.ts';
import { tempDataDir } from '../support/temp-db.ts';

let env: ReturnType<typeof tempDataDir>;
let businessId: string;
beforeEach(() => {
  env = tempDataDir();
  businessId = plantBooks(env.db).businessId;
  addClient(env.db, 'local', '7777', 'Empty Bakery');
  env.db.close();
});
afterEach(() => env.cleanup());

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (t) => (out += t),
    err: (t) => (err += t),
    isTTY: false,
    env: { ROWCOL_NOW: '2024-06-03T12:00:00' },
  };
  const code = await main(['--data-dir', env.dir, ...argv], io);
  return { code, out, err };
}
const decisions = async () =>
  (JSON.parse((await run('console', '--client', businessId, '--json')).out) as ConsoleView).groups;

describe('rowcol clients', () => {
  it('prints the overview, sorted and filtered', async () => {
    const all = JSON.parse(
      (await run('clients', '--json', '--sort', 'runway')).out,
    ) as ClientOverview[];
    expect(all.map((c) => [c.displayName, c.figures === null, c.health])).toEqual([
      ['Planted Landscaping', false, 'amber'],
      ['Empty Bakery', true, 'red'], // never synced: no figures, not zeros
    ]);
    const red = JSON.parse(
      (await run('clients', '--json', '--health', 'red')).out,
    ) as ClientOverview[];
    expect(red.map((c) => c.displayName)).toEqual(['Empty Bakery']);
    const table = await run('clients', '--search', 'planted');
    expect(table.out).toMatch(
      /Planted Landscaping\s+amber\s+\$12,500\.00\s+(\d+ days?|91\+ days)\s+-?\$[\d,.]+ 2024-\d\d-\d\d\s+(High|Medium|Low)\s/,
    );
    expect(table.out).not.toContain('Empty Bakery');
  });
  it('tags a client, filters by tag and shows runway in days; a bad tag is one line, exit 2', async () => {
    expect(await run('clients', '--tag', businessId, 'Payroll', 'Q4 review')).toMatchObject({
      code: 0,
      out: `${businessId}: tags Payroll, Q4 review\n`,
    });
    const tagged = JSON.parse(
      (await run('clients', '--json', '--tagged', 'payroll')).out,
    ) as ClientOverview[];
    expect(tagged.map((c) => [c.displayName, c.tags])).toEqual([
      ['Planted Landscaping', ['Payroll', 'Q4 review']],
    ]);
    expect((await run('clients', '--untag', businessId, 'payroll')).out).toBe(
      `${businessId}: tags Q4 review\n`,
    );
    const bad = await run('clients', '--tag', businessId, 'a,b');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^rowcol: A tag cannot hold a comma .*\n$/);
    expect((await run('clients', '--tag', businessId)).code).toBe(2);
    const table = (await run('clients')).out;
    expect(table).toMatch(/Empty Bakery\s+not synced\s+not synced yet\s+-\s+-/);
    expect(table).toMatch(/\bQ4 review\n/);
  });
  it('refuses an unknown sort key or health status in one line', async () => {
    expect(await run('clients', '--sort', 'colour')).toMatchObject({
      code: 2,
      err: expect.stringMatching(/^rowcol: unknown --sort colour; use one of .*\n$/),
    });
    expect((await run('clients', '--health', 'blue')).code).toBe(2);
  });
});

describe('rowcol tray, console, decide, calls', () => {
  it('lists and decides tray items', async () => {
    const items = JSON.parse(
      (await run('tray', '--client', businessId, '--json')).out,
    ) as TrayItem[];
    expect(items).toHaveLength(16);
    const dup = items.find((i) => i.code === 'DUPLICATE_BILL')!;
    expect(
      (
        await run(
          'tray',
          '--client',
          businessId,
          '--approve',
          String(dup.id),
          '--note',
          'two deliveries',
        )
      ).out,
    ).toBe(`Item ${dup.id} (DUPLICATE_BILL) is now approved.\n`);
    const approved = JSON.parse(
      (await run('tray', '--client', businessId, '--status', 'approved', '--json')).out,
    ) as TrayItem[];
    expect(approved.map((i) => [i.id, i.note])).toEqual([[dup.id, 'two deliveries']]);
  });

  it('records a decision that the console then shows', async () => {
    const r = await run(
      'decide',
      '--client',
      businessId,
      '--bill',
      '210',
      '--delay',
      '2024-09-10',
      '--note',
      'after harvest',
    );
    expect(r).toMatchObject({
      code: 0,
      out: 'Recorded: bill 210 — delay to 2024-09-10. Runway is now 242 wk.\n',
    });
    expect((await decisions()).later.find((b) => b.qboId === '210')!.decision).toMatchObject({
      action: 'delay',
      plannedDate: '2024-09-10',
    });
    const text = (await run('console', '--client', businessId)).out;
    expect(text).toContain('runway 242 wk');
    expect(text).toMatch(/210\s+Hicks Hardware\s+2024-06-19\s+\$777\.00\s+delay to 2024-09-10/);
  });

  it.each([
    [['--client', 'nope', '--bill', '100', '--hold'], 2, 'No client nope.'],
    [['--bill', '100', '--hold'], 2, 'decide needs --client ID'],
    [['--client', 'CLIENT', '--bill', '999', '--hold'], 2, 'No bill 999 for client'],
    [
      ['--client', 'CLIENT', '--bill', '100', '--delay', '2024-02-30'],
      2,
      '--delay is not a date (YYYY-MM-DD): 2024-02-30',
    ],
    [
      ['--client', 'CLIENT', '--bill', '100', '--delay', '2024-05-01'],
      2,
      'before today (2024-06-03)',
    ],
    [['--client', 'CLIENT', '--bill', '100', '--hold', '--pay-now'], 2, 'exactly one of'],
    [
      ['--client', 'CLIENT', '--bill', '101', '--pay-now'],
      1,
      'Bill 101 is already paid in QuickBooks',
    ],
  ])('decide %j fails in one line and writes nothing', async (args, code, message) => {
    const r = await run('decide', ...args.map((a) => (a === 'CLIENT' ? businessId : a)));
    expect(r.code).toBe(code);
    expect(r.err).toContain(message);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.out).toBe('');
    const g = await decisions();
    expect([...g.overdue, ...g.this_week, ...g.later].filter((b) => b.decision)).toEqual([]);
  });

  it('shows one call list across clients, and logs a call', async () => {
    const list = JSON.parse((await run('calls', '--json')).out) as CallList;
    expect(list.entries.map((e) => [e.clientName, e.invoiceQboId, e.bucket])).toEqual([
      ['Planted Landscaping', '420', '30'],
    ]);
    expect(
      (
        await run(
          'call',
          '--client',
          businessId,
          '--invoice',
          '420',
          '--outcome',
          'promised',
          '--promised',
          '2024-06-14',
        )
      ).code,
    ).toBe(0);
    expect((await run('calls')).out).toMatch(
      /420 #10420\s+Travis Waldron\s+44\s+30\s+\$900\.00\s+promised 2024-06-03\s+2024-06-14/,
    );
    expect(
      (
        await run(
          'call',
          '--client',
          businessId,
          '--invoice',
          '420',
          '--outcome',
          'promised',
          '--follow-up',
          'tomorrow',
        )
      ).code,
    ).toBe(2);
  });
});
