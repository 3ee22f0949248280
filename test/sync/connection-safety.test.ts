// A client's tokens go only to the server it was connected through, one sync per client runs at a time,
// and a disconnect during a sync wins.
import { afterEach, describe, expect, it } from 'vitest';
import { getClient } from '../../src/main/db/repositories/clients.ts';
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
      endpoints: { apiBaseUrl: h.emulator.apiBaseUrl, authorizeUrl: h.emulator.authorizeUrl, tokenUrl: other.url, revokeUrl: other.url, clientId: h.emulator.clientId, clientSecret: h.emulator.clientSecret },
    });
    const summary = await engine.syncClient(client.businessId);
    expect(summary.error).toBeNull();
    expect(other.refreshes).toBe(0);
    expect((await h.admin<{ refreshes: number }>('GET', '/counters')).refreshes).toBe(1);
  });
});
