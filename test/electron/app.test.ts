// Electron's own behaviour (the real window, preload, protocol, IPC and session), which Chromium alone
// cannot show. Runs wherever an Electron binary exists (after `npm run build`); on machines that cannot
// download one it says so and is skipped. The decisions behind it are unit-tested in Node
// (test/security, test/app); these specs prove Electron is wired to them.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../src/main/security/csp.ts';
// @ts-expect-error plain ESM helper shared with the start script
import { presentElectronBinary } from '../../scripts/electron-binary.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const binary = (presentElectronBinary as (root: string) => string | undefined)(root);
const built = existsSync(join(root, 'out', 'main', 'index.js'));
const skipped = !binary
  ? 'no Electron binary on this machine (it cannot be downloaded here); they run wherever `npm start` can fetch it'
  : !built
    ? 'the app is not built (npm run build)'
    : undefined;
if (skipped) console.warn(`[electron] Electron specs skipped: ${skipped}.`);

type Api = {
  rowcol: {
    invoke: (c: string, a: unknown) => Promise<unknown>;
    on: (e: string, l: (p: unknown) => void) => () => void;
  };
};

const running: { app: ElectronApplication; dataDir: string }[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) {
    await r.app.close().catch(() => undefined);
    rmSync(r.dataDir, { recursive: true, force: true });
  }
});

const envFor = (dataDir: string) => ({
  ...process.env,
  ROWCOL_DATA_DIR: dataDir,
  ROWCOL_KEYCHAIN: 'off',
  ROWCOL_UPDATES: 'off',
});

async function launch(dataDir = mkdtempSync(join(tmpdir(), 'rowcol-electron-'))): Promise<{
  app: ElectronApplication;
  page: Page;
  dataDir: string;
}> {
  const app = await electron.launch({ executablePath: binary, args: [root], env: envFor(dataDir) });
  running.push({ app, dataDir });
  const page = await app.firstWindow();
  await expect
    .poll(() => page.getByRole('heading', { name: 'No clients yet' }).isVisible())
    .toBe(true);
  return { app, page, dataDir };
}

describe.skipIf(Boolean(skipped))('the desktop app in Electron', () => {
  it('opens one sandboxed window on rowcol://app/ whose page reaches main only through window.rowcol', async () => {
    const { app, page } = await launch();
    expect(page.url()).toBe('rowcol://app/index.html');
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
    // The preferences themselves are pinned by test/app/web-preferences.test.ts; here, their effect.
    // Context isolation: the page holds only the bridge's proxies, never the preload's own functions.
    expect(await page.evaluate(() => (window as unknown as Api).rowcol.invoke.toString())).toMatch(
      /\[native code\]/,
    );
    // A <webview> is never attached.
    expect(
      await page.evaluate(() => {
        document.body.append(document.createElement('webview'));
        return typeof (document.querySelector('webview') as unknown as { getURL?: unknown }).getURL;
      }),
    ).toBe('undefined');
    expect(
      await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require),
    ).toBe('undefined');
    expect(
      await page.evaluate(() => typeof (window as unknown as { process?: unknown }).process),
    ).toBe('undefined');
    expect(
      await page.evaluate(() => Object.keys((window as unknown as Api).rowcol).sort()),
    ).toEqual(['invoke', 'on']);
    expect(
      await page.evaluate(() => (window as unknown as Api).rowcol.invoke('fs:read', {})),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });

  it('serves the page with the CSP header, and inline script does not run', async () => {
    const { page } = await launch();
    const header = await page.evaluate(async () =>
      (await fetch(location.href)).headers.get('content-security-policy'),
    );
    expect(header).toBe(contentSecurityPolicy);
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inline = true;';
      document.body.append(s);
    });
    expect(
      await page.evaluate(() => (window as unknown as { __inline?: boolean }).__inline),
    ).toBeUndefined();
  });

  it('refuses to navigate away from the app', async () => {
    const { app, page } = await launch();
    // Our handler runs first (registered at start); this one reports what it decided.
    const decided = app.evaluate(
      ({ BrowserWindow }) =>
        new Promise<{ url: string; prevented: boolean }>((resolve) =>
          BrowserWindow.getAllWindows()[0]!.webContents.once('will-navigate', (event) =>
            resolve({ url: event.url, prevented: event.defaultPrevented }),
          ),
        ),
    );
    await page.evaluate(() => {
      location.href = 'https://example.com/';
    });
    expect(await decided).toEqual({ url: 'https://example.com/', prevented: true });
    expect(await page.evaluate(() => location.href)).toBe('rowcol://app/index.html');
  });

  it("refuses new windows, opening only Intuit's links in the system browser", async () => {
    const { app, page } = await launch();
    await app.evaluate(({ shell }) => {
      const opened: string[] = [];
      (globalThis as unknown as { __opened: string[] }).__opened = opened;
      shell.openExternal = async (url: string) => void opened.push(url);
    });
    expect(await page.evaluate(() => window.open('https://evil.example/') === null)).toBe(true);
    expect(
      await page.evaluate(
        () => window.open('https://app.qbo.intuit.com/app/bill?txnId=1') === null,
      ),
    ).toBe(true);
    await expect
      .poll(() => app.evaluate(() => (globalThis as unknown as { __opened: string[] }).__opened))
      .toEqual(['https://app.qbo.intuit.com/app/bill?txnId=1']);
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  });

  it('gives a frame inside the page no way to reach main', async () => {
    const { page } = await launch();
    await page.evaluate(() => {
      const f = document.createElement('iframe');
      f.setAttribute('sandbox', 'allow-scripts');
      f.srcdoc = '<p id="inside">digest</p>';
      document.body.append(f);
    });
    await expect.poll(() => page.frames().some((f) => f.url() === 'about:srcdoc')).toBe(true);
    const frame = page.frames().find((f) => f.url() === 'about:srcdoc')!;
    expect(
      await frame.evaluate(() => typeof (window as unknown as { rowcol?: unknown }).rowcol),
    ).toBe('undefined');
    expect(
      await frame.evaluate(() => {
        try {
          return typeof (parent as unknown as { rowcol?: unknown }).rowcol;
        } catch {
          return 'blocked';
        }
      }),
    ).toBe('blocked');
  });

  it('denies every permission the page asks for', async () => {
    const { page } = await launch();
    expect(await page.evaluate(() => Notification.requestPermission())).toBe('denied');
    expect(
      await page.evaluate(
        () =>
          new Promise<number>((resolve) =>
            navigator.geolocation.getCurrentPosition(
              () => resolve(0),
              (e) => resolve(e.code),
            ),
          ),
      ),
    ).toBe(1); // PERMISSION_DENIED
    expect(
      await page.evaluate(
        async () => (await navigator.permissions.query({ name: 'geolocation' })).state,
      ),
    ).toBe('denied');
  });

  it('sends the menu commands to the window', async () => {
    const { app, page } = await launch();
    await page.evaluate(() => {
      (window as unknown as { __menu: unknown[] }).__menu = [];
      (window as unknown as Api).rowcol.on('app:menu', (p) =>
        (window as unknown as { __menu: unknown[] }).__menu.push(p),
      );
    });
    const ids = await app.evaluate(({ Menu }) => {
      const found: string[] = [];
      const walk = (items: Electron.MenuItem[]) =>
        items.forEach((i) => {
          if (i.id) found.push(i.id);
          if (i.submenu) walk(i.submenu.items);
        });
      walk(Menu.getApplicationMenu()!.items);
      return found;
    });
    expect(ids).toEqual(
      expect.arrayContaining([
        'connect',
        'sync-now',
        'export-digests',
        'settings',
        'open-logs',
        'help',
      ]),
    );
    await app.evaluate(({ Menu }) =>
      Menu.getApplicationMenu()!.getMenuItemById('settings')!.click(),
    );
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { __menu: unknown[] }).__menu))
      .toEqual([{ action: 'settings' }]);
  });

  it('brings the first window forward when RowCol is started again on the same data folder', async () => {
    const { app, dataDir } = await launch();
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.minimize());
    await expect
      .poll(() =>
        app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.isMinimized()),
      )
      .toBe(true);
    const second = spawn(binary!, [root], { env: envFor(dataDir), stdio: 'ignore' });
    const code = await new Promise<number | null>((resolve) => second.on('exit', resolve));
    expect(code).toBe(0);
    await expect
      .poll(() =>
        app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.isMinimized()),
      )
      .toBe(false);
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  });

  it('opens at the size it had when it was closed', async () => {
    const first = await launch();
    await first.app.evaluate(({ BrowserWindow }) =>
      BrowserWindow.getAllWindows()[0]!.setBounds({ width: 1000, height: 700 }),
    );
    await first.app.close();
    running.splice(
      running.findIndex((r) => r.app === first.app),
      1,
    );
    const saved = JSON.parse(readFileSync(join(first.dataDir, 'settings.json'), 'utf8')) as {
      window: { width: number; height: number };
    };
    expect(saved.window).toMatchObject({ width: 1000, height: 700, maximized: false });
    const again = await launch(first.dataDir);
    expect(
      await again.app.evaluate(({ BrowserWindow }) => {
        const b = BrowserWindow.getAllWindows()[0]!.getBounds();
        return { width: b.width, height: b.height };
      }),
    ).toEqual({ width: 1000, height: 700 });
  });
});
