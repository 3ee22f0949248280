// A client's tokens go only to the server it was connected through, one sync per client runs at a time,
// and a disconnect during a sync wins.
import { afterEach, describe, expect, it } from 'vitest';
import { getClient, setConnectionState } from '../../src/main/db/repositories/clients.ts';
import { startTokenServer, type TokenServer } from './support/token-server.ts';
import { startHarness, type Harness } from './support/harness.ts';

const fast = { perMinute: 100_000, perSecond: 1_000, concurrent: 10 };
let h: Harness | undefined;
let other: TokenServer | undefined;
afterEach(async () => {
  await h?.close();
  await other?.close();
  h = undefined;
  other = undefined;
});

describe('connection safety', () => {
  it('refreshes at the token endpoint the client was connected through, not the one configured today', async () => {
    h = await startHarness({ limits: fast });
    other = await startTokenServer();
    const client = h.clients[0]!;
    expect(getClient(h.db, 'local', client.businessId)?.tokenUrl).toBe(h.emulator.tokenUrl);
    const nowMs = Date.now() + (3600 - 100) * 1000; // inside the refresh margin of a 3600 s token
    const engine = h.engine({
      limits: fast,
      now: () => new Date(nowMs),
      endpoints: {
        apiBaseUrl: h.emulator.apiBaseUrl,
        authorizeUrl: h.emulator.authorizeUrl,
        tokenUrl: other.url,
        revokeUrl: other.url,
        clientId: h.emulator.clientId,
        clientSecret: h.emulator.clientSecret,
      },
    });
    const summary = await engine.syncClient(client.businessId);
    expect(summary.error).toBeNull();
    expect(other.refreshes).toBe(0);
    expect((await h.admin<{ refreshes: number }>('GET', '/counters')).refreshes).toBe(1);
  });

  it('a second sync of a client while one runs joins it', async () => {
    h = await startHarness({ limits: fast });
    const client = h.clients[0]!;
    const engine = h.engine({ limits: fast });
    const [a, b] = await Promise.all([
      engine.syncClient(client.businessId),
      engine.syncClient(client.businessId),
    ]);
    expect(b).toBe(a);
    expect(a.error).toBeNull();
    const again = await engine.syncClient(client.businessId);
    expect(again).not.toBe(a);
  });

  it('a client disconnected during a sync stays disconnected and gets no tokens back', async () => {
    h = await startHarness({ limits: fast });
    const client = h.clients[0]!;
    let armed: Promise<unknown> | undefined;
    const engine = h.engine({
      limits: { ...fast, concurrent: 1 },
      pageSize: 20,
      onProgress: () =>
        void (armed ??= (async () => {
          // The advisor disconnects (disconnect.ts: tokens deleted, state set) and QBO then refuses the old token.
          await h!.vault.remove(client.businessId);
          setConnectionState(h!.db, 'local', client.businessId, 'disconnected');
          await h!.admin('POST', '/faults', { force401: 1000 });
        })()),
    });
    const summary = await engine.syncClient(client.businessId);
    await armed;
    expect(summary.error?.code).toBe('AUTH_REQUIRED');
    expect(await h.vault.load(client.businessId)).toBeUndefined();
    expect(getClient(h.db, 'local', client.businessId)?.connectionState).toBe('disconnected');
    expect((await h.admin<{ refreshes: number }>('GET', '/counters')).refreshes).toBe(0);
  });
});
