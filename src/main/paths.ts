// Where RowCol keeps its data. The desktop app and the CLI must agree, so the app sets Electron's
// userData path to this same folder (src/main/app/index.ts).
import { homedir } from 'node:os';
import { join } from 'node:path';

export const appFolderName = 'RowCol';

/** Electron's per-user app-data folder for an app named RowCol, computed without Electron. */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (env.ROWCOL_DATA_DIR) return env.ROWCOL_DATA_DIR;
  if (platform === 'win32')
    return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), appFolderName);
  if (platform === 'darwin')
    return join(homedir(), 'Library', 'Application Support', appFolderName);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), appFolderName);
}
