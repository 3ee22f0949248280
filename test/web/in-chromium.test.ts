// The browser version's defences as a real browser meets them (Debian's Chromium): the session cookie is
// out of the page's reach, the link opens one browser only, and a page of another origin on the same
// machine (a sibling port, which shares the cookie jar) can neither call the API nor frame the app.
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { openRuntime, type Runtime } from '../../src/main/runtime/runtime.ts';
import { headlessChromiumArgs } from '../../src/main/services/digest/pdf.ts';
import { startWebServer, type WebServer } from '../../src/main/web/server.ts';
import { tempDir } from '../support/temp.ts';
import { rendererFixture } from './support.ts';

const chromiumPath = [
  process.env.ROWCOL_CHROMIUM,
  '/usr/lib/chromium/chromium',
  '/usr/bin/chromium',
]
  .filter(Boolean)
  .find((p) => existsSync(p!));
if (!chromiumPath)
  console.warn(
    '[web] browser checks skipped: no Chromium found (apt-get install -y chromium, or set ROWCOL_CHROMIUM)',
  );

/** A page of another origin on this machine, which tries to reach the app. */
function hostilePage(html: string): Promise<Server> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(html);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe.skipIf(!chromiumPath)('the browser version in Chromium', () => {
  let browser: Browser;
  let runtime: Runtime;
  let app: WebServer;
  /** Every call that reached the gate, to prove a refused one never ran. */
  const calls: unknown[] = [];
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      args: headlessChromiumArgs,
    });
    runtime = openRuntime({ dataDir: tempDir(), env: {} });
    app = await startWebServer({
      gate: {
        on: runtime.on,
        dispatch: (channel, arg) => {
          calls.push(channel);
          return runtime.dispatch(channel, arg);
        },
      },
      rendererDir: rendererFixture(),
    });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await runtime?.close();
  });

  it('opens from the link once, keeps the cookie from the page’s scripts, and refuses other pages', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(app.url);
    expect(page.url()).toBe(`${app.origin}/`);
    // HttpOnly: the page's scripts (or an injected one) cannot read or send the session elsewhere.
    expect(await page.evaluate('document.cookie')).toBe('');
    const [cookie] = await context.cookies();
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', domain: '127.0.0.1' });
    expect(
      await page.evaluate(
        `fetch('/api/invoke', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ channel: 'app:get-info', arg: {} }) }).then((r) => r.json())`,
      ),
    ).toMatchObject({ ok: true, value: { dataDir: runtime.dataDir } });
    expect(calls).toEqual(['app:get-info']);

    // Another browser (or someone who read the link later) is refused.
    const other = await (await browser.newContext()).newPage();
    const refused = await other.goto(app.url);
    expect(refused?.status()).toBe(401);
    expect(await other.locator('body').innerText()).toContain('already used');
    await other.context().close();

    // A page on a sibling port: the browser sends the SameSite cookie along (same site), the server
    // refuses by Origin, in every form the call could take, and the app cannot be framed.
    const hostile = await hostilePage(
      `<!doctype html><iframe id="f" src="${app.origin}/"></iframe>`,
    );
    try {
      const at = `http://127.0.0.1:${(hostile.address() as AddressInfo).port}/`;
      const attacker = await context.newPage();
      await attacker.goto(at);
      const tries = await attacker.evaluate(`(async () => {
        const url = '${app.origin}/api/invoke';
        const body = JSON.stringify({ channel: 'tray:recheck', arg: {} });
        const out = [];
        for (const init of [
          { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'content-type': 'text/plain' }, body },
          { method: 'POST', mode: 'cors', credentials: 'include', headers: { 'content-type': 'application/json' }, body },
        ]) {
          try { const r = await fetch(url, init); out.push(r.type + ':' + r.status); }
          catch (e) { out.push('blocked'); }
        }
        return out;
      })()`);
      // Neither answer is readable by the attacker (blocked, or opaque under no-cors), and neither ran.
      expect(tries).toHaveLength(2);
      for (const t of tries as string[]) expect(t).toMatch(/^(blocked|opaque:0)$/);
      expect(calls).toEqual(['app:get-info']);
      // frame-ancestors 'none': the app's page never renders inside another page.
      const framed = attacker.frames().find((f) => f !== attacker.mainFrame());
      expect(framed).toBeDefined();
      expect(
        await framed!.evaluate('document.querySelector("#root")').catch(() => null),
      ).toBeNull();
    } finally {
      hostile.close();
      await context.close();
    }
  });
});
