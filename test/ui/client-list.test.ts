import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { openDatabase } from '../../src/main/db/open.ts';
import { saveClient, setConnectionState } from '../../src/main/db/repositories/clients.ts';
import { openRuntime } from '../../src/main/runtime/runtime.ts';
import { tempDir } from '../support/temp.ts';
import { launchChromium, openApp, whyUiTestsCannotRun } from './harness.ts';

const skipReason = whyUiTestsCannotRun();
if (skipReason) console.warn(`[ui] UI tests skipped: ${skipReason}`);

describe.skipIf(Boolean(skipReason))('client list in the renderer', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  function handlersWith(setup: (db: ReturnType<typeof openDatabase>) => void) {
    const dataDir = tempDir();
    const db = openDatabase(join(dataDir, 'rowcol.db'));
    setup(db);
    return openRuntime({ db, dataDir, env: {} });
  }

  it('explains what to do when there are no clients', async () => {
    const { page } = await openApp(
      browser,
      handlersWith(() => {}),
    );
    await expect
      .poll(() => page.getByRole('heading', { name: 'No clients yet' }).isVisible())
      .toBe(true);
    await page.context().close();
  });

  it('shows every connected client with its connection state', async () => {
    const now = '2026-11-26T10:00:00Z';
    const handlers = handlersWith((db) => {
      saveClient(db, {
        advisorId: 'local',
        realmId: '1',
        environment: 'custom',
        displayName: 'Bluebird Bakery',
        now,
      });
      const id = saveClient(db, {
        advisorId: 'local',
        realmId: '2',
        environment: 'custom',
        displayName: 'Acme Plumbing',
        now,
      });
      setConnectionState(db, 'local', id, 'reconnect_needed');
    });
    const { page } = await openApp(browser, handlers);
    const rows = page.getByRole('table', { name: 'Clients' }).locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.nth(0).innerText()).toContain('Acme Plumbing');
    expect(await rows.nth(0).innerText()).toContain('Reconnect needed');
    expect(await rows.nth(1).innerText()).toContain('Bluebird Bakery');
    await page.screenshot({ path: join(tempDir(), 'clients.png') });
    await page.context().close();
  });
});
