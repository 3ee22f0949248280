// One cancel signal covers a whole run: every company, every page, every retry wait. However many requests
// are in flight under it, the run must not print Node's "MaxListenersExceededWarning ... abort listeners"
// (the CLI shows it on stderr, as if something leaked) and must leave no listener behind on the signal;
// cancelling it still stops the run.
import { getEventListeners } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { syncClients } from '../../src/main/sync/scheduler.ts';
import { startHarness, type Harness } from './support/harness.ts';

// QBO's own concurrency per company (10), three companies at once: up to 27 requests share the signal.
const fast = { perMinute: 100_000, perSecond: 1_000, concurrent: 10 };

let h: Harness | undefined;
const warnings: Error[] = [];
const onWarning = (w: Error) => void warnings.push(w);
afterEach(async () => {
  process.off('warning', onWarning);
  warnings.length = 0;
  await h?.close();
  h = undefined;
});

describe('one cancel signal for a run of many pages', () => {
  it('syncs three companies page after page without a listener warning, and leaves no listener on the signal', async () => {
    // Answers that take a moment keep many requests in flight at once.
    h = await startHarness({ companies: 3, limits: fast, faults: { latencyMs: 5 } });
    process.on('warning', onWarning);
    const controller = new AbortController();
    const summaries = await syncClients(h.engine({ limits: fast, pageSize: 10 }), {
      signal: controller.signal,
    });
    expect(summaries.map((s) => s.ok)).toEqual([true, true, true]);
    expect(summaries.reduce((n, s) => n + s.pages, 0)).toBeGreaterThan(100);
    expect(
      warnings.filter((w) => w.name === 'MaxListenersExceededWarning').map((w) => w.message),
    ).toEqual([]);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('still stops every company when the signal is aborted mid-run', async () => {
    h = await startHarness({ companies: 3, limits: fast, faults: { latencyMs: 5 } });
    const controller = new AbortController();
    let pages = 0;
    const engine = h.engine({
      limits: fast,
      pageSize: 10,
      onProgress: () => void (++pages === 20 && controller.abort(new Error('sync cancelled'))),
    });
    const summaries = await syncClients(engine, { signal: controller.signal });
    expect(summaries).toHaveLength(3);
    expect(summaries.every((s) => s.cancelled && !s.ok && s.error === null)).toBe(true);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });
});
