// Runs the built renderer (out/renderer) in Debian's Chromium exactly as a person runs the browser version
// (`rowcol app`): the real app server (src/main/web) over the test's runtime and its real SQLite file,
// on loopback, entered through the one-time link; the page finds no window.rowcol and uses its browser
// bridge (fetch and Server-Sent Events). What is tested is what a user runs; test/electron runs the same
// screens in Electron where a binary exists (ARCHITECTURE.md "Tests").
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { EventChannel, EventMap } from '../../src/core/contract.ts';
import type { Runtime } from '../../src/main/runtime/runtime.ts';
import { headlessChromiumArgs } from '../../src/main/services/digest/pdf.ts';
import { startWebServer } from '../../src/main/web/server.ts';

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

export type AppPage = {
  page: Page;
  /** Sends an event to the page over the server's event stream, as the runtime's own events go. */
  emit: <E extends EventChannel>(event: E, payload: EventMap[E]) => Promise<void>;
};

/**
 * Serves the app over this runtime (its gate and its events, as `rowcol app` wires them) and opens it
 * in a fresh browser context through the one-time link. The server stops when the context closes.
 */
export async function openApp(browser: Browser, runtime: Runtime): Promise<AppPage> {
  const server = await startWebServer({ gate: runtime, rendererDir });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  context.on('close', () => void server.close());
  const page = await context.newPage();
  await page.goto(server.url);
  // The link redeemed: the cookie set, the token gone from the address.
  if (page.url() !== `${server.origin}/`)
    throw new Error(`the app did not open from its one-time link (at ${page.url()})`);
  const emit = async <E extends EventChannel>(event: E, payload: EventMap[E]) =>
    server.publish(event, payload);
  return { page, emit };
}
