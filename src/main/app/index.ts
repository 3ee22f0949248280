// Electron entry: windows and process glue only. Everything it calls runs in plain Node as well
// (db, handlers, sync), so the CLI and tests use the very same code.
import { app, BrowserWindow, shell } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { advisorIdFrom } from '../advisor.ts';
import { openDataDir } from '../db/data-dir.ts';
import { nativeBindingPath } from '../db/open.ts';
import { createHandlers } from '../handlers/index.ts';
import { defaultDataDir } from '../paths.ts';
import { appVersion } from '../version.ts';
import { registerIpc } from './ipc.ts';

app.setName('RowCol');
// The CLI computes the same folder without Electron (src/main/paths.ts): both must agree.
const dataDir = defaultDataDir();
app.setPath('userData', dataDir);

const rendererUrl = process.env.ELECTRON_RENDERER_URL;
const rendererFile = join(__dirname, '../renderer/index.html');
const trustedOrigin = rendererUrl ? new URL(rendererUrl).origin : undefined;
const isTrustedUrl = (url: string): boolean =>
  trustedOrigin ? url.startsWith(trustedOrigin) : url === pathToFileURL(rendererFile).href || url.startsWith(`${pathToFileURL(rendererFile).href}#`);

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
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
  return win;
}

app.whenReady().then(() => {
  const db = openDataDir(dataDir, { nativeBinding: nativeBindingPath(app.getAppPath()) });
  const handlers = createHandlers({ db, advisorId: advisorIdFrom(), dataDir, appVersion, now: () => new Date() });
  registerIpc(handlers, isTrustedUrl);
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
  app.on('will-quit', () => db.close());
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
