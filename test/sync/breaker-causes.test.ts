// The circuit breaker is for a company that is down: neither our own cancel nor QBO's throttling may open
// it, and a throttled run is reported as throttled (RATE_LIMITED, SYNC_THROTTLED), not as offline.
import { afterEach, describe, expect, it } from 'vitest';
import { listHygieneItems } from '../../src/main/db/repositories/hygiene-items.ts';
import { startHarness, type Harness } from './support/harness.ts';

const fast = { perMinute: 100_000, perSecond: 1_000, concurrent: 10 };
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('circuit breaker causes', () => {
  it('a sync cancelled mid-load leaves the breaker closed: the next sync works at once', async () => {
    h = await startHarness({ limits: fast, size: 'medium' });
    const client = h.clients[0]!;
    const controller = new AbortController();
    // Many parallel page requests in flight when the cancel lands (threshold 2: any counted abort would open it).
    const engine = h.engine({
      limits: fast,
      pageSize: 50,
      breaker: { failureThreshold: 2, coolDownMs: 60_000 },
      onProgress: () => controller.abort(new Error('sync cancelled')),
    });
    const cancelled = await engine.syncClient(client.businessId, { signal: controller.signal });
    expect(cancelled.cancelled).toBe(true);
    const again = await engine.syncClient(client.businessId);
    expect(again.error).toBeNull();
    expect(again.ok).toBe(true);
  });

  it('a 429 storm is reported as throttling and does not open the breaker', async () => {
    h = await startHarness({ limits: fast });
    const client = h.clients[0]!;
    const engine = h.engine({
      limits: fast,
      retry: { maxAttempts: 2, maxTotalMs: 200, baseDelayMs: 5, maxDelayMs: 20 },
      breaker: { failureThreshold: 2, coolDownMs: 60_000 },
    });
    await h.admin('POST', '/faults', { storm429: 1000 });
    const throttled = await engine.syncClient(client.businessId);
    expect(throttled.error?.code).toBe('RATE_LIMITED');
    const codes = listHygieneItems(h.db, { advisorId: 'local', businessId: client.businessId }).map(
      (i) => i.code,
    );
    expect(codes).toContain('SYNC_THROTTLED');
    await h.admin('DELETE', '/faults');
    const after = await engine.syncClient(client.businessId);
    expect(after.error).toBeNull();
  });
});
