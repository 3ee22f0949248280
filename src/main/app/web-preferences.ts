// The window's web preferences, as a plain value (no electron import) so a unit test pins every one of
// them (test/app/web-preferences.test.ts); the Electron specs check their effect in a real window.
export function mainWindowWebPreferences(preload: string) {
  return {
    preload,
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
  } as const;
}
