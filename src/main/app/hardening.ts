// Every page Electron creates is held to the app: no navigation away, no new windows, no <webview>, and
// no permission (camera, microphone, notifications, geolocation, clipboard, USB, …) is ever granted. Links
// open in the system browser only when they are Intuit's (security/external-links.ts). The decisions are
// plain functions in src/main/security/; this file only wires them (ARCHITECTURE.md "Electron security
// checklist").
import { app, shell, type Session } from 'electron';
import { isFrameNavigationAllowed, isNavigationAllowed } from '../security/app-protocol.ts';
import { isAllowedExternalUrl, isContactLink } from '../security/external-links.ts';

export type HardeningOptions = {
  /** The dev server's origin while developing (electron-vite dev), else undefined. */
  devOrigin?: string;
  /** Exact origins the operator configured for the consent page (a test server), besides Intuit's. */
  extraExternalOrigins: readonly string[];
};

/** Opens `url` in the system browser when it is allowed; says (in the log) when it is not. */
export async function openExternalIfAllowed(
  url: string,
  extraOrigins: readonly string[],
): Promise<boolean> {
  if (!isAllowedExternalUrl(url, extraOrigins)) {
    // Only that it happened: the link may come from the books, and the log is for the advisor to share.
    console.warn("[rowcol] a link that is not Intuit's was not opened in the browser");
    return false;
  }
  await shell.openExternal(url);
  return true;
}

export function hardenWebContents(o: HardeningOptions): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => {
      if (isNavigationAllowed(event.url, o.devOrigin)) return;
      event.preventDefault();
      // A customer's e-mail or phone link goes to the mail or phone app, as in a browser.
      if (isContactLink(event.url)) void shell.openExternal(event.url).catch(() => undefined);
    });
    contents.on('will-redirect', (event) => {
      if (!isNavigationAllowed(event.url, o.devOrigin)) event.preventDefault();
    });
    contents.on('will-frame-navigate', (event) => {
      if (!event.isMainFrame && !isFrameNavigationAllowed(event.url, o.devOrigin))
        event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      void openExternalIfAllowed(url, o.extraExternalOrigins).catch(() => undefined);
      return { action: 'deny' };
    });
  });
}

export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
