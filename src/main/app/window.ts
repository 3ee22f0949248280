// The one window: sandboxed, context-isolated, no Node in the page, at the size and place it had when it
// was last closed (window-state.ts decides, against the screens there are now).
import { BrowserWindow, screen } from 'electron';
import type { Settings } from '../settings/settings.ts';
import { mainWindowWebPreferences } from './web-preferences.ts';
import { minimumWindowSize, placeWindow } from './window-state.ts';

export type WindowOptions = {
  preload: string;
  icon: string;
  /** rowcol://app/index.html, or the dev server's URL. */
  url: string;
  settings: Settings;
};

export function createMainWindow(o: WindowOptions): BrowserWindow {
  const placement = placeWindow(
    o.settings.windowState(),
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const win = new BrowserWindow({
    width: placement.width,
    height: placement.height,
    ...(placement.x !== undefined && placement.y !== undefined
      ? { x: placement.x, y: placement.y }
      : { center: true }),
    minWidth: minimumWindowSize.width,
    minHeight: minimumWindowSize.height,
    title: 'RowCol',
    // The window and taskbar icon on Linux and Windows (macOS takes the bundle's icon.icns).
    icon: o.icon,
    show: false,
    webPreferences: mainWindowWebPreferences(o.preload),
  });
  win.once('ready-to-show', () => {
    if (placement.maximized) win.maximize();
    win.show();
  });
  // Saved when closed (and by index.ts before quitting, while the window still exists).
  win.on('close', () => void saveWindowState(win, o.settings));
  void win.loadURL(o.url);
  return win;
}

let lastSave: Promise<void> = Promise.resolve();

/** Keeps the size and place the window has when not maximized, and whether it is maximized. */
export function saveWindowState(win: BrowserWindow, settings: Settings): Promise<void> {
  if (win.isDestroyed()) return lastSave;
  const b = win.getNormalBounds();
  lastSave = settings
    .saveWindowState({ ...b, maximized: win.isMaximized() })
    .catch((error: unknown) =>
      console.error(`[rowcol] the window's place was not saved: ${(error as Error)?.message}`),
    );
  return lastSave;
}

/** The last save started (quitting waits for it: the write is asynchronous). */
export const windowStateSaved = (): Promise<void> => lastSave;

/** A second launch brings the first window back to the front (single-instance lock, index.ts). */
export function bringToFront(win: BrowserWindow | undefined): void {
  if (!win || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  if (!win.isVisible()) win.show();
  win.focus();
}
