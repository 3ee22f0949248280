// Who gets in to the browser version: only the browser that opened the one-time link, at the printed
// address, from the page's own origin. Real loopback HTTP against the real server and runtime.
import { afterEach, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../src/main/security/csp.ts';
import { invokeOver, send, serve, type Served } from './support.ts';

let served: Served | undefined;
afterEach(async () => {
  await served?.close();
  served = undefined;
});

describe('the one-time link and the session cookie', () => {
  it('refuses every request without the cookie (401): the page, its files, invoke and events', async () => {
    served = await serve();
    const { origin, port } = served.server;
    const host = `127.0.0.1:${port}`;
    for (const path of ['/', '/index.html', '/assets/index-abc.js', '/api/events'])
      expect((await send(`${origin}${path}`, { headers: { host } })).status, path).toBe(401);
    const call = await send(`${origin}/api/invoke`, {
      method: 'POST',
      headers: { host, origin, 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'app:get-info', arg: {} }),
    });
    expect(call.status).toBe(401);
    expect(JSON.parse(call.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    // A made-up cookie is no cookie.
    const forged = await send(`${origin}/`, {
      headers: { host, cookie: `rowcol_session_${port}=guess` },
    });
    expect(forged.status).toBe(401);
  });

  it('exchanges the token once for an HttpOnly SameSite=Strict cookie and drops it from the address', async () => {
    served = await serve();
    const { server } = served;
    // serve() redeemed the link once already, as the browser's first load does: a second use fails.
    const again = await send(server.url);
    expect(again.status).toBe(401);
    expect(again.headers['set-cookie']).toBeUndefined();
    expect(again.body).toContain('already used');

    // A fresh server: its first load sets the cookie and redirects to the bare page.
    const other = await serve();
    try {
      const url = new URL(other.server.url);
      expect(url.host).toBe(`127.0.0.1:${other.server.port}`);
      const token = url.searchParams.get('token')!;
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes
      const [name, ...attributes] = other.cookie.split(';');
      expect(name).toMatch(new RegExp(`^rowcol_session_${other.server.port}=`));
      expect(attributes).toEqual([]);
      // The cookie is not the token: the link's value is worthless once used.
      expect(other.cookie).not.toContain(token);
      const page = await send(`${other.server.origin}/`, { headers: other.own });
      expect(page.status).toBe(200);
      expect(page.body).toContain('<div id="root">');
    } finally {
      await other.close();
    }
  });

  it('sets the cookie HttpOnly, SameSite=Strict, for the whole site, and redirects to "/" only', async () => {
    served = await serve();
    // A server of its own, so this test sees the first answer itself.
    const { startWebServer } = await import('../../src/main/web/server.ts');
    const { rendererFixture } = await import('./support.ts');
    const server = await startWebServer({ gate: served.runtime, rendererDir: rendererFixture() });
    try {
      const link = new URL(server.url);
      // Even asked for another path (or a scheme-relative one), the redirect goes to "/".
      const first = await send(`${server.origin}//evil.example/x${link.search}`);
      expect(first.status).toBe(303);
      expect(first.headers.location).toBe('/');
      const cookie = first.headers['set-cookie']![0]!;
      const attributes = cookie
        .split(';')
        .slice(1)
        .map((a) => a.trim());
      expect(attributes).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Strict', 'Path=/']));
      expect(cookie).not.toContain(link.searchParams.get('token')!);
      const second = await send(server.url);
      expect(second.status).toBe(401);
      // With the cookie, a reload of the old link is just sent to the page again (nothing new issued).
      const reload = await send(server.url, { headers: { cookie: cookie.split(';')[0]! } });
      expect(reload.status).toBe(303);
      expect(reload.headers['set-cookie']).toBeUndefined();
    } finally {
      await server.close();
    }
  });

  it('serves the page with the CSP, nosniff, no-referrer and frame-ancestors none', async () => {
    served = await serve();
    const page = await send(`${served.server.origin}/`, { headers: served.own });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toBe(contentSecurityPolicy);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['cache-control']).toBe('no-store');
    const script = await send(`${served.server.origin}/assets/index-abc.js`, {
      headers: served.own,
    });
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves only files inside the built window: no hidden files, no way out of the folder', async () => {
    served = await serve();
    for (const path of [
      '/.secret',
      '/..%2Foutside.txt',
      '/assets/..%2F..%2Foutside.txt',
      '/../outside.txt',
      '/assets/%2e%2e/%2e%2e/outside.txt',
      '/nope.js',
    ])
      expect((await send(`${served.server.origin}${path}`, { headers: served.own })).status).toBe(
        404,
      );
  });
});

describe('DNS rebinding and cross-site requests', () => {
  it('refuses a Host that is not this address and port (403), even with the cookie', async () => {
    served = await serve();
    const { origin, port } = served.server;
    for (const host of [
      'evil.example',
      `evil.example:${port}`,
      `127.0.0.1:${port + 1}`,
      '127.0.0.1',
    ]) {
      const page = await send(`${origin}/`, { headers: { ...served.own, host } });
      expect(page.status, host).toBe(403);
      const call = await invokeOver(served, { channel: 'app:get-info', arg: {} }, { host });
      expect(call.status, host).toBe(403);
      expect(JSON.parse(call.body).ok).toBe(false);
    }
    // localhost:PORT names the same server.
    expect(
      (await send(`${origin}/`, { headers: { ...served.own, host: `localhost:${port}` } })).status,
    ).toBe(200);
  });

  it('refuses a call from another origin (403) and never runs it', async () => {
    served = await serve();
    const { port } = served.server;
    for (const origin of [
      'http://evil.example',
      `http://127.0.0.1:${port + 1}`,
      `https://127.0.0.1:${port}`,
      'null',
    ]) {
      const call = await invokeOver(served, { channel: 'tray:recheck', arg: {} }, { origin });
      expect(call.status, origin).toBe(403);
      expect(JSON.parse(call.body)).toEqual({
        ok: false,
        error: { code: 'INVALID_INPUT', message: 'Requests from other sites are refused.' },
      });
      const events = await send(`${served.server.origin}/api/events`, {
        headers: { ...served.own, origin },
      });
      expect(events.status, origin).toBe(403);
    }
    // A sibling site's script without an Origin is still told apart by fetch metadata.
    const sibling = await invokeOver(
      served,
      { channel: 'app:get-info', arg: {} },
      { 'sec-fetch-site': 'same-site' },
    );
    expect(sibling.status).toBe(403);
  });

  it('accepts a call only as JSON, so a form on another page cannot post one', async () => {
    served = await serve();
    const call = await invokeOver(
      served,
      { channel: 'app:get-info', arg: {} },
      { 'content-type': 'text/plain' },
    );
    expect(call.status).toBe(415);
    expect(JSON.parse(call.body).ok).toBe(false);
  });
});
