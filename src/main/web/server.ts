// `rowcol app`'s server: the built window and the same handler table on http://127.0.0.1:PORT, for a
// browser instead of Electron. Only loopback is bound; a request is served only with the cookie the
// one-time link set, only under the printed host name, and only from the page's own origin (access.ts).
// Invoke is POST /api/invoke {channel, arg} through the runtime's one gate (same schemas, same allowlist,
// same result envelope as IPC); events go out over Server-Sent Events. ARCHITECTURE.md "The browser version".
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EventChannel, EventMap } from '../../core/contract.ts';
import { CodedError, fail, type Result } from '../../core/result.ts';
import type { Listen } from '../runtime/events.ts';
import { appSecurityHeaders } from '../security/csp.ts';
import {
  allowedHosts,
  cookieFrom,
  cookieName,
  fetchSiteAllowed,
  originAllowed,
  sessionKeys,
  setCookieHeader,
} from './access.ts';
import { eventStream } from './event-stream.ts';
import { serveFile } from './static-files.ts';

/** The runtime's gate and events (Runtime satisfies it). */
export type Gate = {
  dispatch(channel: unknown, arg: unknown): Promise<Result<unknown>>;
  on: Listen;
};

export type WebServerOptions = {
  gate: Gate;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** 0 or absent: any free port. */
  port?: number;
};

export type WebServer = {
  /** The one-time link: http://127.0.0.1:PORT/?token=… */
  url: string;
  /** http://127.0.0.1:PORT */
  origin: string;
  port: number;
  /** Sends an event to every open page, as the runtime's own events are. */
  publish<E extends EventChannel>(event: E, payload: EventMap[E]): void;
  close(): Promise<void>;
};

/** An invoke carries one small JSON argument; anything larger is not a call the window makes. */
const maxBodyBytes = 1024 * 1024;

// The desktop app's headers (one CSP for both modes), lower-cased as node:http sends them, and two more
// a page on a port other sites can reach needs: no framing by old browsers, no cross-origin reads.
const securityHeaders = {
  ...Object.fromEntries(Object.entries(appSecurityHeaders).map(([k, v]) => [k.toLowerCase(), v])),
  'x-frame-options': 'DENY',
  'cross-origin-resource-policy': 'same-origin',
};

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const keys = sessionKeys();
  const events = eventStream(options.gate.on);
  let port = 0;
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error(
        `[rowcol] the app server failed a request: ${(error as Error)?.message ?? String(error)}`,
      );
      if (!res.headersSent) refuse(res, 500, 'RowCol could not answer this request.', true);
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    for (const [name, value] of Object.entries(securityHeaders)) res.setHeader(name, value);
    const host = req.headers.host ?? '';
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const api = path.startsWith('/api/');
    if (!allowedHosts(port).includes(host))
      return refuse(res, 403, `RowCol answers only at http://127.0.0.1:${port}.`, api);
    if (!originAllowed(req.headers.origin, host))
      return refuse(res, 403, 'Requests from other sites are refused.', api);
    if (api && !fetchSiteAllowed(header(req, 'sec-fetch-site')))
      return refuse(res, 403, 'Requests from other sites are refused.', api);

    const url = new URL(req.url ?? '/', `http://${host}`);
    const cookie = cookieFrom(req.headers.cookie, cookieName(port));
    const token = url.searchParams.get('token');
    if (token !== null && !api && req.method === 'GET') {
      const issued = keys.redeem(token);
      if (issued) res.setHeader('set-cookie', setCookieHeader(port, issued));
      else if (!keys.admits(cookie))
        return refuse(
          res,
          401,
          'This link was already used (it works once). Stop `rowcol app` and start it again for a new one.',
          false,
        );
      // Always to "/" (never to a path from the request: no open redirect), the token gone from the
      // address bar and the history.
      res.writeHead(303, { location: '/', 'cache-control': 'no-store' });
      res.end();
      return;
    }
    if (!keys.admits(cookie))
      return refuse(
        res,
        401,
        'Open RowCol with the link `rowcol app` printed (it holds a one-time key).',
        api,
      );

    if (path === '/api/invoke') {
      if (req.method !== 'POST') return refuse(res, 405, 'Use POST.', true);
      return invoke(req, res);
    }
    if (path === '/api/events') {
      if (req.method !== 'GET') return refuse(res, 405, 'Use GET.', true);
      return events.attach(req, res);
    }
    if (api) return refuse(res, 404, `No ${path} here.`, true);
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'Use GET.', false);
    return serveFile(options.rendererDir, url.pathname, req, res);
  }

  async function invoke(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // JSON only: a form or a no-CORS fetch from another page cannot send it without a preflight.
    const type = header(req, 'content-type')?.split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json')
      return answer(res, 415, fail('INVALID_INPUT', 'Send the call as application/json.'));
    const body = await readBody(req);
    if (body === undefined) {
      res.setHeader('connection', 'close');
      return answer(res, 413, fail('INVALID_INPUT', 'The call is too large.'));
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return answer(res, 400, fail('INVALID_INPUT', 'The call is not JSON.'));
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      return answer(res, 400, fail('INVALID_INPUT', 'The call must be {"channel": …, "arg": …}.'));
    const { channel, arg } = parsed as { channel?: unknown; arg?: unknown };
    // The one gate: unknown channel, bad argument and handler failures all come back as the envelope.
    return answer(res, 200, await options.gate.dispatch(channel, arg));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: options.port ?? 0 }, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch((error: NodeJS.ErrnoException) => {
    events.close();
    throw listenFailure(error, options.port ?? 0);
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  let closing: Promise<void> | undefined;
  return {
    url: `${origin}/?token=${keys.oneTimeToken}`,
    origin,
    port,
    publish: events.publish,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        events.close();
        server.close(() => resolve());
        // Keep-alive sockets of open pages would hold close() until they time out.
        server.closeAllConnections();
      })),
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function answer(res: ServerResponse, status: number, result: Result<unknown>): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  });
  res.end(JSON.stringify(result));
}

/** A refusal: the result envelope for the API (the browser bridge shows its message), a line otherwise. */
function refuse(res: ServerResponse, status: number, message: string, api: boolean): void {
  if (api) return answer(res, status, fail('INVALID_INPUT', message));
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'cache-control': 'no-store',
  });
  res.end(`${message}\n`);
}

/** The body as text, or undefined past the limit (the rest is not read). */
function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) {
        req.removeAllListeners('data');
        req.pause();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function listenFailure(error: NodeJS.ErrnoException, port: number): Error {
  if (error.code === 'EADDRINUSE')
    return new CodedError(
      'CONFLICT',
      `Port ${port} on 127.0.0.1 is already in use: choose another with --port, or leave --port out for a free one.`,
    );
  if (error.code === 'EACCES')
    return new CodedError(
      'UNAVAILABLE',
      `Port ${port} on 127.0.0.1 may not be used by this user: choose one from 1024 up with --port.`,
    );
  return new CodedError(
    'UNAVAILABLE',
    `The app server cannot listen on 127.0.0.1:${port}: ${error.message}`,
  );
}
