// Digests through the CLI: JSON, self-contained HTML, PDF through Chromium; the week-over-week baseline,
// the week's work, the books' "as of", codes as words, the paper size.
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConsoleView } from '../../src/core/advisor-work.ts';
import type { DigestModel } from '../../src/core/digest/model.ts';
import type { ForecastView } from '../../src/core/forecast/view.ts';
import { main } from '../../src/main/cli/main.ts';
import type { CliIo } from '../../src/main/cli/io.ts';
import { openDataDir } from '../../src/main/db/data-dir.ts';
import { recordFixRow, updateFix } from '../../src/main/db/repositories/outbox.ts';
import { findChromium } from '../../src/main/services/digest/pdf.ts';
import { plantBooks } from '../support/planted-books.ts';
import { account, addClient, writeRecords } from '../support/qbo-books.ts';
import { tempDataDir } from '../support/temp-db.ts';

let env: ReturnType<typeof tempDataDir>;
let businessId: string;
let bakeryId: string;
let euroId: string;
beforeEach(() => {
  env = tempDataDir();
  businessId = plantBooks(env.db).businessId;
  const bakery = addClient(env.db, 'local', '7777', 'Bakery <&> Co');
  writeRecords(env.db, bakery, 'Account', [account('1', 'Checking', 'Bank', 123_400)]);
  bakeryId = bakery.businessId;
  const euro = addClient(env.db, 'local', '8888', 'Zeta GmbH', 'EUR');
  writeRecords(env.db, euro, 'Account', [account('1', 'Girokonto', 'Bank', 500_000)]);
  euroId = euro.businessId;
  env.db.close();
});
afterEach(() => env.cleanup());

const today = '2024-06-03T12:00:00';

async function run(argv: string[], at = today, extraEnv: Record<string, string> = {}) {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (t) => (out += t),
    err: (t) => (err += t),
    isTTY: false,
    env: { ROWCOL_NOW: at, ...extraEnv },
  };
  const code = await main(['--data-dir', env.dir, ...argv], io);
  return { code, out, err };
}
const look = async (at = today, id = businessId) =>
  JSON.parse((await run(['digest', '--client', id], at)).out) as DigestModel;
/** Delivers one client's digest as HTML (saved as the baseline, as a delivered digest is). */
async function deliver(at: string, id = businessId) {
  const r = await run(
    ['digest', '--client', id, '--format', 'html', '--out', join(env.dir, 'out')],
    at,
  );
  expect(r.out).toContain('Saved 1 digest as the baseline');
}
const withDb = <T>(fn: (db: ReturnType<typeof openDataDir>) => T): T => {
  const db = openDataDir(env.dir);
  try {
    return fn(db);
  } finally {
    db.close();
  }
};
const digestRows = () =>
  withDb((db) => (db.prepare('SELECT COUNT(*) AS n FROM digests').get() as { n: number }).n);
const iso = (local: string) => new Date(local).toISOString();

describe('rowcol digest', () => {
  it('shows the daily forecast: the same runway in days, lowest point and 91 days as rowcol forecast', async () => {
    const d = await look();
    const f = JSON.parse(
      (await run(['forecast', '--client', businessId, '--json'])).out,
    ) as ForecastView;
    expect(d).toMatchObject({
      businessId,
      cashCents: 1_250_000,
      runwayDays: f.runwayDays,
      lowest: f.lowest,
      firstBelowZero: f.firstBelowZero,
      confidence: f.confidence,
      change: null,
      scenario: null,
      openItems: { high: 4, medium: 9, low: 3 },
    });
    expect(d.projection).toEqual(f.projection);
    expect(d.projection).toHaveLength(91);
    expect(d).not.toHaveProperty('weeks');
    expect(d.attention.billsToDecide.map((b) => b.qboId)).toEqual(['230', '220']);
    expect(d.attention.callsToMake.map((c) => c.invoiceQboId)).toEqual(['420']);
  });

  it('gives each bill to decide the console’s day-level impact of paying now and of delaying', async () => {
    const d = await look();
    const c = JSON.parse(
      (await run(['console', '--client', businessId, '--json'])).out,
    ) as ConsoleView;
    const consoleBills = [...c.groups.overdue, ...c.groups.this_week];
    for (const b of d.attention.billsToDecide) {
      const same = consoleBills.find((x) => x.qboId === b.qboId)!;
      expect(b.impact).toEqual(same.dayImpact);
      expect(b.delayTo).toBe(same.delayTo);
    }
  });

  it('compares with last week’s delivered digest, even after a second delivery today', async () => {
    await deliver('2024-05-27T12:00:00'); // D-7
    await deliver('2024-06-03T09:00:00'); // D, first run
    await deliver('2024-06-03T12:00:00'); // D, second run: still compares with D-7
    const second = withDb(
      (db) =>
        JSON.parse(
          (
            db
              .prepare('SELECT data FROM digests ORDER BY created_at DESC, id DESC LIMIT 1')
              .get() as {
              data: string;
            }
          ).data,
        ) as DigestModel,
    );
    expect(second.change?.since).toBe(iso('2024-05-27T12:00:00'));
    // A look later today compares with D-7 too, and says so on the page.
    const later = await look('2024-06-03T17:00:00');
    expect(later.change?.since).toBe(iso('2024-05-27T12:00:00'));
    expect(digestRows()).toBe(3);
    const html = readFileSync(join(env.dir, 'out', `${businessId}-2024-06-03.html`), 'utf8');
    expect(html).toContain('Since the digest of 05/27/2024:');
  });

  it('prefers a digest at least 6 days old over a newer one; else the latest before today', async () => {
    await deliver('2024-05-27T12:00:00'); // D-7
    await deliver('2024-05-31T12:00:00'); // D-3: a mid-week rerun
    expect((await look()).change?.since).toBe(iso('2024-05-27T12:00:00'));
    // Another client with only a D-2 digest: that one is the baseline.
    await deliver('2024-06-01T12:00:00', bakeryId);
    expect((await look(today, bakeryId)).change).toMatchObject({
      since: iso('2024-06-01T12:00:00'),
      cashCents: 0,
      runwayDays: { before: null, now: null },
      lowestCents: 0,
    });
    // One delivered only today: no comparison yet.
    await deliver('2024-06-03T08:00:00', euroId);
    expect((await look(today, euroId)).change).toBeNull();
  });

  it('reads the runway change in days, and a baseline saved before the daily forecast in cash only', async () => {
    await deliver('2024-05-27T12:00:00');
    // Same books a week later: no change, and no day below zero either time.
    const d = await look();
    expect(d.change).toMatchObject({
      since: iso('2024-05-27T12:00:00'),
      cashCents: 0,
      runwayDays: { before: null, now: null },
    });
    // A digest saved by an older version (weekly figures only) still gives the cash change.
    withDb((db) =>
      db
        .prepare(
          'INSERT INTO digests (advisor_id, business_id, created_at, cash_cents, runway_weeks, data) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(
          'local',
          bakeryId,
          iso('2024-05-27T10:00:00'),
          100_000,
          9,
          JSON.stringify({ runwayWeeks: 9, cashCents: 100_000, weeks: [] }),
        ),
    );
    const bakery = await look(today, bakeryId);
    expect(bakery.change).toEqual({
      since: iso('2024-05-27T10:00:00'),
      cashCents: 23_400,
      runwayDays: null,
      lowestCents: null,
    });
    const out = join(env.dir, 'old');
    await run(['digest', '--client', bakeryId, '--format', 'html', '--out', out, '--no-save']);
    expect(readFileSync(join(out, `${bakeryId}-2024-06-03.html`), 'utf8')).toContain(
      'Since the digest of 05/27/2024: +$234.00 cash.',
    );
  });

  it('lists the week’s decisions, calls and fixes, and nothing older than 7 days', async () => {
    const decide = (bill: string, how: string[], at: string) =>
      run(['decide', '--client', businessId, '--bill', bill, ...how], at);
    expect((await decide('230', ['--hold'], '2024-05-26T12:00:00')).code).toBe(0); // 8 days ago
    expect((await decide('210', ['--delay', '2024-06-20'], '2024-05-30T09:00:00')).code).toBe(0);
    expect((await decide('210', ['--pay-now'], '2024-06-02T09:00:00')).code).toBe(0);
    const call = await run(
      [
        'call',
        ...['--client', businessId, '--invoice', '420', '--outcome', 'promised'],
        ...['--promised', '2024-06-10'],
      ],
      '2024-06-01T15:00:00',
    );
    expect(call.code).toBe(0);
    withDb((db) => {
      const s = { advisorId: 'local', businessId };
      const fix = (requestId: string, summary: string, at: string) =>
        recordFixRow(db, s, {
          entity: 'Bill',
          qboId: '260',
          operation: 'update',
          summary,
          changes: { DueDate: '2024-06-30' },
          before: {},
          baseVersion: '0',
          requestId,
          now: iso(at),
        });
      updateFix(
        db,
        fix('r1', 'set due date on bill 260', '2024-06-01T10:00:00'),
        { state: 'applied' },
        iso('2024-06-01T10:01:00'),
      );
      updateFix(
        db,
        fix('r2', 'set vendor on bill 250', '2024-06-02T10:00:00'),
        { state: 'conflict', reason: 'changed in QuickBooks meanwhile' },
        iso('2024-06-02T10:01:00'),
      );
      updateFix(
        db,
        fix('r3', 'dropped fix', '2024-06-02T11:00:00'),
        { state: 'discarded' },
        iso('2024-06-02T11:01:00'),
      );
      updateFix(
        db,
        fix('r4', 'old fix', '2024-05-20T10:00:00'),
        { state: 'applied' },
        iso('2024-05-20T10:01:00'),
      );
    });
    const d = await look();
    expect(d.week.from).toBe(iso('2024-05-27T12:00:00'));
    expect(d.week.decisions).toEqual([
      expect.objectContaining({
        billQboId: '210',
        vendorName: 'Hicks Hardware',
        action: 'pay_now',
        replaced: false,
        decidedAt: iso('2024-06-02T09:00:00'),
      }),
      expect.objectContaining({
        billQboId: '210',
        action: 'delay',
        plannedDate: '2024-06-20',
        replaced: true,
      }),
    ]);
    expect(d.week.calls).toEqual([
      {
        invoiceQboId: '420',
        customerName: 'Travis Waldron',
        docNumber: '10420',
        outcome: 'promised',
        promisedDate: '2024-06-10',
        calledAt: iso('2024-06-01T15:00:00'),
      },
    ]);
    expect(d.week.fixes.map((f) => [f.summary, f.state])).toEqual([
      ['set vendor on bill 250', 'conflict'],
      ['set due date on bill 260', 'applied'],
    ]);
    // Another client's week is its own.
    expect((await look(today, bakeryId)).week).toMatchObject({
      decisions: [],
      calls: [],
      fixes: [],
    });
    const out = join(env.dir, 'week');
    await run(['digest', '--client', businessId, '--format', 'html', '--out', out]);
    const html = readFileSync(join(out, `${businessId}-2024-06-03.html`), 'utf8');
    const text = html.replace(/<[^>]+>/g, '');
    for (const words of [
      'Decisions recorded (2)',
      'Pay now',
      'Delay to 06/20/2024',
      'changed later',
      'Collection calls logged (1)',
      'Travis Waldron',
      'Promised to pay',
      '06/10/2024',
      'Fixes sent to QuickBooks (2)',
      'Set vendor on bill 250',
      'Conflict: changed in QuickBooks too',
      'Applied in QuickBooks',
    ])
      expect(text).toContain(words);
    expect(html).not.toContain('dropped fix');
    expect(html).not.toContain('old fix');
  });

  it('shows a saved scenario beside the baseline, as rowcol forecast --scenario projects it', async () => {
    const saved = await run([
      'scenario',
      'save',
      '--client',
      businessId,
      '--name',
      'New van',
      '--one-off',
      '-40000:2024-06-10',
    ]);
    expect(saved.code).toBe(0);
    const withIt = JSON.parse(
      (await run(['digest', '--client', businessId, '--scenario', 'new van'])).out,
    ) as DigestModel;
    const f = JSON.parse(
      (await run(['forecast', '--client', businessId, '--scenario', 'New van', '--json'])).out,
    ) as ForecastView;
    expect(withIt.scenario).toEqual({
      name: 'New van',
      runwayDays: f.runwayDays,
      lowest: f.lowest,
    });
    // The van's $40,000 lowers the lowest point (the baseline's stays the digest's own figures).
    expect(withIt.scenario!.lowest.cashCents).toBeLessThan(withIt.lowest.cashCents);
    const out = join(env.dir, 'with-scenario');
    await run(['digest', '--all', '--scenario', 'New van', '--format', 'html', '--out', out]);
    const pages = readdirSync(out).map((f) => readFileSync(join(out, f), 'utf8'));
    // Only the client that has the scenario shows it; the others are the plain digest.
    expect(pages.filter((p) => p.includes('Scenario “New van”'))).toHaveLength(1);
    expect(pages).toHaveLength(3);
    const missing = await run(['digest', '--client', bakeryId, '--scenario', 'New van']);
    expect(missing.code).not.toBe(0);
    expect(missing.err).toMatch(/No scenario "New van" for client/);
  });

  it('prints the books’ as-of time at the top, and says plainly when a client never synced', async () => {
    const out = join(env.dir, 'asof');
    await run(['digest', '--all', '--format', 'html', '--out', out, '--no-save']);
    const planted = readFileSync(join(out, `${businessId}-2024-06-03.html`), 'utf8');
    const top = planted.slice(0, planted.indexOf('<section class="figures">'));
    expect(top).toContain('Books as of 06/03/2024 11:00, synced from the QuickBooks sandbox.');
    const bakery = readFileSync(join(out, `${bakeryId}-2024-06-03.html`), 'utf8');
    expect(bakery.slice(0, bakery.indexOf('<section class="figures">'))).toContain(
      'Never synced from the QuickBooks sandbox',
    );
    expect((await look(today, bakeryId)).books).toEqual({
      syncedAt: null,
      environment: 'sandbox',
    });
  });

  it('writes its dates the way the settings say (DD/MM/YYYY here), back to the default once reset', async () => {
    const out = join(env.dir, 'dates');
    const page = () => readFileSync(join(out, `${businessId}-2024-06-03.html`), 'utf8');
    expect((await run(['settings', 'set', 'dateFormat', 'DD/MM/YYYY'])).code).toBe(0);
    await run(['digest', '--client', businessId, '--format', 'html', '--out', out, '--no-save']);
    expect(page()).toContain('Books as of 03/06/2024 11:00');
    expect(page()).toContain('Weekly digest · 03/06/2024');
    expect((await run(['settings', 'set', 'dateFormat', 'default'])).code).toBe(0);
    await run(['digest', '--client', businessId, '--format', 'html', '--out', out, '--no-save']);
    expect(page()).toContain('Weekly digest · 06/03/2024');
  });

  it('shows no raw code anywhere in the page: hygiene codes, buckets, outcomes, actions, groups', async () => {
    await run(
      ['call', '--client', businessId, '--invoice', '420', '--outcome', 'left_message'],
      '2024-05-01T12:00:00',
    );
    await run(['decide', '--client', businessId, '--bill', '100', '--pay-now']);
    await run(['decide', '--client', businessId, '--bill', '210', '--hold']);
    await run(
      [
        'call',
        ...['--client', businessId, '--invoice', '420', '--outcome', 'wrong_contact'],
        ...['--follow-up', '2024-06-02'],
      ],
      '2024-05-30T12:00:00',
    );
    const out = join(env.dir, 'words');
    await run(['digest', '--all', '--format', 'html', '--out', out, '--no-save']);
    const html = readFileSync(join(out, `${businessId}-2024-06-03.html`), 'utf8');
    expect(html).toContain('Paid outside QBO'); // bill 220's flag, as words
    expect(html).toContain('30–59 days late');
    for (const words of ['Wrong contact', 'Pay now', 'Hold', 'overdue'])
      expect(html).toContain(words);
    expect(html).not.toMatch(/\b[A-Z]{2,}(?:_[A-Z0-9]+)+\b/);
    expect(html).not.toMatch(/\b[a-z0-9]+(?:_[a-z0-9]+)+\b/);
  });

  it('sets the paper: Letter for a US-dollar client, A4 otherwise, or --paper for the batch', async () => {
    const out = join(env.dir, 'paper');
    await run(['digest', '--all', '--format', 'html', '--out', out, '--no-save']);
    const page = (id: string, dir = out) =>
      readFileSync(join(dir, `${id}-2024-06-03.html`), 'utf8');
    expect(page(businessId)).toContain('@page{size:letter;');
    expect(page(euroId)).toContain('@page{size:A4;');
    const a4 = join(env.dir, 'a4');
    await run(['digest', '--all', '--format', 'html', '--out', a4, '--no-save', '--paper', 'A4']);
    expect(page(businessId, a4)).toContain('@page{size:A4;');
    expect(
      JSON.parse((await run(['digest', '--client', euroId, '--paper', 'letter'])).out),
    ).toMatchObject({ paper: 'letter' });
    // A paper chosen in the settings applies to every client; --paper still wins for its batch.
    expect((await run(['settings', 'set', 'paperSize', 'a4'])).code).toBe(0);
    const chosen = join(env.dir, 'chosen');
    await run(['digest', '--all', '--format', 'html', '--out', chosen, '--no-save']);
    expect(page(businessId, chosen)).toContain('@page{size:A4;');
    expect(
      JSON.parse((await run(['digest', '--client', businessId, '--paper', 'letter'])).out),
    ).toMatchObject({ paper: 'letter' });
  });

  it('refuses a bad --paper in one line with exit code 2, writing nothing', async () => {
    const out = join(env.dir, 'badpaper');
    const r = await run(['digest', '--all', '--format', 'html', '--out', out, '--paper', 'legal']);
    expect(r).toMatchObject({ code: 2, err: 'rowcol: unknown --paper legal; use letter or a4\n' });
    expect(existsSync(out)).toBe(false);
    expect(digestRows()).toBe(0);
  });

  it('saves the baseline only for delivered html/pdf (unless --no-save) and for json with --save, and says which', async () => {
    const first = await run(['digest', '--client', businessId]);
    expect(first.err).toBe('Not saved as the baseline (add --save to save).\n');
    expect(digestRows()).toBe(0);
    const out = join(env.dir, 'out');
    const noSave = await run(['digest', '--all', '--format', 'html', '--out', out, '--no-save']);
    expect(noSave.out).toContain('Not saved as the baseline (--no-save).\n');
    expect(digestRows()).toBe(0);
    const saved = await run(['digest', '--all', '--format', 'html', '--out', out]);
    expect(saved.out).toContain('Saved 3 digests as the baseline for the next one.\n');
    expect(digestRows()).toBe(3);
    // The weekly runway column holds whole weeks of the daily runway (null: never below zero).
    expect(
      withDb((db) => db.prepare('SELECT DISTINCT runway_weeks AS w FROM digests').all()),
    ).toEqual([{ w: null }]);
    // A file that cannot be written (a folder stands in its place): nothing is saved.
    const blocked = join(env.dir, 'blocked');
    mkdirSync(join(blocked, `${businessId}-2024-06-03.html`), { recursive: true });
    const failed = await run([
      'digest',
      '--client',
      businessId,
      '--format',
      'html',
      '--out',
      blocked,
    ]);
    expect(failed.code).not.toBe(0);
    expect(failed.out).not.toContain('Saved');
    expect(digestRows()).toBe(3);
  });

  it('writes self-contained HTML for every client in one batch', async () => {
    const out = join(env.dir, 'out');
    const r = await run(['digest', '--all', '--format', 'html', '--out', out]);
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(
      [businessId, bakeryId, euroId].map((id) => `${id}-2024-06-03.html`).sort(),
    );
    const html = readFileSync(join(out, `${bakeryId}-2024-06-03.html`), 'utf8');
    expect(html).toContain('<h1>Bakery &lt;&amp;&gt; Co</h1>');
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/(src|href)=["']?(https?:)?\/\//);
    expect(html).not.toContain('<script');
  });

  it('prints PDF through Chromium on the paper asked for', async (ctx) => {
    if (!findChromium()) {
      console.log('skipped: no Chromium on this machine');
      ctx.skip();
    }
    // Each page's size in points: Letter is 612 × 792, A4 595.3 × 841.9 (Chromium rounds it up a little).
    const near = (a: number, b: number) => Math.abs(a - b) < 2;
    const paperOf = (w: number, h: number) =>
      near(w, 612) && near(h, 792)
        ? 'letter'
        : near(w, 595.3) && near(h, 841.9)
          ? 'a4'
          : `${w}x${h}`;
    const mediaBoxes = (dir: string, id: string) => {
      const pdf = readFileSync(join(dir, `${id}-2024-06-03.pdf`)).toString('latin1');
      expect(pdf.startsWith('%PDF-')).toBe(true);
      const boxes = [...pdf.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)];
      expect(boxes.length).toBeGreaterThan(0);
      return [...new Set(boxes.map((m) => paperOf(Number(m[1]), Number(m[2]))))];
    };
    const out = join(env.dir, 'pdf');
    expect((await run(['digest', '--all', '--format', 'pdf', '--out', out])).code).toBe(0);
    expect(readdirSync(out)).toHaveLength(3);
    expect(mediaBoxes(out, businessId)).toEqual(['letter']);
    expect(mediaBoxes(out, euroId)).toEqual(['a4']);
    const a4 = join(env.dir, 'pdf-a4');
    await run(['digest', '--client', businessId, '--format', 'pdf', '--out', a4, '--paper', 'a4']);
    expect(mediaBoxes(a4, businessId)).toEqual(['a4']);
  });

  it('says so in one line and writes nothing when no Chromium is found for PDF', async () => {
    const out = join(env.dir, 'nopdf');
    const r = await run(['digest', '--all', '--format', 'pdf', '--out', out], today, {
      ROWCOL_CHROMIUM: '/nonexistent/chromium',
    });
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/^rowcol: no Chromium found to print PDF.*\n$/);
    expect(existsSync(out)).toBe(false);
    expect(digestRows()).toBe(0);
  });

  it('refuses a missing or unknown client, and a bad format', async () => {
    expect((await run(['digest'])).code).toBe(2);
    expect(await run(['digest', '--client', 'nope'])).toMatchObject({
      code: 2,
      err: 'rowcol: No client nope.\n',
    });
    expect((await run(['digest', '--all', '--format', 'docx'])).code).toBe(2);
    expect(digestRows()).toBe(0);
  });
});
