// The OAuth redirect listener holds every loopback address `localhost` may mean, so no other local
// program can pre-empt it and receive the authorization code. Real sockets throughout.
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { openRedirectListener } from '../../src/main/oauth/loopback.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

/** Another program holding `host:port` (port 0: any free one). */
function squat(host: string, port = 0): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer((socket) => socket.end('HTTP/1.1 200 OK\r\n\r\nstolen'));
    server.once('error', reject);
    server.listen({ host, port, ipv6Only: host.includes(':') }, () => {
      cleanups.push(() => new Promise<void>((done) => server.close(() => done())));
      resolve(server);
    });
  });
}

const ipv6Loopback: Promise<string | undefined> = squat('::1').then(
  (s) => new Promise((resolve) => s.close(() => resolve(undefined))) as Promise<string | undefined>,
  (e: NodeJS.ErrnoException) => `no IPv6 loopback on this machine (${e.code})`,
);
const noIpv6 = await ipv6Loopback;
if (noIpv6) console.warn(`[loopback] IPv6 cases skipped: ${noIpv6}`);

const portOf = (s: Server) => (s.address() as AddressInfo).port;

describe.skipIf(Boolean(noIpv6))('the redirect listener on both loopback addresses', () => {
  it('refuses to start when another program already listens on [::1] at its port', async () => {
    const other = await squat('::1');
    const port = portOf(other);
    await expect(openRedirectListener({ port, timeoutMs: 5000 })).rejects.toThrow(
      new RegExp(`redirect port ${port} is in use on \\[::1\\]:${port} by another program`),
    );
    // Nothing was left listening on 127.0.0.1 by the failed attempt.
    await expect(request(`http://127.0.0.1:${port}/callback`)).rejects.toThrow();
  });

  it('refuses to start when another program already listens on 127.0.0.1 at its port', async () => {
    const other = await squat('127.0.0.1');
    const port = portOf(other);
    await expect(openRedirectListener({ port, timeoutMs: 5000 })).rejects.toThrow(
      new RegExp(`redirect port ${port} is in use on 127\\.0\\.0\\.1:${port}`),
    );
  });

  it('holds both addresses; either one receives the redirect, once', async () => {
    const listener = await openRedirectListener({ timeoutMs: 5000 });
    cleanups.push(() => listener.close());
    const { port, hostname } = new URL(listener.redirectUri);
    expect(hostname).toBe('localhost');
    expect(listener.addresses).toEqual(
      expect.arrayContaining([`127.0.0.1:${port}`, `[::1]:${port}`]),
    );
    listener.expectState('s1');
    // Both addresses answer as the listener (a probe without the state is refused by it, not by another program).
    for (const origin of [`http://127.0.0.1:${port}`, `http://[::1]:${port}`]) {
      const probe = await request(`${origin}/callback?code=forged&state=guess`);
      expect(probe.statusCode).toBe(400);
      expect(await probe.body.text()).toMatch(/not the QuickBooks redirect/);
    }
    const real = await request(`http://[::1]:${port}/callback?code=c1&state=s1&realmId=42`);
    expect(real.statusCode).toBe(200);
    await real.body.text();
    expect(new URL(await listener.received).searchParams.get('code')).toBe('c1');
    await listener.close();
    // Single use: after the redirect, neither address listens any more.
    await expect(request(`http://127.0.0.1:${port}/callback?code=c2&state=s1`)).rejects.toThrow();
    await expect(request(`http://[::1]:${port}/callback?code=c2&state=s1`)).rejects.toThrow();
  });

  it('takes the redirect on 127.0.0.1 as well', async () => {
    const listener = await openRedirectListener({ timeoutMs: 5000 });
    cleanups.push(() => listener.close());
    listener.expectState('s2');
    const { port } = new URL(listener.redirectUri);
    const real = await request(`http://127.0.0.1:${port}/callback?code=c9&state=s2&realmId=7`);
    expect(real.statusCode).toBe(200);
    await real.body.text();
    expect(new URL(await listener.received).searchParams.get('realmId')).toBe('7');
  });

  it('with a chosen free port, a taken [::1] side never leaves a half-open listener behind', async () => {
    // The first listener holds both addresses; a second one on the same port is refused whole.
    const first = await openRedirectListener({ timeoutMs: 5000 });
    cleanups.push(() => first.close());
    const port = Number(new URL(first.redirectUri).port);
    await expect(openRedirectListener({ port, timeoutMs: 5000 })).rejects.toThrow(/is in use on/);
    first.expectState('s3');
    const res = await request(`http://[::1]:${port}/callback?code=c3&state=s3`);
    expect(res.statusCode).toBe(200);
    await res.body.text();
    expect(new URL(await first.received).searchParams.get('code')).toBe('c3');
  });
});

describe('the demo books redirect (a literal 127.0.0.1)', () => {
  it('binds 127.0.0.1 only and names it in the redirect URI', async () => {
    const listener = await openRedirectListener({ timeoutMs: 5000, host: '127.0.0.1' });
    cleanups.push(() => listener.close());
    const { port, hostname } = new URL(listener.redirectUri);
    expect(hostname).toBe('127.0.0.1');
    expect(listener.addresses).toEqual([`127.0.0.1:${port}`]);
  });
});
