// When CDC cannot answer (cursor older than its 30 days, or more than its 1000 objects), the sync falls
// back to MetaData.LastUpdatedTime queries and still lands every change.
import { afterEach, describe, expect, it } from 'vitest';
import { readMirror } from '../../src/main/db/repositories/mirror.ts';
import { startHarness, type Harness } from './support/harness.ts';

const fast = { perMinute: 100_000, perSecond: 1_000, concurrent: 10 };
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

type Counters = { realms: Record<string, { requests: Record<string, number> }> };

describe('CDC fallback', () => {
  it('uses LastUpdatedTime queries when the cursor is older than 30 days', async () => {
    h = await startHarness({ limits: fast });
    const client = h.clients[0]!;
    const scope = { advisorId: 'local', businessId: client.businessId };
    const engine = h.engine({ limits: fast });
    expect((await engine.syncClient(client.businessId)).error).toBeNull();
    // Only QBO's clock moves: our own clock cannot tell, so QBO refuses the CDC request and we fall back.
    await h.admin('POST', '/clock', { advanceSeconds: 31 * 86_400 });
    const invoice = readMirror(h.db, scope, 'Invoice')[0]!;
    await h.admin('POST', `/companies/${client.realmId}/Invoice/${invoice.qboId}`, { PrivateNote: 'a month later' });
    await h.admin('DELETE', '/counters');
    const summary = await engine.syncClient(client.businessId);
    expect(summary.error).toBeNull();
    const counters = await h.admin<Counters>('GET', '/counters');
    expect(counters.realms[client.realmId]?.requests.query).toBeGreaterThanOrEqual(8);
    const edited = readMirror(h.db, scope, 'Invoice').find((r) => r.qboId === invoice.qboId)!;
    expect((edited.data as { PrivateNote?: string }).PrivateNote).toBe('a month later');
    // The cursor moved with the data: the next run is one CDC request again.
    await h.admin('DELETE', '/counters');
    expect((await engine.syncClient(client.businessId)).mode).toBe('incremental');
    const after = await h.admin<Counters>('GET', '/counters');
    expect(after.realms[client.realmId]?.requests).toEqual({ cdc: 1 });
  });

  it('uses LastUpdatedTime queries when CDC is at its 1000-object cap', async () => {
    h = await startHarness({ limits: fast, size: 'medium' });
    const client = h.clients[0]!;
    const scope = { advisorId: 'local', businessId: client.businessId };
    const engine = h.engine({ limits: fast });
    expect((await engine.syncClient(client.businessId)).error).toBeNull();
    await h.admin('POST', '/clock', { advanceSeconds: 120 });
    const invoices = readMirror(h.db, scope, 'Invoice').slice(0, 1001);
    expect(invoices).toHaveLength(1001);
    for (let i = 0; i < invoices.length; i += 20) {
      await Promise.all(invoices.slice(i, i + 20).map((r) => h!.admin('POST', `/companies/${client.realmId}/Invoice/${r.qboId}`, { PrivateNote: 'bulk edit' })));
    }
    await h.admin('DELETE', '/counters');
    const summary = await engine.syncClient(client.businessId);
    expect(summary.error).toBeNull();
    const counters = await h.admin<Counters>('GET', '/counters');
    expect(counters.realms[client.realmId]?.requests.cdc).toBe(1);
    expect(counters.realms[client.realmId]?.requests.query).toBeGreaterThanOrEqual(8);
    const notes = readMirror(h.db, scope, 'Invoice').filter((r) => (r.data as { PrivateNote?: string }).PrivateNote === 'bulk edit');
    expect(notes).toHaveLength(1001);
  });
});
