// The application menu, as data: what it offers and where (macOS puts Settings and Quit in the app's
// own menu, Windows and Linux in File). Plain, so it is unit-tested in Node; menu.ts turns it into
// Electron's Menu. Items whose work lives in the window send `app:menu` with their action; "Open logs
// folder" is done by main itself.
import { type MenuAction } from '../../core/app-menu.ts';

/** Electron's built-in menu roles used here (they need no code of ours). */
export type MenuRole =
  | 'about'
  | 'hide'
  | 'hideOthers'
  | 'unhide'
  | 'quit'
  | 'undo'
  | 'redo'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'selectAll'
  | 'resetZoom'
  | 'zoomIn'
  | 'zoomOut'
  | 'togglefullscreen'
  | 'reload'
  | 'toggleDevTools'
  | 'minimize'
  | 'zoom'
  | 'close'
  | 'front';

export type MenuEntry =
  | { kind: 'action'; action: MenuAction; label: string; accelerator?: string }
  | { kind: 'open-logs'; label: string }
  | { kind: 'role'; role: MenuRole }
  | { kind: 'separator' };

export type MenuSection = { label: string; entries: MenuEntry[] };

const act = (action: MenuAction, label: string, accelerator?: string): MenuEntry => ({
  kind: 'action',
  action,
  label,
  ...(accelerator ? { accelerator } : {}),
});
const role = (r: MenuRole): MenuEntry => ({ kind: 'role', role: r });
const separator: MenuEntry = { kind: 'separator' };

export function menuTemplate(o: {
  platform: NodeJS.Platform;
  appName: string;
  /** Reload and the developer tools only while developing. */
  dev: boolean;
}): MenuSection[] {
  const mac = o.platform === 'darwin';
  const settings = act('settings', mac ? 'Settings…' : 'Settings', 'CmdOrCtrl+,');
  const sections: MenuSection[] = [];
  if (mac)
    sections.push({
      label: o.appName,
      entries: [
        role('about'),
        separator,
        settings,
        separator,
        role('hide'),
        role('hideOthers'),
        role('unhide'),
        separator,
        role('quit'),
      ],
    });
  sections.push({
    label: 'File',
    entries: [
      act('connect', 'Connect a client…', 'CmdOrCtrl+Shift+N'),
      act('sync-now', 'Sync now', 'CmdOrCtrl+Shift+S'),
      act('export-digests', 'Export digests…', 'CmdOrCtrl+E'),
      ...(mac ? [] : [separator, settings, separator, role('quit')]),
    ],
  });
  sections.push({
    label: 'Edit',
    entries: [
      role('undo'),
      role('redo'),
      separator,
      role('cut'),
      role('copy'),
      role('paste'),
      role('selectAll'),
    ],
  });
  sections.push({
    label: 'View',
    entries: [
      ...(o.dev ? [role('reload'), role('toggleDevTools'), separator] : []),
      role('resetZoom'),
      role('zoomIn'),
      role('zoomOut'),
      separator,
      role('togglefullscreen'),
    ],
  });
  sections.push({
    label: 'Window',
    entries: mac
      ? [role('minimize'), role('zoom'), separator, role('front')]
      : [role('minimize'), role('close')],
  });
  sections.push({
    label: 'Help',
    entries: [
      act('help', 'RowCol help', 'F1'),
      { kind: 'open-logs', label: 'Open logs folder' },
      ...(mac ? [] : [separator, role('about')]),
    ],
  });
  return sections;
}
