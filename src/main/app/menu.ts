// Turns menu-template.ts into Electron's application menu. Items whose work lives in the window send it
// `app:menu`; "Open logs folder" opens the folder in the file manager.
import { Menu, shell, type MenuItemConstructorOptions } from 'electron';
import type { MenuAction } from '../../core/app-menu.ts';
import { menuTemplate, type MenuEntry } from './menu-template.ts';

export type MenuHandlers = {
  /** Sends the action to the window (and brings it to the front). */
  send(action: MenuAction): void;
  logsFolder: string;
};

function item(entry: MenuEntry, h: MenuHandlers): MenuItemConstructorOptions {
  switch (entry.kind) {
    case 'separator':
      return { type: 'separator' };
    case 'role':
      return { role: entry.role };
    case 'open-logs':
      return {
        id: 'open-logs',
        label: entry.label,
        click: () =>
          void shell.openPath(h.logsFolder).then((problem) => {
            if (problem) console.error(`[rowcol] the logs folder could not be opened: ${problem}`);
          }),
      };
    case 'action':
      return {
        // The action names the item, so the Electron specs can find and click it.
        id: entry.action,
        label: entry.label,
        ...(entry.accelerator ? { accelerator: entry.accelerator } : {}),
        click: () => h.send(entry.action),
      };
  }
}

export function installMenu(o: { appName: string; dev: boolean }, h: MenuHandlers): void {
  const template = menuTemplate({ platform: process.platform, appName: o.appName, dev: o.dev }).map(
    (section): MenuItemConstructorOptions => ({
      label: section.label,
      submenu: section.entries.map((e) => item(e, h)),
    }),
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
