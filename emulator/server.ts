// The HTTP side: routes OAuth, the API and admin; puts an intuit_tid on every answer; applies faults and
// per-realm limits; turns any unexpected error into a QBO-shaped 500 without a stack trace.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { handleAdmin, type AdminContext } from './admin.ts';
import { handleApi } from './api.ts';
import {
  notAuthorizedForRealm,
  serverError,
  throttled,
  unauthorized,
  faultAnswer,
  type Answer,
} from './errors.ts';
import type { Faults } from './faults.ts';
import { RealmLimiter, type Limits } from './limits.ts';
import type { OAuthServer } from './oauth.ts';
import type { Books } from './store.ts';

export const PATHS = {
  authorize: '/connect/oauth2',
  decide: '/connect/oauth2/decide',
  token: '/oauth2/v1/tokens/bearer',
  revoke: '/v2/oauth2/tokens/revoke',
  admin: '/admin',
};

const MAX_BODY = 20 * 1024 * 1024;

export type ServerContext = AdminContext & {
  books: Map<string, Books>;
  faults: Faults;
  oauth: OAuthServer;
  limits: Limits;
};

const tid = (): string =>
  `1-${Math.floor(Date.now() / 1000).toString(16)}-${randomBytes(12).toString('hex')}`;

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        resolve(null);
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(null));
  });
}

function send(res: ServerResponse, answer: Answer, id: string): void {
  if (res.destroyed || res.headersSent) return;
  const headers: Record<string, string> = {
    intuit_tid: id,
    server: 'nginx',
    'cache-control': 'max-age=0, no-cache, no-store, must-revalidate, private',
    expires: '0',
    'x-spanid': randomUUID(),
    ...answer.headers,
  };
  headers['content-length'] = String(Buffer.byteLength(answer.body));
  res.writeHead(answer.status, headers);
  res.end(answer.body);
}

export function createEmulatorServer(ctx: ServerContext): Server {
  const limiters = new Map<string, RealmLimiter>();
  ctx.forgetRequests = () => {
    for (const l of limiters.values()) l.forget();
  };
  const counter = (realmId: string) =>
    (ctx.counters.realms[realmId] ??= {
      requests: {},
      total: 0,
      throttled: 0,
      writes: { applied: 0, replayed: 0, refused: 0 },
    });

  async function api(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    id: string,
    realmId: string,
    rest: string[],
    body: string,
  ): Promise<void> {
    const now = ctx.clock.now();
    const isWrite = req.method === 'POST' && rest[0] !== 'query';
    const decision = ctx.faults.decide(realmId, isWrite);
    if (decision.drop) {
      res.socket?.destroy();
      return;
    }
    if (decision.force401)
      return send(res, unauthorized(`Token expired: forced by the emulator`, now), id);
    const auth = ctx.oauth.check(req.headers.authorization);
    if (!('realmId' in auth)) return send(res, unauthorized(auth.detail, now), id);
    const books = ctx.books.get(realmId);
    if (!books || auth.realmId !== realmId)
      return send(res, faultAnswer(notAuthorizedForRealm().spec, now), id);
    const c = counter(realmId);
    if (decision.storm429) {
      c.throttled++;
      return send(res, throttled(now), id);
    }
    let limiter = limiters.get(realmId);
    if (!limiter) limiters.set(realmId, (limiter = new RealmLimiter(ctx.limits)));
    if (!limiter.enter()) {
      c.throttled++;
      return send(res, throttled(now), id);
    }
    try {
      if (decision.delayMs) await sleep(decision.delayMs);
      if (decision.errorStatus)
        return send(res, serverError(decision.errorStatus, ctx.clock.now()), id);
      const result = handleApi(books, {
        method: req.method ?? 'GET',
        path: url.pathname,
        rest,
        params: url.searchParams,
        body,
        contentType: req.headers['content-type'] ?? '',
      });
      c.requests[result.endpoint] = (c.requests[result.endpoint] ?? 0) + 1;
      c.total++;
      if (result.write) {
        if (result.replayed) c.writes.replayed++;
        else if (result.answer.status === 200) c.writes.applied++;
        else c.writes.refused++;
      }
      if (decision.commitThenDrop && result.write && result.answer.status === 200) {
        res.socket?.destroy();
        return;
      }
      send(res, result.answer, id);
    } finally {
      limiter.leave();
    }
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const id = tid();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const body = method === 'GET' || method === 'HEAD' ? '' : await readBody(req);
    if (body === null)
      return send(
        res,
        {
          status: 413,
          body: '{"error":"request body too large"}',
          headers: { 'content-type': 'application/json' },
        },
        id,
      );
    const path = url.pathname;
    if (path === PATHS.authorize && method === 'GET')
      return send(res, ctx.oauth.authorize(url.searchParams, PATHS.decide), id);
    if (path === PATHS.decide && method === 'GET')
      return send(res, ctx.oauth.decide(url.searchParams), id);
    if (path === PATHS.token && method === 'POST')
      return send(res, ctx.oauth.token(req.headers.authorization, body), id);
    if (path === PATHS.revoke && method === 'POST')
      return send(res, ctx.oauth.revoke(req.headers.authorization, body), id);
    if (path === PATHS.admin || path.startsWith(`${PATHS.admin}/`)) {
      // The admin API edits the books and revokes tokens, and the app's demo runs this server while the
      // advisor browses: refuse anything a web page could send (browsers add Origin; a cross-site form
      // post cannot be application/json without a preflight this server never grants).
      const contentType = String(req.headers['content-type'] ?? '')
        .split(';')[0]!
        .trim();
      if (
        req.headers.origin !== undefined ||
        (method === 'POST' && contentType !== 'application/json')
      ) {
        return send(
          res,
          {
            status: 403,
            body: '{"error":"the admin API takes JSON from local tools only"}',
            headers: { 'content-type': 'application/json' },
          },
          id,
        );
      }
      const parts = path
        .slice(PATHS.admin.length)
        .split('/')
        .filter(Boolean)
        .map(decodeURIComponent);
      return send(res, handleAdmin(ctx, method, parts, body), id);
    }
    const m = /^\/v3\/company\/([^/]+)\/?(.*)$/.exec(path);
    if (m) {
      const rest = (m[2] ?? '').split('/').filter(Boolean).map(decodeURIComponent);
      return api(req, res, url, id, decodeURIComponent(m[1] as string), rest, body);
    }
    send(
      res,
      {
        status: 404,
        body: JSON.stringify({ error: `no such endpoint: ${method} ${path}` }),
        headers: { 'content-type': 'application/json' },
      },
      id,
    );
  }

  return createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      // Never a stack trace on the wire: a SystemFault, and one line on stderr for whoever runs the emulator.
      process.stderr.write(
        `qbo-emulator: internal error on ${req.method} ${req.url}: ${(error as Error)?.message ?? String(error)}\n`,
      );
      send(res, serverError(500, ctx.clock.now()), tid());
    });
  });
}
