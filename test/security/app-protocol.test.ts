// rowcol://app/ serves only the built renderer, always with the CSP header; the window may navigate only
// within the app, and IPC is taken only from the app's own main frame. Real files in a temp folder.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  appEntryUrl,
  isAppUrl,
  isFrameNavigationAllowed,
  isNavigationAllowed,
  isTrustedSender,
  resolveAppAsset,
} from '../../src/main/security/app-protocol.ts';
import { contentSecurityPolicy } from '../../src/main/security/csp.ts';
import { tempDir } from '../support/temp.ts';
import { rmSync } from 'node:fs';

const made: string[] = [];
afterEach(() => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});

function builtRenderer() {
  const base = tempDir('rowcol-protocol-');
  made.push(base);
  const root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>RowCol</title>');
  writeFileSync(join(root, 'assets', 'index-1.js'), 'export {}');
  writeFileSync(join(root, 'assets', 'index-1.css'), 'body{}');
  writeFileSync(join(base, 'secret.txt'), 'outside the renderer');
  symlinkSync(join(base, 'secret.txt'), join(root, 'assets', 'link.txt'));
  return root;
}

describe('what rowcol://app/ serves', () => {
  it('serves the entry page and assets with their type and the CSP header', () => {
    const root = builtRenderer();
    for (const [url, file, type] of [
      [appEntryUrl, 'index.html', 'text/html; charset=utf-8'],
      ['rowcol://app/', 'index.html', 'text/html; charset=utf-8'],
      ['rowcol://app/assets/index-1.js', 'assets/index-1.js', 'text/javascript; charset=utf-8'],
      ['rowcol://app/assets/index-1.css?v=2', 'assets/index-1.css', 'text/css; charset=utf-8'],
    ] as const) {
      const a = resolveAppAsset(url, root);
      expect(a.status, url).toBe(200);
      if (a.status !== 200) continue;
      expect(a.file).toBe(join(root, file));
      expect(a.headers['Content-Type']).toBe(type);
      expect(a.headers['Content-Security-Policy']).toBe(contentSecurityPolicy);
      expect(a.headers['X-Content-Type-Options']).toBe('nosniff');
    }
  });

  it.each([
    ['a parent folder', 'rowcol://app/../secret.txt'],
    ['an encoded parent folder', 'rowcol://app/%2e%2e/secret.txt'],
    ['an encoded slash', 'rowcol://app/assets%2f..%2f..%2fsecret.txt'],
    ['a symlink out of the folder', 'rowcol://app/assets/link.txt'],
    ['another host', 'rowcol://other/index.html'],
    ['another scheme', 'file:///etc/passwd'],
    ['a missing file', 'rowcol://app/nope.js'],
    ['a folder', 'rowcol://app/assets/'],
    ['a NUL byte', 'rowcol://app/index.html%00.js'],
  ])('refuses %s', (_why, url) => {
    const a = resolveAppAsset(url, builtRenderer());
    expect(a.status).not.toBe(200);
    expect(a.headers['Content-Security-Policy']).toBe(contentSecurityPolicy);
  });
});

describe('where the window may go', () => {
  it('stays within the app', () => {
    expect(isNavigationAllowed('rowcol://app/index.html#/clients')).toBe(true);
    expect(isNavigationAllowed('https://appcenter.intuit.com/connect/oauth2')).toBe(false);
    expect(isNavigationAllowed('file:///home/me/rowcol/out/renderer/index.html')).toBe(false);
    expect(isNavigationAllowed('rowcol://evil/index.html')).toBe(false);
    expect(isNavigationAllowed('rowcol://user@app/index.html')).toBe(false);
    expect(isNavigationAllowed('not a url')).toBe(false);
  });

  it("allows the dev server's origin only while developing", () => {
    expect(isNavigationAllowed('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isNavigationAllowed('http://localhost:5173/')).toBe(false);
    expect(isNavigationAllowed('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
  });

  it("lets a frame show the app's own inline documents only", () => {
    expect(isFrameNavigationAllowed('about:srcdoc')).toBe(true);
    expect(isFrameNavigationAllowed('rowcol://app/index.html')).toBe(true);
    expect(isFrameNavigationAllowed('https://example.com/')).toBe(false);
    expect(isFrameNavigationAllowed('data:text/html,<script>1</script>')).toBe(false);
  });
});

describe('who may call main over IPC', () => {
  const main = { id: 'main' };
  it("takes calls from the app's own main frame only", () => {
    expect(isTrustedSender({ frame: main, mainFrame: main, url: appEntryUrl })).toBe(true);
    expect(isTrustedSender({ frame: { id: 'sub' }, mainFrame: main, url: appEntryUrl })).toBe(
      false,
    );
    expect(isTrustedSender({ frame: main, mainFrame: main, url: 'https://evil.example/' })).toBe(
      false,
    );
    expect(isTrustedSender({ frame: null, mainFrame: main, url: appEntryUrl })).toBe(false);
    expect(isTrustedSender({ frame: main, mainFrame: main, url: undefined })).toBe(false);
    expect(isAppUrl('rowcol://app/index.html')).toBe(true);
  });
});
