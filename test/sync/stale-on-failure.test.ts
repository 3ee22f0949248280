// A client whose syncs fail keeps showing its (old) mirror; the tray must say both that the sync failed and,
// once the data has aged past its policy, that it is out of date. SYNC_STALE has one home: the tray's
// staleSync rule over sync_state + entity_policy (src/core/hygiene/codes.ts); the engine raises only the
// failure. Real emulator on loopback, real SQLite file.
import { afterEach, describe, expect, it } from 'vitest';
import { listHygieneItems } from '../../src/main/db/repositories/hygiene-items.ts';
import { recomputeTray } from '../../src/main/services/tray/recompute.ts';
import type { SyncProblemCode } from '../../src/main/sync/hygiene.ts';
import { startHarness, type Harness } from './support/harness.ts';

const fast = { perMinute: 100_000, perSecond: 1_000, concurrent: 10 };

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

// The typecheck (npm test) proves the engine cannot raise it: codes.ts gives SYNC_STALE to the tray's rule.
// @ts-expect-error SYNC_STALE is not a code the sync engine raises
const _notTheEngines: SyncProblemCode = 'SYNC_STALE';

describe('a failing client with old data', () => {
  it('shows SYNC_FAILED at once, and SYNC_STALE per entity only when its data is older than its policy', async () => {
    h = await startHarness({ limits: fast });
    const client = h.clients[0]!;
    const scope = { advisorId: 'local', businessId: client.businessId };
    let nowMs = Date.now();
    const now = () => new Date(nowMs);
    // No retries: every attempt would get the same 503.
    const engine = h.engine({
      limits: fast,
      now,
      retry: { maxAttempts: 1, maxTotalMs: 0, baseDelayMs: 0, maxDelayMs: 0 },
    });
    expect((await engine.syncClient(client.businessId)).error).toBeNull();

    // QuickBooks answers every request with 503 from now on. A failure right after a good sync: the data
    // is fresh, so only the failure shows.
    await h.admin('POST', '/faults', { errorRate: 1, errorStatus: 503 });
    expect((await engine.syncClient(client.businessId)).error).not.toBeNull();
    recomputeTray(h.db, scope, now());
    const open = () => listHygieneItems(h!.db, scope).filter((i) => i.code.startsWith('SYNC_'));
    expect(open().map((i) => i.code)).toEqual(['SYNC_FAILED']);

    // Two days on, still failing: every mirrored entity is past its policy (at most a day), each shown stale.
    nowMs += 2 * 86_400_000;
    expect((await engine.syncClient(client.businessId)).error).not.toBeNull();
    // The engine itself raised no client-wide SYNC_STALE beside the tray's rule.
    expect(
      listHygieneItems(h.db, scope).filter(
        (i) => i.code === 'SYNC_STALE' && i.recordKey === 'client',
      ),
    ).toEqual([]);
    recomputeTray(h.db, scope, now());
    const stale = open().filter((i) => i.code === 'SYNC_STALE');
    expect(stale.map((i) => i.entity)).toEqual(
      expect.arrayContaining(['Account', 'Bill', 'Invoice', 'Purchase']),
    );
    // One item per entity from the tray's rule, none client-wide from the engine.
    expect(stale.every((i) => i.recordKey === `sync:${i.entity}`)).toBe(true);
    expect(stale[0]).toMatchObject({
      severity: 'medium',
      title: expect.stringMatching(/^Sync is stale for /),
    });
    expect(open().map((i) => i.code)).toContain('SYNC_FAILED');
  });
});
