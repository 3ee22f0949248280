// Runs the built renderer (out/renderer) in Debian's Chromium with `window.rowcol` served by the runtime
// every entry point uses (its handler table through dispatch, its events forwarded to the page) in this
// Node process over a real SQLite file: what Electron's IPC drives, minus Electron itself (no Electron
// binary can be downloaded on the build machines: ARCHITECTURE.md "Tests").
import { existsSync, readFileSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { eventChannels, type EventChannel, type EventMap } from '../../src/core/contract.ts';
import type { Runtime } from '../../src/main/runtime/runtime.ts';
import { headlessChromiumArgs } from '../../src/main/services/digest/pdf.ts';

export const rendererDir = fileURLToPath(new URL('../../out/renderer/', import.meta.url));
const chromiumCandidates = [
  process.env.ROWCOL_CHROMIUM,
  '/usr/lib/chromium/chromium',
  '/usr/bin/chromium',
].filter(Boolean) as string[];

export const chromiumPath = chromiumCandidates.find((p) => existsSync(p));

/** Why UI tests cannot run here, or undefined when they can. */
export function whyUiTestsCannotRun(): string | undefined {
  if (!chromiumPath)
    return 'no Chromium found (apt-get install -y chromium, or set ROWCOL_CHROMIUM)';
  if (!existsSync(join(rendererDir, 'index.html')))
    return 'the renderer is not built (npm run build)';
  return undefined;
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: headlessChromiumArgs,
  });
}

const types: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

// What the preload exposes in Electron, rebuilt on top of the binding to the handler table.
const bridgeScript = `
  (() => {
    const listeners = new Map();
    window.__rowcolEmit = (name, payload) => (listeners.get(name) || new Set()).forEach((l) => l(payload));
    window.rowcol = Object.freeze({
      invoke: (channel, arg) => window.__rowcolInvoke(channel, arg),
      on: (name, listener) => {
        const set = listeners.get(name) || new Set();
        listeners.set(name, set);
        set.add(listener);
        return () => set.delete(listener);
      },
    });
  })();
`;

export type AppPage = {
  page: Page;
  emit: <E extends EventChannel>(event: E, payload: EventMap[E]) => Promise<void>;
};

/** Opens the app page with the bridge in place; the runtime's events reach it as main forwards them. */
export async function openApp(browser: Browser, runtime: Runtime): Promise<AppPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.route('http://app.local/**', async (route) => {
    const path = new URL(route.request().url()).pathname;
    const file = normalize(join(rendererDir, path === '/' ? 'index.html' : path));
    if (!file.startsWith(rendererDir) || !existsSync(file))
      return route.fulfill({ status: 404, body: 'not found' });
    return route.fulfill({
      status: 200,
      contentType: types[extname(file)] ?? 'application/octet-stream',
      body: readFileSync(file),
    });
  });
  await context.exposeBinding('__rowcolInvoke', (_source, channel: unknown, arg: unknown) =>
    runtime.dispatch(channel, arg),
  );
  // A string, not a function: transpilers may wrap functions with helpers that do not exist in the page.
  await context.addInitScript(bridgeScript);
  const page = await context.newPage();
  const emit = async <E extends EventChannel>(event: E, payload: EventMap[E]) => {
    if (!page.isClosed())
      await page
        .evaluate(`window.__rowcolEmit(${JSON.stringify(event)}, ${JSON.stringify(payload)})`)
        .catch(() => undefined);
  };
  const offs = eventChannels.map((event) =>
    runtime.on(event, (payload) => void emit(event, payload as never)),
  );
  page.on('close', () => offs.forEach((off) => off()));
  await page.goto('http://app.local/');
  return { page, emit };
}
