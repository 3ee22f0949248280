// The window's digest export (digest:export) through the runtime, over a real SQLite file and real files:
// one file per digest and format in the export's own folder, a progress event after each digest, the
// baseline saved only once every file is on disk, and a failure part way said in one line with the files
// written before it kept.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DigestExportResult, DigestProgress } from '../../src/core/digest/export.ts';
import { findChromium } from '../../src/main/services/digest/pdf.ts';
import { openRuntime, type RuntimeOptions } from '../../src/main/runtime/runtime.ts';
import { now, plantBooks } from '../support/planted-books.ts';
import { account, addClient, writeRecords } from '../support/qbo-books.ts';
import { tempDataDir } from '../support/temp-db.ts';

let env: ReturnType<typeof tempDataDir>;
const folderOf = () => join(env.dir, 'exports', 'digests-2024-06-03');
const digestRows = () =>
  (env.db.prepare('SELECT COUNT(*) AS n FROM digests').get() as { n: number }).n;

beforeEach(() => {
  env = tempDataDir();
  plantBooks(env.db);
  const bakery = addClient(env.db, 'local', '7777', 'Bakery <&> Co');
  writeRecords(env.db, bakery, 'Account', [account('1', 'Checking', 'Bank', 123_400)]);
  const euro = addClient(env.db, 'local', '8888', 'Zeta GmbH', 'EUR');
  writeRecords(env.db, euro, 'Account', [account('1', 'Girokonto', 'Bank', 500_000)]);
});
afterEach(() => env.cleanup());

/** The runtime over the test's database, with its progress events and what the baseline held at each. */
function open(over: Partial<RuntimeOptions> = {}) {
  const runtime = openRuntime({
    db: env.db,
    dataDir: env.dir,
    env: { ROWCOL_ADVISOR_ID: 'local', ...over.env },
    now: () => now,
    ...over,
  });
  const progress: (DigestProgress & { savedSoFar: number })[] = [];
  runtime.on('digest:progress', (p) => progress.push({ ...p, savedSoFar: digestRows() }));
  return { runtime, progress };
}

describe('digest:export', () => {
  it('writes one file per client, says so after each, and saves the baselines only at the end', async () => {
    const { runtime, progress } = open();
    const r = await runtime.call('digest:export', { all: true, format: 'html' });
    const names = [
      'Bakery & Co 2024-06-03.html',
      'Planted Landscaping 2024-06-03.html',
      'Zeta GmbH 2024-06-03.html',
    ];
    expect(r).toEqual<DigestExportResult>({
      cancelled: false,
      folder: folderOf(),
      files: names,
      written: 3,
      total: 3,
      saved: 3,
      failure: null,
      canOpenFolder: false,
    });
    expect(readdirSync(folderOf()).sort()).toEqual(names);
    expect(readFileSync(join(folderOf(), names[0]!), 'utf8')).toContain(
      '<h1>Bakery &lt;&amp;&gt; Co</h1>',
    );
    expect(progress.map((p) => [p.written, p.total, p.clientName])).toEqual([
      [1, 3, 'Bakery <&> Co'],
      [2, 3, 'Planted Landscaping'],
      [3, 3, 'Zeta GmbH'],
    ]);
    // No baseline while files were still being written; all three once they were.
    expect(progress.map((p) => p.savedSoFar)).toEqual([0, 0, 0]);
    expect(digestRows()).toBe(3);
    // The browser version downloads what the export wrote, and nothing else.
    const file = await runtime.call('digest:file', { folder: r.folder!, name: names[1]! });
    expect(file.mimeType).toBe('text/html;charset=utf-8');
    expect(Buffer.from(file.base64, 'base64').toString('utf8')).toContain(
      '<h1>Planted Landscaping</h1>',
    );
    for (const bad of [
      { folder: r.folder!, name: '../../rowcol.db' },
      { folder: env.dir, name: 'rowcol.db' },
    ])
      expect(await runtime.invoke('digest:file', bad)).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
    // Without the desktop app's shell, the folder is named, not opened.
    expect(await runtime.invoke('digest:open-folder', { folder: r.folder! })).toMatchObject({
      ok: false,
      error: { code: 'UNAVAILABLE', message: expect.stringContaining(r.folder!) },
    });
  });

  it('stops at a file it cannot write, in one line, keeping the files before it and saving nothing', async () => {
    const { runtime, progress } = open();
    // A folder stands where the second client's file goes (as a full disk or a locked file would fail).
    mkdirSync(join(folderOf(), 'Planted Landscaping 2024-06-03.html'), { recursive: true });
    const r = await runtime.call('digest:export', { all: true, format: 'html' });
    expect(r.written).toBe(1);
    expect(r.files).toEqual(['Bakery & Co 2024-06-03.html']);
    expect(r.failure).toMatch(/^Stopped after 1 of 3 digests, at Planted Landscaping: EISDIR/);
    expect(r.failure).not.toContain('\n');
    expect(r.failure).toContain('nothing was saved as the baseline');
    expect(r.saved).toBe(0);
    expect(existsSync(join(folderOf(), 'Bakery & Co 2024-06-03.html'))).toBe(true);
    expect(existsSync(join(folderOf(), 'Zeta GmbH 2024-06-03.html'))).toBe(false);
    expect(progress).toHaveLength(1);
    expect(digestRows()).toBe(0);
  });

  it('says in one line that no Chromium was found for PDF, writing nothing', async () => {
    const { runtime, progress } = open({ env: { ROWCOL_CHROMIUM: '/nonexistent/chromium' } });
    const r = await runtime.invoke('digest:export', { all: true, format: 'both' });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'UNAVAILABLE', message: expect.stringMatching(/^No Chromium found[^\n]*$/) },
    });
    expect(existsSync(folderOf())).toBe(false);
    expect(progress).toHaveLength(0);
    expect(digestRows()).toBe(0);
  });

  it('prints HTML and PDF for one client on the paper asked for', async (ctx) => {
    if (!findChromium()) {
      console.log('skipped: no Chromium on this machine');
      ctx.skip();
    }
    const { runtime, progress } = open();
    const [planted] = (await runtime.call('clients:list', {})).filter(
      (c) => c.displayName === 'Planted Landscaping',
    );
    const r = await runtime.call('digest:export', {
      businessId: planted!.businessId,
      format: 'both',
      paper: 'a4',
    });
    expect(r.files).toEqual([
      'Planted Landscaping 2024-06-03.html',
      'Planted Landscaping 2024-06-03.pdf',
    ]);
    const pdf = readFileSync(join(folderOf(), r.files[1]!)).toString('latin1');
    expect(pdf.startsWith('%PDF-')).toBe(true);
    expect(pdf).toMatch(/\/MediaBox\s*\[\s*0 0 59[56][.\d]* 84[12][.\d]*\s*\]/);
    expect(progress).toHaveLength(1);
    expect(digestRows()).toBe(1);
  });

  it('writes into the folder the advisor chose in the desktop app, and opens it', async () => {
    const chosen = mkdtempSync(join(tmpdir(), 'rowcol-chosen-'));
    try {
      const opened: string[] = [];
      let answer: string | null = null;
      const { runtime } = open({
        chooseFolder: async () => answer,
        openFolder: async (path) => {
          opened.push(path);
          return null;
        },
      });
      const cancelled = await runtime.call('digest:export', {
        all: true,
        format: 'html',
        folder: 'choose',
      });
      expect(cancelled).toMatchObject({ cancelled: true, files: [], saved: 0 });
      expect(digestRows()).toBe(0);
      answer = chosen;
      const r = await runtime.call('digest:export', {
        all: true,
        format: 'html',
        folder: 'choose',
      });
      expect(r.folder).toBe(join(chosen, 'digests-2024-06-03'));
      expect(readdirSync(r.folder!)).toHaveLength(3);
      expect(r.canOpenFolder).toBe(true);
      await runtime.call('digest:open-folder', { folder: r.folder! });
      expect(opened).toEqual([r.folder]);
      // Only a folder an export wrote.
      expect(await runtime.invoke('digest:open-folder', { folder: chosen })).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
    } finally {
      rmSync(chosen, { recursive: true, force: true });
    }
  });

  it('refuses a second export while one runs, and a folder choice outside the desktop app', async () => {
    const { runtime } = open();
    const second: Promise<unknown>[] = [];
    const off = runtime.on('digest:progress', () => {
      if (second.length === 0)
        second.push(runtime.invoke('digest:export', { all: true, format: 'html' }));
    });
    const first = await runtime.call('digest:export', { all: true, format: 'html' });
    off();
    expect(first.written).toBe(3);
    expect(await second[0]).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringContaining('already running') },
    });
    expect(
      await runtime.invoke('digest:export', { all: true, format: 'html', folder: 'choose' }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});
