// Electron entry: windows and process glue only. Everything it calls runs in plain Node as well
// (db, handlers, sync engine), so the CLI and tests use the very same code.
import { app, BrowserWindow, shell } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { EventChannel, EventMap, Handlers } from '../../core/contract.ts';
import { ok } from '../../core/result.ts';
import { advisorIdFrom } from '../advisor.ts';
import { openDataDir } from '../db/data-dir.ts';
import { nativeBindingPath } from '../db/open.ts';
import { createHandlers } from '../handlers/index.ts';
import { defaultDataDir } from '../paths.ts';
import { resolveEndpoints } from '../qbo/endpoints.ts';
import { DemoSession } from '../sync/demo-session.ts';
import { SyncEngine, toRunResult } from '../sync/engine.ts';
import { SyncScheduler } from '../sync/scheduler.ts';
import { appVersion } from '../version.ts';
import { publish, registerIpc } from './ipc.ts';
import type { TokenVault } from '../oauth/tokens.ts';
import { electronTokenVault, unavailableTokenVault } from './token-vault-electron.ts';

app.setName('RowCol');
// The CLI computes the same folder without Electron (src/main/paths.ts): both must agree.
const dataDir = defaultDataDir();
app.setPath('userData', dataDir);

/** Background sync every quarter of an hour; the advisor can also sync now from the window. */
const backgroundSyncMs = 15 * 60_000;

const rendererUrl = process.env.ELECTRON_RENDERER_URL;
const rendererFile = join(__dirname, '../renderer/index.html');
const trustedOrigin = rendererUrl ? new URL(rendererUrl).origin : undefined;
const isTrustedUrl = (url: string): boolean =>
  trustedOrigin ? url.startsWith(trustedOrigin) : url === pathToFileURL(rendererFile).href || url.startsWith(`${pathToFileURL(rendererFile).href}#`);

let mainWindow: BrowserWindow | undefined;

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1320,
    height: 860,
    title: 'RowCol',
    show: false,
    webPreferences: {
      preload: join(__dirname, '../preload/index.cjs'),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  win.once('ready-to-show', () => win.show());
  // No navigation away from the app; links open in the system browser (https only).
  win.webContents.on('will-navigate', (event, url) => {
    if (!isTrustedUrl(url)) event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  if (rendererUrl) void win.loadURL(rendererUrl);
  else void win.loadFile(rendererFile);
  win.on('closed', () => (mainWindow = undefined));
  return win;
}

const emit = <E extends EventChannel>(event: E, payload: EventMap[E]): void => {
  if (mainWindow) publish(mainWindow.webContents, event, payload);
};

app.whenReady().then(() => {
  const db = openDataDir(dataDir, { nativeBinding: nativeBindingPath(app.getAppPath()) });
  const advisorId = advisorIdFrom();
  // Without a usable keychain the window still opens: the mirror is readable offline, syncing is off.
  let vaultProblem: string | undefined;
  let vault: TokenVault;
  try {
    vault = electronTokenVault(db, advisorId);
  } catch (error) {
    vaultProblem = (error as Error).message;
    vault = unavailableTokenVault(vaultProblem);
    console.error(`[rowcol] ${vaultProblem}`);
  }
  const endpoints = resolveEndpoints({});
  const demo = new DemoSession(db, advisorId, vault, dataDir);
  const engine = new SyncEngine({
    db,
    advisorId,
    vault,
    // A client connected to the demo books is reached there; every other one at QuickBooks.
    endpoints: (apiBaseUrl) => demo.endpointsFor(apiBaseUrl) ?? { ...endpoints, apiBaseUrl },
    onProgress: (p) => emit('sync:progress', p),
    onConnectionChanged: (businessId, connectionState) => emit('connection:changed', { businessId, connectionState }),
  });
  const scheduler = new SyncScheduler(engine, backgroundSyncMs);
  const base = createHandlers({ db, advisorId, dataDir, appVersion, now: () => new Date(), emit, sync: { engine, vault, endpoints }, demo });
  const handlers: Handlers = {
    ...base,
    // The consent page opens in the system browser (Intuit's guidance for desktop apps); the loopback
    // listener started by the handler receives the redirect.
    'clients:connect': async (arg) => {
      const result = await base['clients:connect'](arg);
      if (result.ok) await shell.openExternal(result.value.authorizeUrl);
      return result;
    },
    // "Sync all now" joins the background run in progress instead of starting a second one.
    'sync:run': async (arg) => (arg.businessId ? base['sync:run'](arg) : ok((await scheduler.runNow({ strict: arg.strict })).map(toRunResult))),
  };
  registerIpc(handlers, isTrustedUrl);
  mainWindow = createWindow();
  // Demo clients need their books running again before the first background sync reaches them.
  void demo
    .resume()
    .catch((error: unknown) => console.error('[rowcol] the demo books could not be restarted:', (error as Error).message))
    .finally(() => {
      if (!vaultProblem) scheduler.start();
    });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow();
  });
  let quitting = false;
  app.on('before-quit', (event) => {
    if (quitting) return;
    event.preventDefault();
    quitting = true;
    // Let a running page commit or roll back before the database closes.
    void scheduler
      .stop()
      .then(() => engine.close())
      .then(() => demo.close())
      .finally(() => {
        db.close();
        app.quit();
      });
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
