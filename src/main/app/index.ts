// Electron entry: windows and process glue only. Everything it calls runs in plain Node as well
// (db, handlers, sync engine), so the CLI and tests use the very same code.
import { app, BrowserWindow, dialog, shell } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { EventChannel, EventMap } from '../../core/contract.ts';
import { eventChannels } from '../../core/contract.ts';
import { nativeBindingPath } from '../db/open.ts';
import { defaultDataDir } from '../paths.ts';
import { openRuntime, type Runtime } from '../runtime/runtime.ts';
import { publish, registerIpc } from './ipc.ts';
import { safeStorageDecrypt } from './token-vault-electron.ts';

app.setName('RowCol');
// The CLI computes the same folder without Electron (src/main/paths.ts): both must agree.
const dataDir = defaultDataDir();
app.setPath('userData', dataDir);

const rendererUrl = process.env.ELECTRON_RENDERER_URL;
const rendererFile = join(__dirname, '../renderer/index.html');
const trustedOrigin = rendererUrl ? new URL(rendererUrl).origin : undefined;
const isTrustedUrl = (url: string): boolean =>
  trustedOrigin
    ? url.startsWith(trustedOrigin)
    : url === pathToFileURL(rendererFile).href ||
      url.startsWith(`${pathToFileURL(rendererFile).href}#`);

let mainWindow: BrowserWindow | undefined;

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1320,
    height: 860,
    title: 'RowCol',
    // The window and taskbar icon on Linux and Windows (macOS takes the bundle's icon.icns).
    icon: join(app.getAppPath(), 'resources', 'icon.png'),
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

const forward = <E extends EventChannel>(event: E, payload: EventMap[E]): void => {
  if (mainWindow) publish(mainWindow.webContents, event, payload);
};

app.whenReady().then(async () => {
  let runtime: Runtime;
  try {
    runtime = openRuntime({
      dataDir,
      nativeBinding: nativeBindingPath(app.getAppPath()),
      // Tokens sealed by earlier versions with safeStorage are read once and sealed again in the format
      // the CLI shares.
      legacyDecrypt: safeStorageDecrypt,
      // The consent page opens in the system browser (Intuit's guidance for desktop apps); the loopback
      // listener started by the handler receives the redirect.
      openExternal: (url) => shell.openExternal(url),
    });
  } catch (error) {
    // A damaged or newer database: one clear line, and the app ends instead of showing a broken window.
    dialog.showErrorBox('RowCol cannot open its data', (error as Error).message);
    app.exit(1);
    return;
  }
  for (const event of eventChannels)
    runtime.on(event, (payload) => forward(event, payload as never));
  registerIpc(runtime.dispatch, isTrustedUrl);
  mainWindow = createWindow();
  // Without a usable token vault the window still opens: the mirror is readable offline, syncing is off
  // and every sync or connect says why.
  runtime
    .startBackground()
    .catch((error: unknown) =>
      console.error(
        `[rowcol] background sync is off: ${(error as Error)?.message ?? String(error)}`,
      ),
    );
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow();
  });
  let quitting = false;
  app.on('before-quit', (event) => {
    if (quitting) return;
    event.preventDefault();
    quitting = true;
    // Let a running page commit or roll back before the database closes.
    void runtime.close().finally(() => app.quit());
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
