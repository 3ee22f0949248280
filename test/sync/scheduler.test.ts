// The scheduler: several companies in parallel with progress events, cancellation mid-load, and
// resumption from the last committed page (no page fetched twice, counts exact at the end).
import { afterEach, describe, expect, it } from 'vitest';
import { mirroredEntities } from '../../src/core/mirror/entities.ts';
import type { SyncProgress } from '../../src/core/sync.ts';
import { countMirror } from '../../src/main/db/repositories/mirror.ts';
import { listSyncStates } from '../../src/main/db/repositories/sync-state.ts';
import { SyncScheduler, syncClients } from '../../src/main/sync/scheduler.ts';
import { emulatorCount, startHarness, type Harness } from './support/harness.ts';

const fast = { perMinute: 100_000, perSecond: 1_000, concurrent: 10 };
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('scheduler', () => {
  it('one client that throws fails alone: the others in the run still sync', async () => {
    h = await startHarness({ limits: fast });
    const client = h.clients[0]!;
    const summaries = await syncClients(h.engine({ limits: fast }), {
      businessIds: ['no-such-client', client.businessId],
    });
    expect(summaries.map((s) => [s.businessId, s.ok])).toEqual([
      ['no-such-client', false],
      [client.businessId, true],
    ]);
    expect(summaries[0]?.error?.code).toBe('NOT_FOUND');
  });

  it('syncs several companies in parallel with progress, cancels mid-load, resumes from the last committed page', async () => {
    h = await startHarness({ companies: 3, limits: fast, faults: { latencyMs: 2 } });
    const controller = new AbortController();
    const events: SyncProgress[] = [];
    const engine = h.engine({
      limits: { ...fast, concurrent: 2 },
      pageSize: 30,
      onProgress: (p) => {
        events.push(p);
        // Cancel once a paged load is under way in more than one company: a page committed, more to come.
        const midLoads = new Set(
          events
            .filter((e) => e.phase === 'full' && !e.done && e.pagesDone >= 1)
            .map((e) => e.businessId),
        );
        if (midLoads.size > 1 && !controller.signal.aborted)
          controller.abort(new Error('advisor cancelled'));
      },
    });
    const cancelled = await syncClients(engine, { signal: controller.signal, concurrency: 3 });
    expect(cancelled.length).toBeGreaterThan(0);
    expect(cancelled.every((s) => s.cancelled && !s.ok && s.error === null)).toBe(true);
    expect(new Set(events.map((e) => e.businessId)).size).toBeGreaterThan(1); // in parallel across companies
    const midLoad = h.clients
      .flatMap((c) => listSyncStates(h!.db, { advisorId: 'local', businessId: c.businessId }))
      .filter((s) => s.fullLoadPosition !== null);
    expect(midLoad.length).toBeGreaterThan(0);

    // Resume: a new scheduler picks up where the committed pages end.
    const scheduler = new SyncScheduler(h.engine({ limits: fast, pageSize: 30 }), 60_000);
    const resumed = await scheduler.runNow();
    await scheduler.stop();
    expect(resumed.every((s) => s.ok)).toBe(true);
    for (const c of h.clients) {
      const scope = { advisorId: 'local', businessId: c.businessId };
      for (const entity of mirroredEntities) {
        expect(countMirror(h.db, scope, entity), `${c.businessId} ${entity}`).toBe(
          await emulatorCount(h, c.realmId, entity),
        );
        if (entity === 'CompanyInfo') continue;
        const logged = h.db
          .prepare(
            `SELECT COALESCE(SUM(record_count), 0) AS n FROM integration_log WHERE business_id = ? AND entity = ? AND operation = 'query'`,
          )
          .get(c.businessId, entity) as { n: number };
        expect(logged.n, `${c.businessId} ${entity}: no page fetched twice`).toBe(
          countMirror(h.db, scope, entity, true),
        );
      }
    }
  });
});
