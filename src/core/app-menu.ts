// The application menu's commands whose work lives in the window (the main process only announces them
// with the `app:menu` event); "Open logs folder" is done by main itself and never reaches the page.
export const menuActions = ['connect', 'sync-now', 'export-digests', 'settings', 'help'] as const;
export type MenuAction = (typeof menuActions)[number];
