// The hub's HTTP API for the firm's desktops (issue 15 §4-5): sign-in, pull, push, the audit trail.
// node:http (or node:https with a certificate), JSON in and out, every route but /health and /sign-in
// behind a device's bearer token. Bound to 127.0.0.1 unless told otherwise; anything beyond loopback
// needs TLS (`tls`), or a reverse proxy in front that terminates TLS and reaches this on loopback
// (docs/firm.md). Errors are one JSON line `{error: {code, message}}`; the log has one line per
// request (method, path, status, advisor), never a token, a code or a body.
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { CodedError } from '../../../core/result.ts';
import type { HubDb } from '../db/hub-db.ts';
import { revokeDevice, type DeviceSession } from '../db/repositories/advisors.ts';
import { addAudit } from '../db/repositories/audit.ts';
import { authenticate, signIn } from '../auth/accounts.ts';
import { Refused } from '../auth/refused.ts';
import { readAudit } from '../audit/read.ts';
import { adminPaths, adminRoute } from './admin-routes.ts';
import { pullChanges } from '../work/pull.ts';
import { pushOps } from '../work/push.ts';
import { companiesOf } from '../work/visibility.ts';
import { HttpError, parse } from './parse.ts';
import { auditQuery, pullQuery, pushSchema, signInSchema } from './schemas.ts';

export type HubApiContext = {
  db: HubDb;
  /** Default 127.0.0.1. Any other address needs `tls`. */
  host?: string;
  /** Default 0 (a free port; see the returned url). */
  port?: number;
  /** PEM certificate and key: the API speaks HTTPS. */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /** One line per request; default stderr. */
  log?: (line: string) => void;
};

export type HubApi = { url: string; close(): Promise<void> };

const bodyLimit = 8 * 1024 * 1024;

const statusOfCode: Record<string, [number, string]> = {
  INVALID_INPUT: [400, 'invalid'],
  NOT_FOUND: [404, 'not-found'],
  AUTH_REQUIRED: [401, 'unauthorized'],
  CONFLICT: [409, 'conflict'],
};

const isLoopback = (host: string) =>
  host === '127.0.0.1' || host === '::1' || host === 'localhost' || host.startsWith('127.');

async function readJson(req: IncomingMessage): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  if (!type.startsWith('application/json'))
    throw new HttpError(415, 'invalid', 'Send the request body as application/json.');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > bodyLimit)
      throw new HttpError(
        413,
        'too-large',
        `The request body is over ${bodyLimit / 1024 / 1024} MB; push fewer ops at once.`,
      );
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'invalid', 'The request body is not JSON.');
  }
}

export async function startHubApi(ctx: HubApiContext): Promise<HubApi> {
  const host = ctx.host ?? '127.0.0.1';
  if (!isLoopback(host) && !ctx.tls)
    throw new CodedError(
      'INVALID_INPUT',
      `The hub's API would listen on ${host} without TLS: give it a certificate (--tls-cert, --tls-key) or keep it on 127.0.0.1 behind a reverse proxy that terminates TLS.`,
    );
  const log = ctx.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const { db } = ctx;

  async function session(req: IncomingMessage): Promise<DeviceSession> {
    const header = req.headers.authorization ?? '';
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m)
      throw new Refused(
        401,
        'Sign in first: this request has no device token (Authorization: Bearer …).',
      );
    const s = await authenticate(db, m[1]!);
    if (!s)
      throw new Refused(
        401,
        'This device is not signed in to the hub (token unknown or revoked); sign in again with a new code.',
      );
    return s;
  }

  async function route(req: IncomingMessage, url: URL): Promise<{ body: unknown; who?: string }> {
    const path = url.pathname;
    const method = req.method ?? 'GET';
    const query = Object.fromEntries(url.searchParams);
    if (method === 'GET' && path === '/health') return { body: { ok: true } };
    if (method === 'POST' && path === '/sign-in') {
      const s = parse(signInSchema, await readJson(req));
      const done = await signIn(db, s);
      return {
        body: {
          token: done.token,
          deviceId: done.deviceId,
          advisor: { email: done.advisor.email, name: done.advisor.name, role: done.advisor.role },
        },
        who: done.advisor.email,
      };
    }
    const known = ['/me', '/pull', '/push', '/audit', '/sign-out', ...adminPaths];
    if (!known.includes(path))
      throw new HttpError(404, 'not-found', `No ${method} ${path} on this hub.`);
    const s = await session(req);
    const who = s.advisor.email;
    if (method === 'GET' && path === '/me')
      return {
        who,
        body: {
          advisor: { email: s.advisor.email, name: s.advisor.name, role: s.advisor.role },
          deviceId: s.deviceId,
          companies: await companiesOf(db, s),
        },
      };
    if (method === 'GET' && path === '/pull')
      return { who, body: await pullChanges(db, s, parse(pullQuery, query)) };
    if (method === 'POST' && path === '/push') {
      const { ops } = parse(pushSchema, await readJson(req));
      return { who, body: await pushOps(db, s, ops) };
    }
    if (method === 'GET' && path === '/audit') {
      const a = parse(auditQuery, query);
      return {
        who,
        body: await readAudit(db, s, { company: a.company, after: a.after ?? 0, limit: a.limit }),
      };
    }
    const admin = await adminRoute(db, s, method, path, () => readJson(req));
    if (admin !== undefined) return { who, body: admin };
    if (method === 'POST' && path === '/sign-out') {
      await revokeDevice(db, s.deviceId);
      await addAudit(db, { advisorId: s.advisor.id, deviceId: s.deviceId, action: 'signed-out' });
      return { who, body: { signedOut: true } };
    }
    throw new HttpError(405, 'invalid', `${path} does not take ${method}.`);
  }

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const started = process.hrtime.bigint();
    const url = new URL(req.url ?? '/', 'http://hub');
    let who: string | undefined;
    const send = (status: number, body: unknown) => {
      const text = JSON.stringify(body);
      res.writeHead(status, {
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'no-store',
        'content-length': Buffer.byteLength(text),
      });
      res.end(text);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      log(
        `hub api: ${req.method} ${url.pathname} ${status}${who ? ` ${who}` : ''} (${ms.toFixed(0)} ms)`,
      );
    };
    route(req, url)
      .then((r) => {
        who = r.who;
        send(200, r.body);
      })
      .catch((error: unknown) => {
        if (error instanceof HttpError)
          return send(error.status, { error: { code: error.code, message: error.message } });
        if (error instanceof Refused)
          return send(error.status, {
            error: {
              code: error.status === 401 ? 'unauthorized' : 'forbidden',
              message: error.message,
            },
          });
        if (error instanceof CodedError && statusOfCode[error.code]) {
          const [status, code] = statusOfCode[error.code]!;
          return send(status, { error: { code, message: error.message } });
        }
        // A bug or the database: one line in the log (the stack only with ROWCOL_DEBUG), a plain answer.
        log(
          `hub api: ${req.method} ${url.pathname} failed: ${(error as Error)?.message ?? String(error)}`,
        );
        if (process.env.ROWCOL_DEBUG) log(String((error as Error)?.stack));
        send(500, {
          error: { code: 'internal', message: 'The hub could not answer; see its log.' },
        });
      });
  };
  const server = ctx.tls
    ? createHttpsServer({ cert: ctx.tls.cert, key: ctx.tls.key }, handler)
    : createHttpServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(ctx.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `${ctx.tls ? 'https' : 'http'}://${shownHost}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
