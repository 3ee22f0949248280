// The window's web preferences: sandboxed, context-isolated, no Node anywhere in the page.
import { describe, expect, it } from 'vitest';
import { mainWindowWebPreferences } from '../../src/main/app/web-preferences.ts';

describe("the window's web preferences", () => {
  it('keep the page sandboxed, isolated and without Node', () => {
    expect(mainWindowWebPreferences('/app/out/preload/index.cjs')).toEqual({
      preload: '/app/out/preload/index.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      spellcheck: false,
    });
  });
});
