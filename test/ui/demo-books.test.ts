// A newcomer without Intuit keys: from an empty data folder, "Try the demo books" starts the built-in
// emulator, connects its companies through the real OAuth flow, syncs them, and the client list fills.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { countMirror } from '../../src/main/db/repositories/mirror.ts';
import { listClients } from '../../src/main/db/repositories/clients.ts';
import { openRuntime } from '../../src/main/runtime/runtime.ts';
import { tempDir } from '../support/temp.ts';
import { launchChromium, openApp, whyUiTestsCannotRun } from './harness.ts';

const skipReason = whyUiTestsCannotRun();
if (skipReason) console.warn(`[ui] UI tests skipped: ${skipReason}`);

describe.skipIf(Boolean(skipReason))('the demo books from an empty app', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('connects and syncs every demo company, then lists them with their cash', async () => {
    const dataDir = tempDir();
    // The runtime as the app opens it: no app keys, the demo books built in.
    const runtime = openRuntime({ dataDir, env: {} });
    const db = runtime.db;
    try {
      const { page } = await openApp(browser, runtime);
      await page.getByRole('button', { name: 'Try the demo books' }).click();
      await expect
        .poll(() => page.locator('.notice').first().innerText(), { timeout: 30_000 })
        .toMatch(/Sync finished: [\d,]+ records in/);
      const rows = page.getByRole('table', { name: 'Clients' }).locator('tbody tr');
      await expect.poll(() => rows.count()).toBe(3);
      expect((await rows.allInnerTexts()).join('\n')).toMatch(/\$[\d,]+/);
      const clients = listClients(db, 'local');
      expect(clients).toHaveLength(3);
      for (const c of clients)
        expect(
          countMirror(db, { advisorId: 'local', businessId: c.businessId }, 'Bill'),
        ).toBeGreaterThan(0);
      await page.context().close();
    } finally {
      await runtime.close();
    }
  });
});
