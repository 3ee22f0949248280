// The browser version's server over a real runtime and a real SQLite file, spoken to over real loopback
// HTTP with node:http (which, unlike fetch, lets a test send the Host, Origin and Cookie a hostile page or
// a rebinding attack would).
import { mkdirSync, writeFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { openRuntime, type Runtime } from '../../src/main/runtime/runtime.ts';
import { startWebServer, type Gate, type WebServer } from '../../src/main/web/server.ts';
import { tempDir } from '../support/temp.ts';

export type Reply = { status: number; headers: IncomingHttpHeaders; body: string };

export function send(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
  const { hostname, port, origin } = new URL(url);
  // The path exactly as written (a URL object would resolve its dot segments first).
  const path = url.slice(origin.length) || '/';
  return new Promise((resolve, reject) => {
    const req = request(
      { hostname, port, path, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** A built window's stand-in: what the server serves is files, whatever the renderer puts in them. */
export function rendererFixture(): string {
  const parent = tempDir('rowcol-renderer-');
  // A file next to the served folder: what a path escaping it would reach.
  writeFileSync(join(parent, 'outside.txt'), 'not served');
  const dir = join(parent, 'renderer');
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><title>RowCol</title><div id="root"></div>',
  );
  writeFileSync(join(dir, 'assets', 'index-abc.js'), 'console.log("rowcol");\n');
  writeFileSync(join(dir, '.secret'), 'not served');
  return dir;
}

export type Served = {
  runtime: Runtime;
  server: WebServer;
  /** The session cookie, as the browser got it from the one-time link. */
  cookie: string;
  /** Headers the page's own requests carry: Host, Cookie. */
  own: Record<string, string>;
  close(): Promise<void>;
};

/** Redeems the one-time link as a browser's first load does and returns the cookie header it set. */
export async function redeem(server: WebServer): Promise<string> {
  const first = await send(server.url);
  const set = first.headers['set-cookie']?.[0];
  if (first.status !== 303 || !set) throw new Error(`the link was not redeemed: ${first.status}`);
  return set.split(';')[0]!;
}

export async function serve(gate?: Gate & { close?(): Promise<void> }): Promise<Served> {
  const runtime = (gate as Runtime | undefined) ?? openRuntime({ dataDir: tempDir(), env: {} });
  const server = await startWebServer({ gate: runtime, rendererDir: rendererFixture() });
  const cookie = await redeem(server);
  return {
    runtime,
    server,
    cookie,
    own: { host: `127.0.0.1:${server.port}`, cookie },
    close: async () => {
      await server.close();
      if (!gate) await runtime.close();
    },
  };
}

/** POST /api/invoke as the page sends it. */
export const invokeOver = (s: Served, body: unknown, headers: Record<string, string> = {}) =>
  send(`${s.server.origin}/api/invoke`, {
    method: 'POST',
    headers: {
      ...s.own,
      origin: s.server.origin,
      'content-type': 'application/json',
      'sec-fetch-site': 'same-origin',
      ...headers,
    },
    body: JSON.stringify(body),
  });
