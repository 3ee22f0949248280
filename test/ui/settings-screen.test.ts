// The Settings screen in the browser version over a real runtime and data folder: each section saves on
// its own, a bad value is said next to its field and saves nothing, the client secret is never shown back,
// and the desktop menu's commands (app:menu) reach the screens they name.
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRuntime, type Runtime } from '../../src/main/runtime/runtime.ts';
import { tempDir } from '../support/temp.ts';
import { launchChromium, openApp, whyUiTestsCannotRun, type AppPage } from './harness.ts';

const skipReason = whyUiTestsCannotRun();
if (skipReason) console.warn(`[ui] settings screen tests skipped: ${skipReason}`);

async function axe(page: Page, state: string) {
  const result = await new AxeBuilder({ page }).analyze();
  const found = result.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  expect(found, state).toEqual([]);
}

describe.skipIf(Boolean(skipReason))('the Settings screen', () => {
  let browser: Browser;
  let runtime: Runtime;
  let dataDir: string;
  let app: AppPage;
  beforeAll(async () => {
    browser = await launchChromium();
    dataDir = tempDir();
    runtime = openRuntime({ dataDir, env: { ROWCOL_KEYCHAIN: 'off' } });
    app = await openApp(browser, runtime);
  });
  afterAll(async () => {
    await app?.page.context().close();
    await runtime?.close();
    await browser?.close();
  });

  it('saves the sync interval, the paper and the date format; a bad interval is said and not saved', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Settings' }).click();
    const form = page.locator('form', {
      has: page.getByRole('heading', { name: 'Sync, paper and dates' }),
    });
    await form.getByLabel('Sync every (minutes)').fill('3');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => form.locator('.field-problem').innerText())
      .toBe('Enter whole minutes from 5 to 1440.');
    expect((await runtime.call('settings:get', {})).syncIntervalMinutes).toBe(15);
    await form.getByLabel('Sync every (minutes)').fill('30');
    await form.getByLabel('Digest paper').selectOption('a4');
    await form.getByLabel('Date format').selectOption('YYYY-MM-DD');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => page.getByRole('status').first().innerText())
      .toBe('Saved: sync, paper and dates.');
    const saved = await runtime.call('settings:get', {});
    expect(saved).toMatchObject({
      syncIntervalMinutes: 30,
      paperSizeChosen: 'a4',
      dateFormat: 'YYYY-MM-DD',
    });
    await axe(page, 'settings after a save');
  });

  it('keeps the client secret sealed: set, never shown back, never in the file as typed', async () => {
    const { page } = app;
    const secret = 'very-secret-value-123';
    const keys = page.locator('form', {
      has: page.getByRole('heading', { name: 'Intuit app keys' }),
    });
    await keys.getByLabel('Client ID').fill('ABcd1234');
    await keys.getByLabel(/Client secret/).fill(secret);
    await keys.getByRole('button', { name: 'Save app keys' }).click();
    await expect.poll(() => keys.getByLabel(/Client secret/).inputValue()).toBe('');
    expect(await keys.innerText()).toContain('Client secret (set)');
    expect(await page.content()).not.toContain(secret);
    const view = await runtime.call('settings:get', {});
    expect(view.intuit).toMatchObject({ clientId: 'ABcd1234', clientSecret: 'set' });
    expect(readFileSync(join(dataDir, 'settings.json'), 'utf8')).not.toContain(secret);
  });

  it('changes a tray threshold in the advisor’s units (hours for out-of-date books)', async () => {
    const { page } = app;
    const form = page.locator('form', {
      has: page.getByRole('heading', { name: 'Tray thresholds' }),
    });
    await form.getByLabel(/Books count as out of date after/).fill('12');
    await form.getByLabel(/An invoice not sent is flagged after/).fill('zero');
    await form.getByRole('button', { name: 'Save thresholds' }).click();
    await expect.poll(() => form.locator('.field-problem').count()).toBe(1);
    expect((await runtime.call('settings:get', {})).trayThresholds.syncStaleMinSeconds).toBe(
      6 * 3600,
    );
    await form.getByLabel(/An invoice not sent is flagged after/).fill('5');
    await form.getByRole('button', { name: 'Save thresholds' }).click();
    await expect
      .poll(async () => (await runtime.call('settings:get', {})).trayThresholds)
      .toMatchObject({ syncStaleMinSeconds: 12 * 3600, invoiceUnsentAfterDays: 5 });
  });

  it('follows the desktop menu: Help and Settings open their screens', async () => {
    const { page, emit } = app;
    await page.getByRole('button', { name: 'Clients' }).click();
    await emit('app:menu', { action: 'help' });
    await expect.poll(() => page.getByRole('heading', { name: 'Help' }).isVisible()).toBe(true);
    await axe(page, 'help');
    await emit('app:menu', { action: 'settings' });
    await expect.poll(() => page.getByRole('heading', { name: 'Settings' }).isVisible()).toBe(true);
    await page.screenshot({ path: '.tmp/look/settings-1280x800.png', fullPage: true });
  });
});
