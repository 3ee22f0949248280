// The CSP header (src/main/security/csp.ts) in a real Chromium, here, where Electron cannot run (the
// Electron specs beside it check the same header on rowcol://app/ wherever Electron is present): what the renderer needs works (its own
// module scripts, inline styles, data: images, the digest's sandboxed frame) and what an attacker would
// use does not (inline script, another origin's fetch, another site framing the app). Also the built
// renderer boots under it without one violation, served by the same resolver as rowcol://app/.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveAppAsset } from '../../src/main/security/app-protocol.ts';
import { appSecurityHeaders } from '../../src/main/security/csp.ts';
import { headlessChromiumArgs } from '../../src/main/services/digest/pdf.ts';
import { existsSync } from 'node:fs';

const chromiumPath = [
  process.env.ROWCOL_CHROMIUM,
  '/usr/lib/chromium/chromium',
  '/usr/bin/chromium',
]
  .filter(Boolean)
  .find((p) => existsSync(p!));
if (!chromiumPath)
  console.warn(
    '[csp] skipped: no Chromium found (apt-get install -y chromium, or set ROWCOL_CHROMIUM)',
  );

const rendererDir = fileURLToPath(new URL('../../out/renderer/', import.meta.url));
const rendererBuilt = existsSync(join(rendererDir, 'index.html'));
if (chromiumPath && !rendererBuilt)
  console.warn(
    '[csp] the built renderer case is skipped: out/renderer is not built (npx electron-vite build)',
  );

const page = `<!doctype html><html><head><meta charset="utf-8"><title>csp</title></head><body>
<div id="styled" style="color: rgb(1, 2, 3)">styled</div>
<img id="dot" src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=">
<iframe id="digest" sandbox="" srcdoc="<style>p{color:rgb(4,5,6)}</style><p id='p'>digest</p>"></iframe>
<script>window.inlineRan = true;</script>
<script type="module" src="/own.js"></script>
</body></html>`;

function listen(
  handler: Parameters<typeof createServer>[1],
): Promise<{ server: Server; origin: string }> {
  const server = createServer(handler);
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
    ),
  );
}

describe.skipIf(!chromiumPath)('the Content Security Policy in Chromium', () => {
  let browser: Browser;
  let app: { server: Server; origin: string };
  let other: { server: Server; origin: string };
  beforeAll(async () => {
    app = await listen((req, res) => {
      if (req.url === '/own.js')
        return res
          .writeHead(200, { ...appSecurityHeaders, 'Content-Type': 'text/javascript' })
          .end('document.body.dataset.ran = "yes";');
      if (req.url === '/')
        return res.writeHead(200, { ...appSecurityHeaders, 'Content-Type': 'text/html' }).end(page);
      // The built renderer, through the very resolver rowcol://app/ uses.
      const asset = resolveAppAsset(
        `rowcol://app${req.url ?? '/'}`.replace('/renderer', ''),
        rendererDir,
      );
      if (!req.url?.startsWith('/renderer') || asset.status !== 200)
        return res.writeHead(404, asset.headers).end();
      res.writeHead(200, asset.headers).end(readFileSync(asset.file));
    });
    other = await listen((_req, res) =>
      res
        .writeHead(200, { 'Content-Type': 'text/html', 'Access-Control-Allow-Origin': '*' })
        .end(`<!doctype html><iframe id="framed" src="${app.origin}/"></iframe>`),
    );
    browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      args: headlessChromiumArgs,
    });
  });
  afterAll(async () => {
    await browser?.close();
    app?.server.close();
    other?.server.close();
  });

  it('lets the app run its own code and styles, and blocks inline script and other origins', async () => {
    const p = await browser.newPage();
    const violations: string[] = [];
    await p.exposeFunction('__violation', (d: string) => void violations.push(d));
    await p.addInitScript(() =>
      document.addEventListener('securitypolicyviolation', (e) =>
        (window as unknown as { __violation: (d: string) => void }).__violation(
          e.effectiveDirective,
        ),
      ),
    );
    await p.goto(`${app.origin}/`);
    await expect.poll(() => p.evaluate(() => document.body.dataset.ran)).toBe('yes');
    expect(
      await p.evaluate(() => (window as unknown as { inlineRan?: boolean }).inlineRan),
    ).toBeUndefined();
    expect(await p.evaluate(() => getComputedStyle(document.getElementById('styled')!).color)).toBe(
      'rgb(1, 2, 3)',
    );
    await expect
      .poll(() =>
        p.evaluate(() => (document.getElementById('dot') as HTMLImageElement).naturalWidth),
      )
      .toBe(1);
    const fetched = await p.evaluate(async (url) => {
      try {
        await fetch(url);
        return 'fetched';
      } catch {
        return 'blocked';
      }
    }, `${other.origin}/`);
    expect(fetched).toBe('blocked');
    // (the other server allows CORS: only the CSP stops that fetch)
    await expect
      .poll(() => violations)
      .toEqual(expect.arrayContaining(['script-src-elem', 'connect-src']));
    // The digest's sandboxed frame shows its own styled page.
    const digest = p.frames().find((f) => f.url() === 'about:srcdoc');
    expect(digest).toBeDefined();
    await expect
      .poll(() => digest!.locator('#p').evaluate((e) => getComputedStyle(e).color))
      .toBe('rgb(4, 5, 6)');
    await p.close();
  });

  it('cannot be framed by another site', async () => {
    const p = await browser.newPage();
    await p.goto(`${other.origin}/`);
    await p.waitForLoadState('load');
    const framed = p.frames().find((f) => f !== p.mainFrame());
    expect(framed).toBeDefined();
    const ran = await framed!.evaluate(() => document.body?.dataset.ran).catch(() => undefined);
    expect(ran).toBeUndefined();
    await p.close();
  });

  it.skipIf(!rendererBuilt)(
    'the built renderer starts under it without a single violation',
    async () => {
      const p = await browser.newPage();
      const violations: string[] = [];
      await p.exposeFunction('__violation', (d: string) => void violations.push(d));
      await p.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) =>
          (window as unknown as { __violation: (d: string) => void }).__violation(
            `${e.effectiveDirective} ${e.blockedURI}`,
          ),
        );
        // The page asks main for its data; an empty answer is enough to boot.
        (window as unknown as { rowcol: unknown }).rowcol = {
          invoke: async () => ({ ok: true, value: [] }),
          on: () => () => undefined,
        };
      });
      await p.goto(`${app.origin}/renderer/index.html`);
      await expect
        .poll(() => p.evaluate(() => document.getElementById('root')?.childElementCount ?? 0))
        .toBeGreaterThan(0);
      expect(violations).toEqual([]);
      await p.close();
    },
  );
});
