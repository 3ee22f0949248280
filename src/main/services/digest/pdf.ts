// HTML → PDF through Chromium (the desktop app's own Chromium; in the CLI, a Chromium found on the
// machine). One browser for a whole batch; one page per digest.
import { existsSync } from 'node:fs';
import type { Paper } from '../../../core/digest/model.ts';
import { CodedError } from '../../../core/result.ts';

const candidates = [
  '/usr/bin/chromium',
  '/usr/lib/chromium/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

/** The Chromium to print with: ROWCOL_CHROMIUM if set, else the first known install found; undefined if none. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const configured = env.ROWCOL_CHROMIUM?.trim();
  if (configured) return existsSync(configured) ? configured : undefined;
  return candidates.find((p) => existsSync(p));
}

/**
 * Flags for a headless Chromium on a locked-down machine: no sandbox (root in CI containers), no GPU, and
 * none of the background calls home (updates, sync, field trials). The UI tests launch it the same way.
 */
export const headlessChromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Chromium's name for each paper size; the page's own `@page` size says the same (digest/html.ts). */
const pdfFormat: Record<Paper, 'Letter' | 'A4'> = { letter: 'Letter', a4: 'A4' };

export type PdfPrinter = {
  print: (html: string, paper: Paper) => Promise<Buffer>;
  close: () => Promise<void>;
};

export async function openPdfPrinter(executablePath: string): Promise<PdfPrinter> {
  const { chromium } = await import('playwright-core');
  let browser;
  try {
    browser = await chromium.launch({
      executablePath,
      headless: true,
      args: headlessChromiumArgs,
    });
  } catch (error) {
    throw new CodedError(
      'UNAVAILABLE',
      `Chromium at ${executablePath} did not start: ${(error as Error).message.split('\n')[0]}`,
    );
  }
  // No network for the page: the digest is self-contained, and a stray URL must not be fetched.
  const context = await browser.newContext({ offline: true, javaScriptEnabled: false });
  return {
    print: async (html, paper) => {
      const page = await context.newPage();
      try {
        await page.setContent(html, { waitUntil: 'load' });
        return await page.pdf({
          format: pdfFormat[paper],
          printBackground: true,
          margin: { top: '14mm', bottom: '14mm', left: '12mm', right: '12mm' },
        });
      } finally {
        await page.close();
      }
    },
    close: () => browser.close(),
  };
}
