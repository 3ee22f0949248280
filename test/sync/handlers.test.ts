// The sync channels through the runtime's one gate (argument validation + envelope), against the emulator.
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncProgress } from '../../src/core/sync.ts';
import { dispatch } from '../../src/main/handlers/dispatch.ts';
import { startHarness, type Harness } from './support/harness.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('sync channels', () => {
  it('sync:run syncs with progress events, sync:status reports ages, clients:disconnect revokes', async () => {
    h = await startHarness({ limits: { perMinute: 100_000, perSecond: 1000, concurrent: 10 } });
    const rt = h.runtime();
    const events: SyncProgress[] = [];
    rt.on('sync:progress', (p) => events.push(p));
    const businessId = h.clients[0]!.businessId;

    expect(await dispatch(rt.handlers, 'sync:run', { businessId: 42 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(await rt.invoke('sync:run', { businessId: 'nobody' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    const run = await rt.invoke('sync:run', { businessId });
    expect(run).toMatchObject({ ok: true, value: [{ businessId, ok: true, mode: 'full' }] });
    expect(events.some((e) => e.businessId === businessId && e.entity === 'Bill' && e.done)).toBe(
      true,
    );

    const status = await rt.call('sync:status', {});
    expect(status[0]!.entities.every((e) => e.ageSeconds !== null && !e.loading)).toBe(true);

    const changes: string[] = [];
    rt.on('connection:changed', (c) => changes.push(`${c.businessId} ${c.connectionState}`));
    const off = await rt.invoke('clients:disconnect', { businessId });
    expect(off).toEqual({ ok: true, value: { businessId, revoked: true, revokeError: null } });
    expect(changes).toEqual([`${businessId} disconnected`]);
    expect(await h.vault.load(businessId)).toBeUndefined();
    const after = await rt.invoke('sync:run', { businessId });
    expect(after).toMatchObject({
      ok: true,
      value: [{ ok: false, error: { code: 'AUTH_REQUIRED' } }],
    });
  });
});
