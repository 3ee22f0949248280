// POST /api/invoke is the same gate as Electron's IPC: the runtime's dispatch, its schemas, its channel
// allowlist and its result envelope, byte for byte.
import { afterEach, describe, expect, it } from 'vitest';
import { send, invokeOver, serve, type Served } from './support.ts';

let served: Served | undefined;
afterEach(async () => {
  await served?.close();
  served = undefined;
});

describe('invoke over HTTP', () => {
  it('answers a contract call with the envelope the runtime gives', async () => {
    served = await serve();
    const call = await invokeOver(served, { channel: 'app:get-info', arg: {} });
    expect(call.status).toBe(200);
    expect(call.headers['cache-control']).toBe('no-store');
    const body = JSON.parse(call.body);
    expect(body).toEqual({
      ok: true,
      value: expect.objectContaining({ dataDir: served.runtime.dataDir }),
    });
    expect(body).toEqual(await served.runtime.dispatch('app:get-info', {}));
  });

  it('refuses an unknown channel with the contract’s error, as dispatch does', async () => {
    served = await serve();
    for (const channel of ['nope', '__proto__', 'constructor', 42, null]) {
      const call = await invokeOver(served, { channel, arg: {} });
      expect(call.status).toBe(200);
      const body = JSON.parse(call.body);
      expect(body).toEqual(await served.runtime.dispatch(channel, {}));
      expect(body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      expect(body.error.message).toMatch(/^Unknown channel /);
    }
  });

  it('refuses a bad argument with the schema’s message, and nothing is done', async () => {
    served = await serve();
    const bad = [
      ['tray:list', { businessId: 5 }],
      ['tray:decide', { businessId: 'b', itemId: 1, decision: 'delete-everything' }],
      ['app:get-info', { extra: true }],
      ['calls:record', 'not an object'],
    ] as const;
    for (const [channel, arg] of bad) {
      const call = await invokeOver(served, { channel, arg });
      const body = JSON.parse(call.body);
      expect(body, channel).toEqual(await served.runtime.dispatch(channel, arg));
      expect(body.ok).toBe(false);
      expect(body.error.code).toBe('INVALID_INPUT');
      expect(body.error.message).toContain(`Invalid argument for ${channel}`);
    }
    // The handler's own refusal travels the same way (no such client).
    const missing = JSON.parse(
      (await invokeOver(served, { channel: 'tray:list', arg: { businessId: 'nobody' } })).body,
    );
    expect(missing).toEqual(await served.runtime.dispatch('tray:list', { businessId: 'nobody' }));
  });

  it('refuses a body that is not a call with one INVALID_INPUT line', async () => {
    served = await serve();
    const post = (body: string) =>
      send(`${served!.server.origin}/api/invoke`, {
        method: 'POST',
        headers: { ...served!.own, 'content-type': 'application/json' },
        body,
      });
    for (const body of ['{not json', '[1,2]', 'null', '"app:get-info"']) {
      const reply = await post(body);
      expect(reply.status, body).toBe(400);
      expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    const huge = await post(
      JSON.stringify({ channel: 'app:get-info', arg: { x: 'a'.repeat(2 ** 21) } }),
    );
    expect(huge.status).toBe(413);
    // Only POST invokes.
    const get = await send(`${served.server.origin}/api/invoke`, { headers: served.own });
    expect(get.status).toBe(405);
  });
});
