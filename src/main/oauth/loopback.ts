// The one-time OAuth redirect listener (RFC 8252 §7.3, loopback redirect for native apps). It accepts
// exactly one request carrying the expected `state` on its callback path and closes, or closes after a
// timeout.
//
// The redirect names `localhost` (Intuit refuses IP literals for production apps, docs/qbo-api.md §1.4),
// and a browser may send it to any loopback address `localhost` means: what the resolver says, and in
// Chromium always both [::1] and 127.0.0.1. If RowCol held only one of them, another local program
// listening on the other address and port would receive the authorization code. So the listener binds
// every one of those addresses on one port, and refuses to start when any of them is taken.
import { lookup } from 'node:dns/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CodedError } from '../../core/result.ts';

export type RedirectListener = {
  /** The redirect URI to register and send in the authorize URL. */
  redirectUri: string;
  /** The loopback addresses the listener holds, as `host:port` ([::1]:8000, 127.0.0.1:8000). */
  addresses: string[];
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
  /** The host the redirect URI names: `localhost` (every loopback address) or the literal 127.0.0.1 (the demo books). */
  host?: 'localhost' | '127.0.0.1';
};

const page = (title: string, text: string) =>
  `<!doctype html><meta charset="utf-8"><title>${title}</title><body style="font-family:sans-serif"><h1>${title}</h1><p>${text}</p></body>`;

/** Loopback addresses a browser may use for `localhost`: the resolver's, plus both loopbacks Chromium always tries. */
export async function localhostAddresses(): Promise<string[]> {
  const resolved = await lookup('localhost', { all: true }).catch(() => []);
  const loopback = resolved
    .map((a) => a.address)
    .filter((a) => a === '::1' || a.startsWith('127.'));
  return [...new Set(['127.0.0.1', '::1', ...loopback])];
}

const shown = (address: string, port: number) =>
  `${address.includes(':') ? `[${address}]` : address}:${port}`;

/** Errors meaning "this machine has no such address" (no IPv6 loopback): nobody can listen there either. */
const absentAddress = new Set(['EADDRNOTAVAIL', 'EAFNOSUPPORT', 'EINVAL']);

function listenOn(server: Server, port: number, address: string): Promise<number | 'absent'> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      if (address !== '127.0.0.1' && absentAddress.has(error.code ?? '')) resolve('absent');
      else reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    // ipv6Only: [::1] must not also claim (or collide with) the IPv4 side.
    server.listen({ port, host: address, ipv6Only: address.includes(':'), exclusive: true });
  });
}

const closeServer = (server: Server) =>
  new Promise<void>((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeIdleConnections();
  });

/**
 * Binds `handler` on every address at one port: `port`, or (0) a free one that is free on all of them.
 * A port taken on any address is refused, naming that address, when the caller chose the port.
 */
async function bindAll(
  addresses: string[],
  port: number,
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ servers: Server[]; port: number; held: string[] }> {
  // With port 0 a port the first address got may be taken on another one: try a few ports.
  for (let attempt = 0; ; attempt++) {
    const servers: Server[] = [];
    const held: string[] = [];
    let chosen = port;
    try {
      for (const address of addresses) {
        const server = createServer(handler);
        const got = await listenOn(server, chosen, address);
        if (got === 'absent') continue;
        servers.push(server);
        held.push(address);
        chosen = got;
      }
      return { servers, port: chosen, held };
    } catch (error) {
      await Promise.all(servers.map(closeServer));
      const e = error as NodeJS.ErrnoException & { address?: string };
      if (e.code === 'EADDRINUSE' && port === 0 && attempt < 5) continue;
      if (e.code === 'EADDRINUSE' || e.code === 'EACCES')
        throw new CodedError(
          'UNAVAILABLE',
          `The redirect port ${chosen} is in use on ${shown(e.address ?? '?', chosen)}` +
            `${e.code === 'EACCES' ? ' (not allowed)' : ' by another program'}, so QuickBooks' answer could reach it instead of RowCol; ` +
            `close that program or choose another port with --port (and register http://localhost:PORT/callback with your Intuit app).`,
        );
      throw error;
    }
  }
}

export async function openRedirectListener(
  options: ListenerOptions = {},
): Promise<RedirectListener> {
  const path = options.path ?? '/callback';
  const host = options.host ?? 'localhost';
  let settle: { resolve: (url: string) => void; reject: (e: Error) => void } | undefined;
  const received = new Promise<string>((resolve, reject) => (settle = { resolve, reject }));
  received.catch(() => undefined); // the caller may never await it (e.g. closed early)
  let used = false;
  let expected: string | undefined;
  let port = 0;
  const handler = (req: IncomingMessage, res: ServerResponse) => {
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
    settle?.resolve(`http://127.0.0.1:${port}${req.url ?? ''}`);
    res.on('finish', () => void close());
  };
  const addresses = host === '127.0.0.1' ? ['127.0.0.1'] : await localhostAddresses();
  const bound = await bindAll(addresses, options.port ?? 0, handler);
  port = bound.port;
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
    closing ??= Promise.all(bound.servers.map(closeServer)).then(() => undefined);
    return closing;
  }
  return {
    redirectUri: `http://${host}:${port}${path}`,
    addresses: bound.held.map((a) => shown(a, port)),
    received,
    close,
    expectState: (state) => {
      expected = state;
    },
  };
}
