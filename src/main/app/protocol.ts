// rowcol://app/ serves the built renderer with the CSP as a response header (security/app-protocol.ts
// decides what may be served; this file only wires Electron's protocol API).
import { protocol, type Session } from 'electron';
import { readFile } from 'node:fs/promises';
import { appScheme, resolveAppAsset } from '../security/app-protocol.ts';

/**
 * Must run before the app is ready. Standard + secure: the page gets a real origin and counts as a secure
 * context, like https; fetch is allowed for its own assets. Nothing else (no service workers, no CORS).
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: appScheme,
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ]);
}

export function serveApp(session: Session, rendererDir: string): void {
  session.protocol.handle(appScheme, async (request) => {
    const asset = resolveAppAsset(request.url, rendererDir);
    if (asset.status !== 200)
      return new Response(asset.status === 403 ? 'Not allowed' : 'Not found', {
        status: asset.status,
        headers: asset.headers,
      });
    return new Response(await readFile(asset.file), { status: 200, headers: asset.headers });
  });
}
