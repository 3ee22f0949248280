// The reliability list of issue 4, against the emulator (real HTTP, real SQLite file, real intuit-oauth).
import { afterEach, describe, expect, it } from 'vitest';
import { getClient } from '../../src/main/db/repositories/clients.ts';
import { listHygieneItems } from '../../src/main/db/repositories/hygiene-items.ts';
import { recentLog } from '../../src/main/db/repositories/integration-log.ts';
import { countMirror, readMirror } from '../../src/main/db/repositories/mirror.ts';
import { readRefresh } from '../../src/main/sync/read-refresh.ts';
import { emulatorCount, startHarness, type Harness } from './support/harness.ts';

const fast = { perMinute: 100_000, perSecond: 1_000, concurrent: 10 };

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function synced(over: Parameters<Harness['engine']>[0] = {}) {
  h = await startHarness({ limits: fast });
  const client = h.clients[0]!;
  let nowMs = Date.now();
  const engine = h.engine({ limits: fast, now: () => new Date(nowMs), ...over });
  const first = await engine.syncClient(client.businessId);
  expect(first.error).toBeNull();
  await h.admin('DELETE', '/counters');
  const scope = { advisorId: 'local', businessId: client.businessId };
  return { h, client, engine, scope, advance: (seconds: number) => void (nowMs += seconds * 1000) };
}

const openCodes = (h: Harness, businessId: string) =>
  listHygieneItems(h.db, { advisorId: 'local', businessId }).map((i) => i.code);

describe('Smart Sync reads', () => {
  it('CACHED_OK on a fresh mirror makes no request; STRICT fetches and beats the warm cache; stale fetches', async () => {
    const { h, client, engine, scope, advance } = await synced();
    const bill = readMirror(h.db, scope, 'Bill')[0]!;
    await h.admin('POST', `/companies/${client.realmId}/Bill/${bill.qboId}`, {
      PrivateNote: 'changed in QuickBooks',
    });
    await h.admin('DELETE', '/counters');

    const cached = await readRefresh(engine, 'Bill', client.businessId, 'CACHED_OK');
    expect(cached.fresh).toBe(true);
    expect(cached.fetched).toBe(false);
    expect(await h.requests()).toBe(0);
    expect(cached.records.find((r) => r.qboId === bill.qboId)?.version).toBe(bill.version);

    const strict = await readRefresh(engine, 'Bill', client.businessId, 'STRICT');
    expect(strict.fetched).toBe(true);
    expect(await h.requests()).toBe(1);
    const fresh = strict.records.find((r) => r.qboId === bill.qboId)!;
    expect(Number(fresh.version)).toBe(Number(bill.version) + 1);
    expect((fresh.data as { PrivateNote?: string }).PrivateNote).toBe('changed in QuickBooks');
    expect(recentLog(h.db, 'local', client.businessId, 1)[0]).toMatchObject({
      direction: 'INBOUND',
      entity: 'Bill',
      operation: 'cdc',
      status: 'ok',
    });

    await h.admin('DELETE', '/counters');
    advance(899);
    expect((await readRefresh(engine, 'Bill', client.businessId, 'CACHED_OK')).fetched).toBe(false);
    expect(await h.requests()).toBe(0);
    advance(2); // Bill's policy: 900 s
    const stale = await readRefresh(engine, 'Bill', client.businessId, 'CACHED_OK');
    expect(stale.fetched).toBe(true);
    expect(await h.requests()).toBe(1);
  });

  it('a 429 storm ends in bounded retries, a visible tray item and the mirror still served; a later success clears it', async () => {
    const { h, client, engine, scope } = await synced({
      retry: { maxAttempts: 3, maxTotalMs: 2000, baseDelayMs: 5, maxDelayMs: 20 },
    });
    await h.admin('POST', '/faults', { storm429: 1000 });
    const read = await readRefresh(engine, 'Invoice', client.businessId, 'STRICT');
    expect(read.error?.code).toBe('RATE_LIMITED');
    expect(read.records.length).toBe(countMirror(h.db, scope, 'Invoice'));
    expect(read.records.length).toBeGreaterThan(0);
    expect(read.ageSeconds).not.toBeNull();
    const counters = await h.admin<{
      realms: Record<string, { total: number; throttled: number }>;
    }>('GET', '/counters');
    expect(counters.realms[client.realmId]?.throttled).toBe(3);
    expect(counters.realms[client.realmId]?.total).toBe(0);
    expect(openCodes(h, client.businessId)).toContain('SYNC_THROTTLED');
    expect(recentLog(h.db, 'local', client.businessId, 1)[0]).toMatchObject({
      status: 'error',
      operation: 'sync',
    });

    await h.admin('DELETE', '/faults');
    const again = await readRefresh(engine, 'Invoice', client.businessId, 'STRICT');
    expect(again.error).toBeNull();
    expect(openCodes(h, client.businessId)).not.toContain('SYNC_THROTTLED');
  });

  it('with QuickBooks gone, every read answers from the mirror with its age', async () => {
    const { h, client, engine, scope } = await synced({
      breaker: { failureThreshold: 3, coolDownMs: 60_000 },
    });
    await h.emulator.close();
    for (const entity of ['Bill', 'Invoice', 'Account', 'Vendor', 'Customer', 'Payment'] as const) {
      const read = await readRefresh(engine, entity, client.businessId, 'STRICT');
      expect(read.error?.code, entity).toBe('OFFLINE');
      expect(read.records.length, entity).toBe(countMirror(h.db, scope, entity));
      expect(read.ageSeconds, entity).toBeGreaterThanOrEqual(0);
      expect(read.syncedAt, entity).not.toBeNull();
    }
    expect(openCodes(h, client.businessId)).toContain('SYNC_FAILED');
  });
});

describe('tokens during sync', () => {
  it('a 401 in the middle of a sync causes exactly one refresh and the sync goes on', async () => {
    h = await startHarness({ limits: fast });
    const client = h.clients[0]!;
    await h.admin('DELETE', '/counters');
    let armed: Promise<unknown> | undefined;
    const engine = h.engine({
      limits: { ...fast, concurrent: 1 },
      pageSize: 20,
      onProgress: () => void (armed ??= h!.admin('POST', '/faults', { force401: 1 })),
    });
    const summary = await engine.syncClient(client.businessId);
    await armed;
    expect(summary.error).toBeNull();
    expect(summary.stats.refreshes).toBe(1);
    const counters = await h.admin<{ refreshes: number }>('GET', '/counters');
    expect(counters.refreshes).toBe(1);
    expect(countMirror(h.db, { advisorId: 'local', businessId: client.businessId }, 'Bill')).toBe(
      await emulatorCount(h, client.realmId, 'Bill'),
    );
  });

  it('refreshes an access token shortly before it expires, with no 401 on the way, and saves the rotated refresh token', async () => {
    const { h, client, engine, advance } = await synced();
    const before = (await h.vault.load(client.businessId))!;
    advance(3600 - 100); // inside the refresh margin of a 3600 s token
    const summary = await engine.syncClient(client.businessId);
    expect(summary.error).toBeNull();
    expect(summary.stats.refreshes).toBe(0); // no 401 was needed
    expect((await h.admin<{ refreshes: number }>('GET', '/counters')).refreshes).toBe(1);
    const after = (await h.vault.load(client.businessId))!;
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(after.refreshToken).not.toBe(before.refreshToken);
  });

  it('invalid_grant marks the client "reconnect needed" and raises the tray item, without a retry loop', async () => {
    const changes: string[] = [];
    const { h, client, engine } = await synced({
      onConnectionChanged: (id, state) => void changes.push(`${id}:${state}`),
    });
    await h.admin('POST', '/oauth/revoke-all', {});
    const summary = await engine.syncClient(client.businessId);
    expect(summary.error?.code).toBe('AUTH_REQUIRED');
    // One refresh attempt (refused, so the emulator counts no successful refresh), no second one.
    expect(summary.stats.refreshes).toBe(1);
    expect(engine.server(getClient(h.db, 'local', client.businessId)!).tokens.refreshCount).toBe(1);
    expect(
      (await h.admin<{ refreshes: number; tokensIssued: number }>('GET', '/counters')).refreshes,
    ).toBe(0);
    expect(getClient(h.db, 'local', client.businessId)?.connectionState).toBe('reconnect_needed');
    expect(openCodes(h, client.businessId)).toContain('RECONNECT_NEEDED');
    expect(changes).toEqual([`${client.businessId}:reconnect_needed`]);
    await h.admin('DELETE', '/counters');
    const again = await engine.syncClient(client.businessId);
    expect(again.error?.code).toBe('AUTH_REQUIRED');
    expect(await h.requests()).toBe(0);
  });
});

describe('changes made in QuickBooks', () => {
  it('an edit, a deletion and a new record reach the mirror with a single CDC request', async () => {
    const { h, client, engine, scope } = await synced();
    const invoice = readMirror(h.db, scope, 'Invoice')[0]!;
    // An unpaid bill: QBO refuses to delete one with payments linked.
    const bill = readMirror(h.db, scope, 'Bill').find((r) => {
      const d = r.data as { Balance?: number; TotalAmt?: number; LinkedTxn?: unknown[] };
      return d.Balance === d.TotalAmt && !d.LinkedTxn?.length;
    })!;
    const vendorsBefore = countMirror(h.db, scope, 'Vendor');
    const billsBefore = countMirror(h.db, scope, 'Bill');
    await h.admin('POST', `/companies/${client.realmId}/Invoice/${invoice.qboId}`, {
      PrivateNote: 'edited',
    });
    await h.admin('DELETE', `/companies/${client.realmId}/Bill/${bill.qboId}`);
    await h.admin('POST', `/companies/${client.realmId}/Vendor`, {
      DisplayName: 'Brand New Supplies LLC',
    });
    await h.admin('DELETE', '/counters');

    const summary = await engine.syncClient(client.businessId);
    expect(summary.error).toBeNull();
    expect(summary.mode).toBe('incremental');
    expect(await h.requests()).toBe(1);
    const edited = readMirror(h.db, scope, 'Invoice').find((r) => r.qboId === invoice.qboId)!;
    expect(Number(edited.version)).toBe(Number(invoice.version) + 1);
    expect(readMirror(h.db, scope, 'Bill').some((r) => r.qboId === bill.qboId)).toBe(false);
    expect(countMirror(h.db, scope, 'Bill')).toBe(billsBefore - 1);
    expect(countMirror(h.db, scope, 'Bill', true)).toBe(billsBefore);
    expect(countMirror(h.db, scope, 'Vendor')).toBe(vendorsBefore + 1);
    expect(summary.counts.deleted).toBe(1);
  });
});
