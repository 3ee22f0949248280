// The sync channels through dispatch (argument validation + envelope), against the emulator.
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncProgress } from '../../src/core/sync.ts';
import type { HandlerContext } from '../../src/main/handlers/context.ts';
import { dispatch } from '../../src/main/handlers/dispatch.ts';
import { createHandlers } from '../../src/main/handlers/index.ts';
import { startHarness, type Harness } from './support/harness.ts';
import { endpointsOf } from '../../src/main/qbo/endpoints.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('sync channels', () => {
  it('sync:run syncs with progress events, sync:status reports ages, clients:disconnect revokes', async () => {
    h = await startHarness({ limits: { perMinute: 100_000, perSecond: 1000, concurrent: 10 } });
    const events: SyncProgress[] = [];
    const ctx: HandlerContext = { db: h.db, advisorId: 'local', dataDir: h.dir, appVersion: 'test', now: () => new Date(), emit: (e, p) => void (e === 'sync:progress' && events.push(p as SyncProgress)) };
    const engine = h.engine({ onProgress: (p) => ctx.emit?.('sync:progress', p) });
    ctx.sync = { engine, vault: h.vault, endpoints: endpointsOf(h.emulator) };
    const handlers = createHandlers(ctx);
    const businessId = h.clients[0]!.businessId;

    expect(await dispatch(handlers, 'sync:run', { businessId: 42 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await dispatch(handlers, 'sync:run', { businessId: 'nobody' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const run = await dispatch(handlers, 'sync:run', { businessId });
    expect(run).toMatchObject({ ok: true, value: [{ businessId, ok: true, mode: 'full' }] });
    expect(events.some((e) => e.businessId === businessId && e.entity === 'Bill' && e.done)).toBe(true);

    const status = await dispatch(handlers, 'sync:status', {});
    expect(status.ok && (status.value as { entities: { ageSeconds: number | null; loading: boolean }[] }[])[0]!.entities.every((e) => e.ageSeconds !== null && !e.loading)).toBe(true);

    const off = await dispatch(handlers, 'clients:disconnect', { businessId });
    expect(off).toEqual({ ok: true, value: { businessId, revoked: true } });
    expect(await h.vault.load(businessId)).toBeUndefined();
    const after = await dispatch(handlers, 'sync:run', { businessId });
    expect(after).toMatchObject({ ok: true, value: [{ ok: false, error: { code: 'AUTH_REQUIRED' } }] });
  });
});
