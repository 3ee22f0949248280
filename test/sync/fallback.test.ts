// When CDC cannot answer in one go, no change is lost, deletions included: a capped answer (1000 objects,
// oldest first) is applied and CDC is asked again from its newest change; a cursor older than CDC's 30 days
// gets a reconciling full load that marks deleted what QBO no longer has.
import { afterEach, describe, expect, it } from 'vitest';
import { countMirror, readMirror } from '../../src/main/db/repositories/mirror.ts';
import { startHarness, type Harness } from './support/harness.ts';

const fast = { perMinute: 100_000, perSecond: 1_000, concurrent: 10 };
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** Deletes the first of these invoices QBO lets go (one with payments linked is refused). */
async function deleteOne(h: Harness, realmId: string, ids: readonly string[]): Promise<string> {
  for (const id of ids) {
    try {
      await h.admin('DELETE', `/companies/${realmId}/Invoice/${id}`);
      return id;
    } catch {
      // payments linked: try the next
    }
  }
  throw new Error('no deletable invoice');
}

type Counters = { realms: Record<string, { requests: Record<string, number> }> };

describe('CDC fallback', () => {
  it('reloads and lands edits and deletions when the cursor is older than 30 days', async () => {
    h = await startHarness({ limits: fast });
    const client = h.clients[0]!;
    const scope = { advisorId: 'local', businessId: client.businessId };
    const engine = h.engine({ limits: fast });
    expect((await engine.syncClient(client.businessId)).error).toBeNull();
    // Only QBO's clock moves: our own clock cannot tell, so QBO refuses the CDC request and we reload.
    await h.admin('POST', '/clock', { advanceSeconds: 31 * 86_400 });
    const [invoice, ...others] = readMirror(h.db, scope, 'Invoice');
    await h.admin('POST', `/companies/${client.realmId}/Invoice/${invoice!.qboId}`, {
      PrivateNote: 'a month later',
    });
    const gone = await deleteOne(
      h,
      client.realmId,
      others.map((r) => r.qboId),
    );
    const before = countMirror(h.db, scope, 'Invoice');
    await h.admin('DELETE', '/counters');
    const summary = await engine.syncClient(client.businessId);
    expect(summary.error).toBeNull();
    const counters = await h.admin<Counters>('GET', '/counters');
    expect(counters.realms[client.realmId]?.requests.query).toBeGreaterThanOrEqual(8);
    const invoices = readMirror(h.db, scope, 'Invoice');
    expect(
      (invoices.find((r) => r.qboId === invoice!.qboId)!.data as { PrivateNote?: string })
        .PrivateNote,
    ).toBe('a month later');
    expect(invoices.find((r) => r.qboId === gone)).toBeUndefined();
    expect(countMirror(h.db, scope, 'Invoice')).toBe(before - 1);
    // The cursor moved with the data: the next run is one CDC request again.
    await h.admin('DELETE', '/counters');
    expect((await engine.syncClient(client.businessId)).mode).toBe('incremental');
    const after = await h.admin<Counters>('GET', '/counters');
    expect(after.realms[client.realmId]?.requests).toEqual({ cdc: 1 });
  });

  it('pages CDC past its 1000-object cap and keeps the deletions', async () => {
    h = await startHarness({ limits: fast, size: 'medium' });
    const client = h.clients[0]!;
    const scope = { advisorId: 'local', businessId: client.businessId };
    const engine = h.engine({ limits: fast });
    expect((await engine.syncClient(client.businessId)).error).toBeNull();
    await h.admin('POST', '/clock', { advanceSeconds: 120 });
    const all = readMirror(h.db, scope, 'Invoice');
    const invoices = all.slice(0, 1001);
    expect(invoices).toHaveLength(1001);
    for (let i = 0; i < invoices.length; i += 20) {
      await Promise.all(
        invoices.slice(i, i + 20).map((r) =>
          h!.admin('POST', `/companies/${client.realmId}/Invoice/${r.qboId}`, {
            PrivateNote: 'bulk edit',
          }),
        ),
      );
      // LastUpdatedTime has whole seconds: spread the edits so CDC can page by time (1000 in one second reloads).
      await h.admin('POST', '/clock', { advanceSeconds: 1 });
    }
    // The newest change, so it is past the first answer's cap.
    const gone = await deleteOne(
      h,
      client.realmId,
      all.slice(1001).map((r) => r.qboId),
    );
    await h.admin('DELETE', '/counters');
    const summary = await engine.syncClient(client.businessId);
    expect(summary.error).toBeNull();
    const counters = await h.admin<Counters>('GET', '/counters');
    expect(counters.realms[client.realmId]?.requests.cdc).toBeGreaterThanOrEqual(2);
    expect(counters.realms[client.realmId]?.requests.query).toBeUndefined();
    const mirror = readMirror(h.db, scope, 'Invoice');
    expect(
      mirror.filter((r) => (r.data as { PrivateNote?: string }).PrivateNote === 'bulk edit'),
    ).toHaveLength(1001);
    expect(mirror.find((r) => r.qboId === gone)).toBeUndefined();
  });
});
