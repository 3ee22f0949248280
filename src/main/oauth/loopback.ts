// The one-time OAuth redirect listener: bound to 127.0.0.1 only, it accepts exactly one request on its
// callback path and closes, or closes after a timeout. (RFC 8252 §7.3, loopback redirect for native apps.)
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CodedError } from '../../core/result.ts';

export type RedirectListener = {
  /** The redirect URI to register and send in the authorize URL. */
  redirectUri: string;
  /** Resolves with the full redirect URL the browser was sent to. */
  received: Promise<string>;
  /** Only a redirect carrying this `state` is taken; any other request is refused and the listener waits on. */
  expectState(state: string): void;
  close(): Promise<void>;
};

export type ListenerOptions = {
  port?: number;
  path?: string;
  timeoutMs?: number;
  host?: 'localhost' | '127.0.0.1';
};

const page = (title: string, text: string) =>
  `<!doctype html><meta charset="utf-8"><title>${title}</title><body style="font-family:sans-serif"><h1>${title}</h1><p>${text}</p></body>`;

export async function openRedirectListener(
  options: ListenerOptions = {},
): Promise<RedirectListener> {
  const path = options.path ?? '/callback';
  let settle: { resolve: (url: string) => void; reject: (e: Error) => void } | undefined;
  const received = new Promise<string>((resolve, reject) => (settle = { resolve, reject }));
  received.catch(() => undefined); // the caller may never await it (e.g. closed early)
  let used = false;
  let expected: string | undefined;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'GET' || url.pathname !== path || used) {
      res
        .writeHead(404, { 'content-type': 'text/html; charset=utf-8' })
        .end(page('Not found', 'This address only receives the QuickBooks redirect.'));
      return;
    }
    // A stray or forged request (another program probing local ports) must not use up the one redirect.
    if (expected !== undefined && url.searchParams.get('state') !== expected) {
      res
        .writeHead(400, { 'content-type': 'text/html; charset=utf-8' })
        .end(
          page('Not this connection', 'This is not the QuickBooks redirect RowCol is waiting for.'),
        );
      return;
    }
    used = true;
    const ok = url.searchParams.has('code') && !url.searchParams.has('error');
    res
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8', connection: 'close' })
      .end(
        ok
          ? page('RowCol is connected', 'You can close this window and go back to RowCol.')
          : page('Not connected', 'QuickBooks did not grant access. You can close this window.'),
      );
    settle?.resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}${req.url ?? ''}`);
    res.on('finish', () => void close());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new CodedError(
              'UNAVAILABLE',
              `The redirect port ${options.port} is in use; choose another with --port (and register http://localhost:PORT/callback with your Intuit app).`,
            )
          : error,
      ),
    );
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const timer = setTimeout(() => {
    settle?.reject(
      new Error(
        `No answer from QuickBooks within ${Math.round((options.timeoutMs ?? 300_000) / 1000)} s; the connection was not made.`,
      ),
    );
    void close();
  }, options.timeoutMs ?? 300_000);
  timer.unref();
  let closing: Promise<void> | undefined;
  function close(): Promise<void> {
    clearTimeout(timer);
    settle?.reject(new Error('The redirect listener was closed.'));
    closing ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
    return closing;
  }
  // Intuit accepts http://localhost for development apps; IP literals are refused in production
  // (docs/qbo-api.md §1.4). We bind 127.0.0.1 either way.
  return {
    redirectUri: `http://${options.host ?? 'localhost'}:${port}${path}`,
    received,
    close,
    expectState: (state) => {
      expected = state;
    },
  };
}
