// The advisor's settings: one file in the data folder shared by the window, the browser app and the CLI,
// read without writing, the client secret sealed, a damaged file never fatal, and today's
// tray-thresholds.json moved in once. Real data folders, the real handler table and the real CLI.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TrayItem } from '../../src/core/advisor-work.ts';
import { defaultHygieneThresholds } from '../../src/core/hygiene/codes.ts';
import { main } from '../../src/main/cli/main.ts';
import type { CliIo } from '../../src/main/cli/io.ts';
import { resolveEndpoints } from '../../src/main/qbo/endpoints.ts';
import { openRuntime, type Runtime } from '../../src/main/runtime/runtime.ts';
import { handlersAt, value } from '../support/handlers.ts';
import { now, plantBooks } from '../support/planted-books.ts';
import { tempDataDir } from '../support/temp-db.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
// Tests keep their throwaway token keys in their temp folders, never in the developer's keychain.
const testEnv = { ROWCOL_KEYCHAIN: 'off', ROWCOL_ADVISOR_ID: 'local' };

let env: ReturnType<typeof tempDataDir>;
const runtimes: Runtime[] = [];
const notices: string[] = [];
beforeEach(() => {
  env = tempDataDir('rowcol-settings-');
  notices.length = 0;
});
afterEach(async () => {
  for (const r of runtimes.splice(0)) await r.close();
  env.cleanup();
});

function runtime(extraEnv: NodeJS.ProcessEnv = {}, dataDir = env.dir): Runtime {
  const r = openRuntime({
    dataDir,
    db: dataDir === env.dir ? env.db : undefined,
    env: { ...testEnv, ...extraEnv },
    now: () => now,
    onNotice: (line) => notices.push(line),
  });
  runtimes.push(r);
  return r;
}

const settingsFile = () => join(env.dir, 'settings.json');
const files = () => readdirSync(env.dir).sort();

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (t) => (out += t),
    err: (t) => (err += t),
    isTTY: false,
    env: { ...testEnv, ROWCOL_NOW: '2024-06-03T12:00:00' },
  };
  const code = await main(['--data-dir', env.dir, ...argv], io);
  return { code, out, err };
}

describe('reading and saving settings', () => {
  it('shows the defaults without creating a file, and keeps what is saved', async () => {
    const r = runtime();
    const first = await r.call('settings:get', {});
    expect(first).toMatchObject({
      intuit: { clientId: '', clientSecret: 'not set', fromEnvironment: false },
      syncIntervalMinutes: 15,
      paperSize: 'letter',
      dateFormat: 'MM/DD/YYYY',
      trayThresholds: defaultHygieneThresholds,
      trayThresholdOverrides: {},
      problems: [],
    });
    expect(existsSync(settingsFile())).toBe(false);

    await r.call('settings:set', {
      paperSize: 'a4',
      dateFormat: 'DD/MM/YYYY',
      syncIntervalMinutes: 60,
      trayThresholds: { bankQuietAfterDays: 45 },
    });
    // Another process on the same folder (the CLI beside the window) sees the same settings.
    const other = openRuntime({ dataDir: env.dir, env: testEnv });
    runtimes.push(other);
    const seen = await other.call('settings:get', {});
    expect(seen).toMatchObject({
      paperSize: 'a4',
      dateFormat: 'DD/MM/YYYY',
      syncIntervalMinutes: 60,
      trayThresholdOverrides: { bankQuietAfterDays: 45 },
    });
    expect(seen.trayThresholds.bankQuietAfterDays).toBe(45);
    expect(other.settings.syncIntervalMs()).toBe(60 * 60_000);

    // null puts a setting back to its default.
    const back = await r.call('settings:set', {
      paperSize: null,
      trayThresholds: { bankQuietAfterDays: null },
    });
    expect(back.paperSize).toBe('letter');
    expect(back.trayThresholds.bankQuietAfterDays).toBe(
      defaultHygieneThresholds.bankQuietAfterDays,
    );
    expect(JSON.parse(readFileSync(settingsFile(), 'utf8'))).toEqual({
      dateFormat: 'DD/MM/YYYY',
      syncIntervalMinutes: 60,
      trayThresholds: {},
    });
  });

  it.each([
    [{ syncIntervalMinutes: 2 }, /syncIntervalMinutes/],
    [{ paperSize: 'A5' }, /paperSize/],
    [{ trayThresholds: { bankQuietAfterDays: -1 } }, /bankQuietAfterDays/],
    [{ trayThresholds: { invoiceUnsentDays: 5 } }, /invoiceUnsentDays/],
    [{ colour: 'blue' }, /colour/],
  ])('refuses %j in one line and changes nothing', async (patch, message) => {
    const r = runtime();
    await r.call('settings:set', { dateFormat: 'YYYY-MM-DD' });
    const before = readFileSync(settingsFile(), 'utf8');
    const res = await r.dispatch('settings:set', patch);
    expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message } });
    expect(readFileSync(settingsFile(), 'utf8')).toBe(before);
  });
});

describe('the Intuit app keys', () => {
  it('seals the client secret, never shows it back, and uses it for new connections', async () => {
    const r = runtime();
    const saved = await r.call('settings:set', {
      intuit: { clientId: 'ABclient', clientSecret: 'the-very-secret' },
    });
    expect(saved.intuit).toEqual({
      clientId: 'ABclient',
      clientSecret: 'set',
      fromEnvironment: false,
    });
    expect(JSON.stringify(saved)).not.toContain('the-very-secret');
    const text = readFileSync(settingsFile(), 'utf8');
    expect(text).not.toContain('the-very-secret');
    expect(JSON.parse(text).intuit.clientSecretSealed).toMatch(/^v1\./);
    // What a new connection and every token refresh use.
    expect(r.settings.withAppKeys(resolveEndpoints({}, {}))).toMatchObject({
      clientId: 'ABclient',
      clientSecret: 'the-very-secret',
    });
  });

  it('lets the environment win over the settings, as a pair', async () => {
    const r = runtime({ ROWCOL_QBO_CLIENT_ID: 'env-id', ROWCOL_QBO_CLIENT_SECRET: 'env-secret' });
    await r.call('settings:set', { intuit: { clientId: 'settings-id', clientSecret: 's' } });
    expect((await r.call('settings:get', {})).intuit.fromEnvironment).toBe(true);
    const e = resolveEndpoints(
      {},
      { ROWCOL_QBO_CLIENT_ID: 'env-id', ROWCOL_QBO_CLIENT_SECRET: 'env-secret' },
    );
    expect(r.settings.withAppKeys(e)).toMatchObject({
      clientId: 'env-id',
      clientSecret: 'env-secret',
    });
  });

  it("says to enter the secret again when this folder's key cannot open it (a copied settings file)", async () => {
    const elsewhere = tempDataDir('rowcol-settings-other-');
    try {
      const a = runtime({}, elsewhere.dir);
      await a.call('settings:set', { intuit: { clientId: 'id', clientSecret: 'secret' } });
      writeFileSync(settingsFile(), readFileSync(join(elsewhere.dir, 'settings.json')));
      const b = runtime();
      expect((await b.call('settings:get', {})).intuit.clientSecret).toBe('set');
      expect(() => b.settings.withAppKeys(resolveEndpoints({}, {}))).toThrow(
        /intuit\.clientSecret saved in settings cannot be opened with this computer's token key; enter it again/,
      );
      // And connecting says the same, in one line.
      const res = await b.invoke('clients:connect', { port: 0, timeoutSeconds: 5 });
      expect(res).toMatchObject({
        ok: false,
        error: { code: 'UNAVAILABLE', message: /enter it again/ },
      });
    } finally {
      elsewhere.cleanup();
    }
  });

  it('removes the secret with null', async () => {
    const r = runtime();
    await r.call('settings:set', { intuit: { clientId: 'id', clientSecret: 'secret' } });
    const saved = await r.call('settings:set', { intuit: { clientSecret: null } });
    expect(saved.intuit.clientSecret).toBe('not set');
    expect(readFileSync(settingsFile(), 'utf8')).not.toContain('clientSecretSealed');
  });
});

describe('a damaged settings file', () => {
  it('is said in one line and the defaults are used; a save keeps it aside and starts again', async () => {
    writeFileSync(settingsFile(), '{ "paperSize": "a4", ');
    const r = runtime();
    const view = await r.call('settings:get', {});
    expect(view.paperSize).toBe('letter');
    expect(view.problems).toEqual([
      expect.stringMatching(/settings\.json is not valid JSON; the default settings are used/),
    ]);
    expect(notices.filter((n) => /not valid JSON/.test(n))).toHaveLength(1);
    // Reading never writes: the damaged file is untouched.
    expect(readFileSync(settingsFile(), 'utf8')).toBe('{ "paperSize": "a4", ');

    await r.call('settings:set', { dateFormat: 'YYYY-MM-DD' });
    const aside = files().find((f) => f.startsWith('settings.damaged-'));
    expect(aside).toBeDefined();
    expect(readFileSync(join(env.dir, aside!), 'utf8')).toBe('{ "paperSize": "a4", ');
    expect(JSON.parse(readFileSync(settingsFile(), 'utf8'))).toEqual({ dateFormat: 'YYYY-MM-DD' });
    expect(notices.some((n) => n.includes(`kept as ${join(env.dir, aside!)}`))).toBe(true);
    expect((await r.call('settings:get', {})).problems).toEqual([]);
  });

  it('costs only the values that are wrong; the others stay', async () => {
    writeFileSync(
      settingsFile(),
      JSON.stringify({
        paperSize: 'A5',
        dateFormat: 'YYYY-MM-DD',
        trayThresholds: { bankQuietAfterDays: 'soon', undepositedAfterDays: 20 },
        fromNewerRowcol: 1,
      }),
    );
    const r = runtime();
    const view = await r.call('settings:get', {});
    expect(view).toMatchObject({ paperSize: 'letter', dateFormat: 'YYYY-MM-DD' });
    expect(view.trayThresholds).toMatchObject({ bankQuietAfterDays: 30, undepositedAfterDays: 20 });
    expect(view.problems).toEqual([
      expect.stringMatching(/paperSize is "A5", not letter or a4; letter is used\./),
      expect.stringMatching(
        /trayThresholds\.bankQuietAfterDays is "soon", not a positive number; the default 30 is used\./,
      ),
    ]);
    await r.call('settings:set', { syncIntervalMinutes: 30 });
    expect(JSON.parse(readFileSync(settingsFile(), 'utf8'))).toEqual({
      dateFormat: 'YYYY-MM-DD',
      trayThresholds: { undepositedAfterDays: 20 },
      fromNewerRowcol: 1, // a newer version's key is left alone
      syncIntervalMinutes: 30,
    });
    const aside = files().find((f) => f.startsWith('settings.before-repair-'));
    expect(JSON.parse(readFileSync(join(env.dir, aside!), 'utf8')).paperSize).toBe('A5');
  });
});

describe('tray thresholds move from tray-thresholds.json into the settings once', () => {
  const legacy = () => join(env.dir, 'tray-thresholds.json');

  it('reads the old file until the writer moves it in; then the file is renamed and the values stay', async () => {
    writeFileSync(legacy(), JSON.stringify({ invoiceUnsentAfterDays: 10 }));
    const r = runtime();
    expect(r.settings.trayThresholds().invoiceUnsentAfterDays).toBe(10);
    expect((await r.call('settings:get', {})).trayThresholdOverrides).toEqual({
      invoiceUnsentAfterDays: 10,
    });
    // Reads changed nothing on disk.
    expect(files()).not.toContain('settings.json');

    // The sync side is the writer (the app's start, a sync): it moves the file in.
    await r.sync();
    expect(files()).toContain('tray-thresholds.json.migrated');
    expect(files()).not.toContain('tray-thresholds.json');
    expect(JSON.parse(readFileSync(settingsFile(), 'utf8')).trayThresholds).toEqual({
      invoiceUnsentAfterDays: 10,
    });
    expect(notices.some((n) => /now in the settings/.test(n))).toBe(true);
    expect(r.settings.trayThresholds().invoiceUnsentAfterDays).toBe(10);

    // Once: a second writer step has nothing to do.
    expect(await r.settings.tidy()).toEqual([]);
    expect(readFileSync(join(env.dir, 'tray-thresholds.json.migrated'), 'utf8')).toBe(
      JSON.stringify({ invoiceUnsentAfterDays: 10 }),
    );
  });

  it('leaves a broken old file where it is and says why, in one line', async () => {
    writeFileSync(legacy(), '{"bankQuietAfterDays": "soon"}');
    const r = runtime();
    expect(() => r.settings.trayThresholds()).toThrow(
      /bankQuietAfterDays must be a positive number/,
    );
    expect(await r.settings.tidy()).toEqual([
      expect.stringMatching(/bankQuietAfterDays must be a positive number/),
    ]);
    expect(files()).toContain('tray-thresholds.json');
    expect((await r.call('settings:get', {})).problems).toEqual([
      expect.stringMatching(/bankQuietAfterDays must be a positive number/),
    ]);
  });

  it('moves it in before a save, so the save is not undone by the old file', async () => {
    writeFileSync(legacy(), JSON.stringify({ invoiceUnsentAfterDays: 10, bankQuietAfterDays: 60 }));
    const r = runtime();
    const saved = await r.call('settings:set', { trayThresholds: { bankQuietAfterDays: 40 } });
    expect(saved.trayThresholdOverrides).toEqual({
      invoiceUnsentAfterDays: 10,
      bankQuietAfterDays: 40,
    });
    expect(files()).not.toContain('tray-thresholds.json');
  });
});

describe('thresholds changed in settings', () => {
  it('change the tray at once', async () => {
    const { businessId } = plantBooks(env.db);
    const h = handlersAt(env.db, now, 'local', env.dir);
    runtimes.push(h.runtime);
    const codes = async () =>
      value(await h.call('tray:list', { businessId })).map(
        (i: TrayItem) => `${i.code} ${i.recordKey}`,
      );
    expect(await codes()).toContain('INVOICE_NEVER_SENT Invoice:410'); // 9 days unsent, default 3 days
    value(await h.call('settings:set', { trayThresholds: { invoiceUnsentAfterDays: 10 } }));
    expect(await codes()).not.toContain('INVOICE_NEVER_SENT Invoice:410');
  });
});

describe('rowcol settings', () => {
  it('shows and changes settings, one line each', async () => {
    expect((await cli('settings', 'set', 'paperSize', 'a4')).out).toBe('paperSize is now a4.\n');
    expect((await cli('settings', 'set', 'trayThresholds.bankQuietAfterDays', '45')).out).toBe(
      'trayThresholds.bankQuietAfterDays is now 45.\n',
    );
    expect((await cli('settings', 'get', 'paperSize')).out).toBe('a4\n');
    const all = await cli('settings');
    expect(all.code).toBe(0);
    expect(all.out).toMatch(/paperSize\s+a4/);
    expect(all.out).toMatch(/trayThresholds\.bankQuietAfterDays\s+45\n/);
    expect(all.out).toMatch(/trayThresholds\.undepositedAfterDays\s+14 \(default\)/);
    expect((await cli('settings', 'set', 'paperSize', 'default')).out).toBe(
      'paperSize is now letter.\n',
    );
  });

  it.each([
    [['settings', 'set', 'paperSize', 'A5'], /paperSize is letter or a4, not A5/],
    [['settings', 'set', 'colour', 'blue'], /unknown setting colour; use one of intuit\.clientId/],
    [['settings', 'set', 'syncIntervalMinutes', '2'], /syncIntervalMinutes/],
    [['settings', 'set', 'intuit.clientSecret', 'typed-here'], /not on the command line/],
  ])('refuses %j in one line', async (argv, message) => {
    const r = await cli(...argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err + r.out).not.toContain('typed-here');
  });

  it('reads the client secret from stdin and never prints it', () => {
    env.db.close();
    const run = (args: string[], input?: string) =>
      spawnSync(process.execPath, ['bin/rowcol.js', '--data-dir', env.dir, ...args], {
        cwd: root,
        env: { ...process.env, ...testEnv },
        input,
        encoding: 'utf8',
      });
    const set = run(['settings', 'set', 'intuit.clientSecret', '-'], 'piped-secret\n');
    expect(set.stderr.replace(/^rowcol: No system keychain.*\n/m, '')).toBe('');
    expect(set.stdout).toBe('intuit.clientSecret is now set.\n');
    const shown = run(['settings', '--json']);
    expect(JSON.parse(shown.stdout).intuit.clientSecret).toBe('set');
    for (const r of [set, shown]) expect(r.stdout + r.stderr).not.toContain('piped-secret');
    expect(readFileSync(settingsFile(), 'utf8')).not.toContain('piped-secret');
  });
});
