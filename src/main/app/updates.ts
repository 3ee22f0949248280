// Updates through electron-updater, from the feed electron-builder.yml's `publish` writes into the
// package (app-update.yml). update-plan.ts decides whether to look at all: never while developing, in
// tests, when ROWCOL_UPDATES=off, or while the feed is the placeholder. electron-updater is loaded only
// when a check is due, so a development run never loads it.
import { app } from 'electron';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { updatePlan } from './update-plan.ts';

export async function checkForUpdates(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  let appUpdateYml: string | undefined;
  try {
    appUpdateYml = app.isPackaged
      ? readFileSync(join(process.resourcesPath, 'app-update.yml'), 'utf8')
      : undefined;
  } catch {
    appUpdateYml = undefined;
  }
  const plan = updatePlan({ isPackaged: app.isPackaged, env, appUpdateYml });
  if (!plan.check) {
    console.warn(`[rowcol] no update check: ${plan.reason}`);
    return;
  }
  try {
    const { default: updater } = await import('electron-updater');
    const { autoUpdater } = updater;
    autoUpdater.autoDownload = true;
    autoUpdater.autoInstallOnAppQuit = true;
    // Downloads in the background; the system notification says when a restart installs it.
    await autoUpdater.checkForUpdatesAndNotify();
  } catch (error) {
    console.error(
      `[rowcol] the update check failed: ${(error as Error)?.message ?? String(error)}`,
    );
  }
}
