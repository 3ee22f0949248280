// Firm mode in the window (issue 15 §5), in the browser version over a real hub (PGlite, its companies
// synced from the emulator by the hub's own worker) and its HTTP API on loopback: the advisor signs in
// under Settings with the admin's one-time code, Sync now pulls the firm's clients from the hub, and the
// client list shows their books. The desktop never calls QuickBooks for them.
import AxeBuilder from '@axe-core/playwright';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRuntime, type Runtime } from '../../src/main/runtime/runtime.ts';
import { startFirm, type Firm } from '../firm/support/firm-harness.ts';
import { hubTestDrivers } from '../support/postgres.ts';
import { tempDir } from '../support/temp.ts';
import { launchChromium, openApp, whyUiTestsCannotRun } from './harness.ts';

const skipReason = whyUiTestsCannotRun();
if (skipReason) console.warn(`[ui] firm screen tests skipped: ${skipReason}`);
const embedded = hubTestDrivers().find((d) => d.name === 'pglite')!;
const lookDir = '.tmp/look';

async function noAxeViolations(page: Page, where: string) {
  const result = await new AxeBuilder({ page }).analyze();
  const found = result.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  expect(found, where).toEqual([]);
}

describe.skipIf(Boolean(skipReason))('firm mode in the window', () => {
  let browser: Browser;
  let firm: Firm;
  let runtime: Runtime;
  beforeAll(async () => {
    browser = await launchChromium();
    mkdirSync(lookDir, { recursive: true });
    firm = await startFirm(embedded, 2);
    await firm.refresh();
    runtime = openRuntime({
      dataDir: tempDir(),
      env: { ROWCOL_TOKEN_KEY: randomBytes(32).toString('base64'), ROWCOL_KEYCHAIN: 'off' },
    });
  }, 240_000);
  afterAll(async () => {
    await runtime?.close();
    await firm?.close();
    await browser?.close();
  });

  it('signs in with the admin’s code, and Sync now brings the firm’s clients from the hub', async () => {
    const companies = firm.hub.companies;
    const code = await firm.advisor(
      'ann@firm.test',
      'advisor',
      companies.map((c) => c.companyId),
    );
    const { page } = await openApp(browser, runtime);
    await page.getByRole('button', { name: 'Settings' }).click();
    const form = page.getByRole('form', { name: 'Firm hub' });
    await form.getByLabel('Hub address').fill(firm.api.url);

    // A wrong code is said in one line, and nothing is linked.
    await form.getByLabel('Sign-in code').fill('not-the-code');
    await form.getByRole('button', { name: 'Sign in to the hub' }).click();
    await expect.poll(() => form.getByRole('alert').count()).toBe(1);
    expect((await runtime.call('firm:status', {})).linked).toBe(false);

    await form.getByLabel('Sign-in code').fill(code);
    await form.getByRole('button', { name: 'Sign in to the hub' }).click();
    const linked = page.getByRole('region', { name: 'Firm hub' });
    await expect.poll(() => linked.innerText()).toContain('Signed in to');
    expect(await linked.innerText()).toContain('ann@firm.test (advisor)');
    await noAxeViolations(page, 'settings, signed in to the hub');
    await page.screenshot({ path: `${lookDir}/firm-settings.png`, fullPage: true });

    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect
      .poll(() => page.locator('.notice').first().innerText(), { timeout: 60_000 })
      .toMatch(/^Firm hub: pushed 0 pieces of work; pulled \d+ records/);
    await page.getByRole('button', { name: 'Clients' }).click();
    const rows = page.locator('tr[data-client]');
    await expect.poll(() => rows.count()).toBe(companies.length);
    const text = await page.locator('tbody').innerText();
    for (const c of companies) expect(text).toContain(c.name);
    expect(text).not.toContain('not synced yet');
    await noAxeViolations(page, 'client list of a firm desktop');
    await page.screenshot({ path: `${lookDir}/firm-clients.png`, fullPage: true });
    await page.context().close();
  });
});
