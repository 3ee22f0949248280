// Electron's own behaviour (the real window, preload and IPC). Runs wherever an Electron binary exists;
// on machines that cannot download one it says so and is skipped.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM helper shared with the start script
import { presentElectronBinary } from '../../scripts/electron-binary.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const binary = (presentElectronBinary as (root: string) => string | undefined)(root);
if (!binary)
  console.warn(
    '[electron] Electron specs skipped: no Electron binary on this machine (it cannot be downloaded here); they run wherever `npm start` can fetch it.',
  );

describe.skipIf(!binary)('the desktop app in Electron', () => {
  it('opens a sandboxed window whose page reaches main only through window.rowcol', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'rowcol-electron-'));
    const app = await electron.launch({
      executablePath: binary,
      args: [root],
      env: { ...process.env, ROWCOL_DATA_DIR: dataDir },
    });
    try {
      const page = await app.firstWindow();
      await expect
        .poll(() => page.getByRole('heading', { name: 'No clients yet' }).isVisible())
        .toBe(true);
      expect(
        await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require),
      ).toBe('undefined');
      expect(
        await page.evaluate(() =>
          Object.keys((window as unknown as { rowcol: object }).rowcol).sort(),
        ),
      ).toEqual(['invoke', 'on']);
      const refused = await page.evaluate(() =>
        (
          window as unknown as { rowcol: { invoke: (c: string, a: unknown) => Promise<unknown> } }
        ).rowcol.invoke('fs:read', {}),
      );
      expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
