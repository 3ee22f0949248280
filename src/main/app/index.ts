// Electron entry: windows and process glue only. Everything it calls runs in plain Node as well (db,
// handlers, sync engine, settings), so the CLI and tests use the very same code, and every decision made
// here (what may be served, opened, navigated to, where the window goes) is a plain function in
// src/main/security/ or beside this file, unit-tested (ARCHITECTURE.md "Electron security checklist").
import { app, BrowserWindow, dialog, session, shell } from 'electron';
import { join } from 'node:path';
import type { EventChannel, EventMap } from '../../core/contract.ts';
import { eventChannels } from '../../core/contract.ts';
import { CodedError } from '../../core/result.ts';
import { prepareDataDir } from '../db/data-dir.ts';
import { nativeBindingPath } from '../db/open.ts';
import { defaultDataDir } from '../paths.ts';
import { openRuntime, type Runtime } from '../runtime/runtime.ts';
import { appEntryUrl } from '../security/app-protocol.ts';
import { denyAllPermissions, hardenWebContents, openExternalIfAllowed } from './hardening.ts';
import { publish, registerIpc } from './ipc.ts';
import { captureConsole, logsFolder, openMainLog } from './main-log.ts';
import { installMenu } from './menu.ts';
import { unpackedRoot } from './packaged-paths.ts';
import { registerAppScheme, serveApp } from './protocol.ts';
import { safeStorageDecrypt } from './token-vault-electron.ts';
import { checkForUpdates } from './updates.ts';
import { bringToFront, createMainWindow, saveWindowState, windowStateSaved } from './window.ts';

app.setName('RowCol');
// The CLI computes the same folder without Electron (src/main/paths.ts): both must agree. userData is
// also what the single-instance lock is keyed on, so one window per data folder.
const dataDir = defaultDataDir();
try {
  prepareDataDir(dataDir);
} catch {
  // openRuntime says the same in one line, in a dialog, once the app is ready.
}
app.setPath('userData', dataDir);
const logs = logsFolder(dataDir);
app.setAppLogsPath(logs);
captureConsole(openMainLog(logs));

// Before the app is ready: the scheme the renderer is served from, and a sandbox for every renderer.
registerAppScheme();
app.enableSandbox();

// The dev server (electron-vite dev) only in a development build; a packaged app always loads its own files.
const devUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const devOrigin = devUrl ? new URL(devUrl).origin : undefined;
const rendererDir = join(__dirname, '../renderer');

/** An operator's own consent server (ROWCOL_QBO_AUTHORIZE_URL: a test server) may open besides Intuit's. */
function configuredConsentOrigins(): string[] {
  const configured = process.env.ROWCOL_QBO_AUTHORIZE_URL?.trim();
  if (!configured) return [];
  try {
    return [new URL(configured).origin];
  } catch {
    return [];
  }
}

let mainWindow: BrowserWindow | undefined;

if (!app.requestSingleInstanceLock()) {
  // Another RowCol already has this data folder open: it brings its window forward ('second-instance').
  app.quit();
} else {
  app.on('second-instance', () => bringToFront(mainWindow));
  start();
}

function start(): void {
  const extraExternalOrigins = configuredConsentOrigins();
  hardenWebContents({ devOrigin, extraExternalOrigins });

  const forward = <E extends EventChannel>(event: E, payload: EventMap[E]): void => {
    if (mainWindow) publish(mainWindow.webContents, event, payload);
  };

  app.whenReady().then(async () => {
    denyAllPermissions(session.defaultSession);
    serveApp(session.defaultSession, rendererDir);
    let runtime: Runtime;
    try {
      runtime = openRuntime({
        dataDir,
        nativeBinding: nativeBindingPath(unpackedRoot(app.getAppPath())),
        // Tokens sealed by earlier versions with safeStorage are read once and sealed again in the format
        // the CLI shares.
        legacyDecrypt: safeStorageDecrypt,
        // The consent page opens in the system browser (Intuit's guidance for desktop apps); the loopback
        // listener started by the handler receives the redirect. Only Intuit's page (hardening.ts).
        // The digest export's "choose a folder" and "Open folder" (the browser version has neither).
        chooseFolder: async () => {
          const r = await dialog.showOpenDialog({
            title: 'Where to write the digests',
            properties: ['openDirectory', 'createDirectory'],
          });
          return r.canceled ? null : (r.filePaths[0] ?? null);
        },
        openFolder: async (path) => (await shell.openPath(path)) || null,
        openExternal: async (url) => {
          if (!(await openExternalIfAllowed(url, extraExternalOrigins)))
            throw new CodedError(
              'UNAVAILABLE',
              "RowCol opens only Intuit's consent page in the browser, and this authorize URL is elsewhere.",
            );
        },
      });
    } catch (error) {
      // A damaged or newer database: one clear line, and the app ends instead of showing a broken window.
      dialog.showErrorBox('RowCol cannot open its data', (error as Error).message);
      app.exit(1);
      return;
    }
    for (const event of eventChannels)
      runtime.on(event, (payload) => forward(event, payload as never));
    registerIpc(runtime.dispatch, devOrigin);
    installMenu(
      { appName: app.name, dev: !app.isPackaged },
      {
        logsFolder: logs,
        send: (action) => {
          bringToFront(mainWindow);
          forward('app:menu', { action });
        },
      },
    );
    const open = () =>
      createMainWindow({
        preload: join(__dirname, '../preload/index.cjs'),
        icon: join(app.getAppPath(), 'resources', 'icon.png'),
        url: devUrl ?? appEntryUrl,
        settings: runtime.settings,
      });
    mainWindow = open();
    mainWindow.on('closed', () => (mainWindow = undefined));
    // Without a usable token vault the window still opens: the mirror is readable offline, syncing is off
    // and every sync or connect says why.
    runtime
      .startBackground()
      .catch((error: unknown) =>
        console.error(
          `[rowcol] background sync is off: ${(error as Error)?.message ?? String(error)}`,
        ),
      );
    void checkForUpdates();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) {
        mainWindow = open();
        mainWindow.on('closed', () => (mainWindow = undefined));
      }
    });
    let quitting = false;
    app.on('before-quit', (event) => {
      if (quitting) return;
      event.preventDefault();
      quitting = true;
      // The window's place is written first (asynchronously), then a running page commits or rolls
      // back before the database closes.
      const saved = mainWindow ? saveWindowState(mainWindow, runtime.settings) : windowStateSaved();
      void saved.then(() => runtime.close()).finally(() => app.quit());
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
