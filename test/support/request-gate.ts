// A loopback forwarder in front of the emulator's API that lets a given number of requests through and
// holds every later one unanswered. A process syncing through it can fetch, and so commit, no more pages
// than it was allowed, however fast or slow the machine is: a test can stop a sync at a point chosen
// from its progress and be sure the sync cannot run past it.
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Db } from '../../src/main/db/open.ts';

export type RequestGate = {
  /** The base URL to give the client instead of the emulator's. */
  url: string;
  /** From now on, let `n` requests through (Infinity: all) and hold the rest; held ones wait for the next allow(). */
  allow(n: number): void;
  /** Requests let through since the last allow(). */
  readonly forwarded: number;
  /** Requests waiting unanswered. */
  readonly held: number;
  close(): Promise<void>;
};

export async function startRequestGate(target: string): Promise<RequestGate> {
  const to = new URL(target);
  let allowance = Infinity;
  let forwarded = 0;
  const waiting: { req: IncomingMessage; res: ServerResponse }[] = [];

  const forward = (req: IncomingMessage, res: ServerResponse) => {
    forwarded++;
    const upstream = request(
      { host: to.hostname, port: to.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    // The client went away (killed): nothing to answer.
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  };
  const pass = () => {
    while (waiting.length && forwarded < allowance) {
      const next = waiting.shift()!;
      if (!next.req.socket.destroyed) forward(next.req, next.res);
    }
  };

  const server = createServer((req, res) => {
    if (forwarded < allowance) return forward(req, res);
    waiting.push({ req, res });
    // The client went away (killed) while it waited.
    res.on('close', () => {
      const i = waiting.findIndex((w) => w.res === res);
      if (i >= 0) waiting.splice(i, 1);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    allow(n) {
      allowance = n;
      forwarded = 0;
      pass();
    },
    get forwarded() {
      return forwarded;
    },
    get held() {
      return waiting.length;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Sends a connected client's API requests to `url` (a gate's): its API base URL is where the engine sends them. */
export function routeThrough(db: Db, businessId: string, url: string): void {
  db.prepare('UPDATE clients SET api_base_url = ? WHERE business_id = ?').run(url, businessId);
}
