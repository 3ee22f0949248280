// Digests through the CLI: JSON, self-contained HTML, PDF through Chromium, change since the last digest.
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cashChartSvg, niceTicks } from '../../src/core/digest/chart.ts';
import type { DigestModel } from '../../src/core/digest/model.ts';
import { main } from '../../src/main/cli/main.ts';
import type { CliIo } from '../../src/main/cli/io.ts';
import { openDataDir } from '../../src/main/db/data-dir.ts';
import { findChromium } from '../../src/main/services/digest/pdf.ts';
import { plantBooks } from '../support/planted-books.ts';
import { account, addClient, writeRecords } from '../support/qbo-books.ts';
import { tempDataDir } from '../support/temp-db.ts';

let env: ReturnType<typeof tempDataDir>;
let businessId: string;
beforeEach(() => {
  env = tempDataDir();
  businessId = plantBooks(env.db).businessId;
  const other = addClient(env.db, 'local', '7777', 'Bakery <&> Co');
  writeRecords(env.db, other, 'Account', [account('1', 'Checking', 'Bank', 123_400)]);
  env.db.close();
});
afterEach(() => env.cleanup());

async function run(argv: string[], extraEnv: Record<string, string> = {}) {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (t) => (out += t),
    err: (t) => (err += t),
    isTTY: false,
    env: { ROWCOL_NOW: '2024-06-03T12:00:00', ...extraEnv },
  };
  const code = await main(['--data-dir', env.dir, ...argv], io);
  return { code, out, err };
}
const digestRows = () => {
  const db = openDataDir(env.dir);
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM digests').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe('rowcol digest', () => {
  it('builds one client as JSON from tray and console outputs, and shows the runway change next time', async () => {
    const first = JSON.parse(
      (await run(['digest', '--client', businessId, '--save'])).out,
    ) as DigestModel;
    expect(first).toMatchObject({
      businessId,
      cashCents: 1_250_000,
      runwayWeeks: 225,
      change: null,
      openItems: { high: 4, medium: 9, low: 3 },
    });
    expect(first.weeks).toHaveLength(13);
    expect(first.attention.billsToDecide.map((b) => b.qboId)).toEqual(['230', '220']);
    expect(first.attention.callsToMake.map((c) => c.invoiceQboId)).toEqual(['420']);
    expect(first.attention.hygiene[0]).toMatchObject({ severity: 'high' });
    expect(
      (await run(['decide', '--client', businessId, '--bill', '210', '--delay', '2024-09-10']))
        .code,
    ).toBe(0);
    const second = JSON.parse((await run(['digest', '--client', businessId])).out) as DigestModel;
    expect(second.change).toMatchObject({
      runwayWeeks: 17,
      previousRunwayWeeks: 225,
      cashCents: 0,
    });
    expect(second.attention.billsToDecide.map((b) => b.qboId)).toEqual(['230', '220']);
  });

  it('saves the baseline only for delivered html/pdf (unless --no-save) and for json with --save, and says which', async () => {
    const look = await run(['digest', '--client', businessId]);
    expect(look.err).toBe('Not saved as the baseline (add --save to save).\n');
    expect(digestRows()).toBe(0);
    const out = join(env.dir, 'out');
    const noSave = await run(['digest', '--all', '--format', 'html', '--out', out, '--no-save']);
    expect(noSave.out).toContain('Not saved as the baseline (--no-save).\n');
    expect(digestRows()).toBe(0);
    const saved = await run(['digest', '--all', '--format', 'html', '--out', out]);
    expect(saved.out).toContain('Saved 2 digests as the baseline for the next one.\n');
    expect(digestRows()).toBe(2);
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
    expect(digestRows()).toBe(2);
  });

  it('writes self-contained HTML for every client in one batch', async () => {
    const out = join(env.dir, 'out');
    const r = await run(['digest', '--all', '--format', 'html', '--out', out]);
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      'sandbox-7777-2024-06-03.html',
      'sandbox-9130-2024-06-03.html',
    ]);
    const html = readFileSync(join(out, 'sandbox-7777-2024-06-03.html'), 'utf8');
    expect(html).toContain('<h1>Bakery &lt;&amp;&gt; Co</h1>');
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/(src|href)=["']?(https?:)?\/\//);
    expect(html).not.toContain('<script');
  });

  it('prints PDF through Chromium when there is one', async (ctx) => {
    if (!findChromium()) {
      console.log('skipped: no Chromium on this machine');
      ctx.skip();
    }
    const out = join(env.dir, 'pdf');
    const r = await run(['digest', '--all', '--format', 'pdf', '--out', out]);
    expect(r.code).toBe(0);
    for (const f of readdirSync(out))
      expect(readFileSync(join(out, f)).subarray(0, 5).toString()).toBe('%PDF-');
    expect(readdirSync(out)).toHaveLength(2);
  });

  it('says so in one line and writes nothing when no Chromium is found for PDF', async () => {
    const out = join(env.dir, 'nopdf');
    const r = await run(['digest', '--all', '--format', 'pdf', '--out', out], {
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

describe('cash chart', () => {
  it('uses round ticks that include zero, and marks weeks below zero in red', () => {
    expect(niceTicks(-240_000, 1_000_000)).toEqual([-500_000, 0, 500_000, 1_000_000]);
    const weeks = [100, -50].map((closingCents, i) => ({
      week: i + 1,
      startsOn: `2024-06-0${3 + i}`,
      inflowCents: 0,
      outflowCents: 0,
      burnCents: 0,
      closingCents,
    }));
    const svg = cashChartSvg(200, weeks, 'USD');
    expect(svg.match(/fill="#dc2626"/g)).toHaveLength(1);
  });
});
