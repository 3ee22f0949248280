// Cancel from the window (sync:cancel): a run over several clients says "N of M" as each finishes
// (event sync:clients), and cancelling stops the clients still syncing after their committed pages. A
// request gate holds the second client's requests, so the test knows where the run stands without
// depending on the machine's speed.
import { afterEach, describe, expect, it } from 'vitest';
import type { EventMap } from '../../src/core/contract.ts';
import { routeThrough, startRequestGate, type RequestGate } from '../support/request-gate.ts';
import { startHarness, type Harness } from './support/harness.ts';

let h: Harness | undefined;
let gate: RequestGate | undefined;
afterEach(async () => {
  await gate?.close();
  await h?.close();
  h = gate = undefined;
});

describe('sync:cancel', () => {
  it('reports N of M as clients finish, and cancel stops the one still syncing', async () => {
    h = await startHarness({ companies: 2 });
    const [first, second] = h.clients as [Harness['clients'][0], Harness['clients'][0]];
    gate = await startRequestGate(h.emulator.apiBaseUrl);
    gate.allow(0); // the second client's requests wait at the gate, unanswered
    routeThrough(h.db, second.businessId, gate.url);
    const rt = h.runtime();
    const events: EventMap['sync:clients'][] = [];
    rt.on('sync:clients', (p) => events.push(p));

    const run = rt.call('sync:run', {});
    await expect.poll(() => events.at(-1)?.done, { timeout: 30_000 }).toBe(1);
    await expect.poll(() => gate!.held, { timeout: 30_000 }).toBeGreaterThan(0);
    expect(events[0]).toEqual({
      total: 2,
      done: 0,
      businessIds: expect.arrayContaining([first.businessId, second.businessId]),
    });
    expect(events.at(-1)).toEqual({
      total: 2,
      done: 1,
      last: { businessId: first.businessId, ok: true, cancelled: false, errorCode: null },
    });

    expect(await rt.call('sync:cancel', {})).toEqual({ cancelled: 1 });
    const results = await run;
    const outcome = (id: string) => results.find((r) => r.businessId === id);
    expect(results).toHaveLength(2);
    expect(outcome(first.businessId)).toMatchObject({ ok: true, cancelled: false, error: null });
    expect(outcome(second.businessId)).toMatchObject({ ok: false, cancelled: true, error: null });
    expect(events.at(-1)).toMatchObject({
      total: 2,
      done: 2,
      last: { businessId: second.businessId, cancelled: true },
    });
    // The abandoned requests went away with the cancel: opening the gate now sends nothing on.
    gate.allow(Infinity);
    expect(gate.held).toBe(0);
    expect(gate.forwarded).toBe(0);
    // Nothing is left running: cancelling again finds nothing, and the next run resumes and finishes.
    expect(await rt.call('sync:cancel', {})).toEqual({ cancelled: 0 });
    routeThrough(h.db, second.businessId, h.emulator.apiBaseUrl);
    const again = await rt.call('sync:run', { businessId: second.businessId });
    expect(again.map((r) => [r.ok, r.error])).toEqual([[true, null]]);
  });
});
