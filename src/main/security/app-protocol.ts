// The desktop app serves its renderer from rowcol://app/ (registered as a standard, secure scheme in
// src/main/app/protocol.ts) instead of file://: the page gets a real origin of its own, so 'self' in the
// CSP means the app and nothing else on disk, and every response carries the CSP header (csp.ts). These
// are the decisions, as plain functions; the Electron file only wires them.
import { realpathSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { appSecurityHeaders } from './csp.ts';

export const appScheme = 'rowcol';
export const appHost = 'app';
export const appEntryUrl = `${appScheme}://${appHost}/index.html`;

/** Is `url` a page of the app itself (rowcol://app/…, or the dev server's origin while developing)? */
export function isAppUrl(url: string, devOrigin?: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  // WHATWG gives custom schemes an opaque origin ("null"): compare scheme and host instead.
  if (u.protocol === `${appScheme}:`) return u.host === appHost && !u.username && !u.password;
  return devOrigin !== undefined && u.origin === devOrigin;
}

/** May the window go from its page to `url`? Only to another page of the app. */
export const isNavigationAllowed = (url: string, devOrigin?: string): boolean =>
  isAppUrl(url, devOrigin);

/** May a frame inside the page (the digest's sandboxed frame) load `url`? The app's pages and its own inline documents only. */
export const isFrameNavigationAllowed = (url: string, devOrigin?: string): boolean =>
  url === 'about:srcdoc' || url === 'about:blank' || isAppUrl(url, devOrigin);

/** An IPC call is taken only from the main frame of our own window, showing a page of the app. */
export function isTrustedSender(
  sender: { frame: unknown; mainFrame: unknown; url: string | undefined },
  devOrigin?: string,
): boolean {
  return (
    sender.frame !== null &&
    sender.frame !== undefined &&
    sender.frame === sender.mainFrame &&
    typeof sender.url === 'string' &&
    isAppUrl(sender.url, devOrigin)
  );
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

export type AppAsset =
  | { status: 200; file: string; headers: Record<string, string> }
  | { status: 404 | 403; headers: Record<string, string> };

/**
 * The file of the built renderer (`rootDir`, out/renderer) that `url` asks for. Anything outside that
 * folder (../, an encoded ../, a symlink out, another host) is refused; '/' is the entry page.
 */
export function resolveAppAsset(url: string, rootDir: string): AppAsset {
  const headers = { ...appSecurityHeaders, 'Content-Type': 'text/plain; charset=utf-8' };
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { status: 404, headers };
  }
  if (u.protocol !== `${appScheme}:` || u.host !== appHost) return { status: 403, headers };
  let path: string;
  try {
    path = decodeURIComponent(u.pathname);
  } catch {
    return { status: 404, headers };
  }
  if (path === '/' || path === '') path = '/index.html';
  if (path.includes('\0')) return { status: 404, headers };
  const root = normalize(rootDir.endsWith(sep) ? rootDir : rootDir + sep);
  const file = normalize(join(root, path));
  if (!file.startsWith(root)) return { status: 403, headers };
  let real: string;
  try {
    real = realpathSync(file);
  } catch {
    return { status: 404, headers };
  }
  // A symlink inside the folder must not lead out of it.
  const realRoot = (() => {
    try {
      return realpathSync(root);
    } catch {
      return root;
    }
  })();
  if (real !== realRoot && !real.startsWith(realRoot.endsWith(sep) ? realRoot : realRoot + sep))
    return { status: 403, headers };
  if (!statSync(real).isFile()) return { status: 404, headers };
  const type = contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream';
  return { status: 200, file: real, headers: { ...appSecurityHeaders, 'Content-Type': type } };
}
