// A newcomer without Intuit keys: from an empty data folder, "Try the demo books" starts the built-in
// emulator, connects its companies through the real OAuth flow, syncs them, and the client list fills.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { openDatabase } from '../../src/main/db/open.ts';
import { countMirror } from '../../src/main/db/repositories/mirror.ts';
import { listClients } from '../../src/main/db/repositories/clients.ts';
import { createHandlers } from '../../src/main/handlers/index.ts';
import { fileKeyTokenVault } from '../../src/main/oauth/token-vault.ts';
import { resolveEndpoints } from '../../src/main/qbo/endpoints.ts';
import { DemoSession } from '../../src/main/sync/demo-session.ts';
import { SyncEngine } from '../../src/main/sync/engine.ts';
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
    const db = openDatabase(join(dataDir, 'rowcol.db'));
    const vault = fileKeyTokenVault(db, 'local', dataDir, {});
    const demo = new DemoSession(db, 'local', vault, dataDir);
    const real = resolveEndpoints({}, {});
    const engine = new SyncEngine({ db, advisorId: 'local', vault, endpoints: (apiBaseUrl) => demo.endpointsFor(apiBaseUrl) ?? { ...real, apiBaseUrl } });
    const handlers = createHandlers({ db, advisorId: 'local', dataDir, appVersion: 'test', now: () => new Date(), sync: { engine, vault, endpoints: real }, demo });
    try {
      const { page } = await openApp(browser, handlers);
      await page.getByRole('button', { name: 'Try the demo books' }).click();
      await expect.poll(() => page.locator('.notice').first().innerText(), { timeout: 30_000 }).toMatch(/Sync finished: [\d,]+ records in/);
      const rows = page.getByRole('table', { name: 'Clients' }).locator('tbody tr');
      await expect.poll(() => rows.count()).toBe(3);
      expect((await rows.allInnerTexts()).join('\n')).toMatch(/\$[\d,]+\.\d\d/);
      const clients = listClients(db, 'local');
      expect(clients).toHaveLength(3);
      for (const c of clients) expect(countMirror(db, { advisorId: 'local', businessId: c.businessId }, 'Bill')).toBeGreaterThan(0);
      await page.context().close();
    } finally {
      await engine.close();
      await demo.close();
      db.close();
    }
  });
});
