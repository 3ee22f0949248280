// A first load pages with STARTPOSITION: records deleted in QBO behind the page being read shift every
// later record to an earlier position, and a naive next page would start past records never read. Those
// records are unchanged, so no CDC answer would ever bring them: they would be missing for good. The load
// must notice the shift and read them. Purchases, as QBO refuses to delete a bill with payments linked
// to it. Against the emulator, real SQLite file, no mocks.
import { afterEach, describe, expect, it } from 'vitest';
import { countMirror } from '../../src/main/db/repositories/mirror.ts';
import { routeThrough, startRequestGate, type RequestGate } from '../support/request-gate.ts';
import { emulatorCount, startHarness, type Harness } from './support/harness.ts';

const fast = { perMinute: 100_000, perSecond: 1_000, concurrent: 20 };

let h: Harness | undefined;
let gate: RequestGate | undefined;
afterEach(async () => {
  await gate?.close();
  await h?.close();
  h = undefined;
  gate = undefined;
});

describe('a first load while records are deleted in QBO', () => {
  for (const deletions of [3, 15]) {
    it(`reads every record that shifted when ${deletions} already-read ones were deleted between two pages`, async () => {
      h = await startHarness({ limits: fast });
      const { businessId, realmId } = h.clients[0]!;
      const scope = { advisorId: 'local', businessId };
      const total = await emulatorCount(h, realmId, 'Purchase');
      expect(total).toBeGreaterThan(100);
      // The page after the second waits at a gate until the deletions are done, so they are in place
      // before it is read, however long they take.
      gate = await startRequestGate(h.emulator.apiBaseUrl);
      routeThrough(h.db, businessId, gate.url);
      const deleting: Promise<unknown>[] = [];
      const engine = h.engine({
        limits: fast,
        pageSize: 40,
        onProgress: (p) => {
          if (p.entity !== 'Purchase' || p.pagesDone !== 2 || p.done || deleting.length) return;
          gate!.allow(0);
          const read = h!.db
            .prepare('SELECT qbo_id FROM mirror_purchases WHERE business_id = ? LIMIT ?')
            .all(businessId, deletions) as { qbo_id: string }[];
          for (const r of read)
            deleting.push(h!.admin('DELETE', `/companies/${realmId}/Purchase/${r.qbo_id}`, {}));
          void Promise.all(deleting).then(() => gate!.allow(Infinity));
        },
      });
      const first = await engine.syncClient(businessId, { entities: ['Purchase'] });
      expect(first.error).toBeNull();
      await Promise.all(deleting);
      expect(deleting).toHaveLength(deletions);

      // The next sync's CDC brings the deletions; nothing else is missing.
      const second = await engine.syncClient(businessId, { entities: ['Purchase'] });
      expect(second.error).toBeNull();
      expect(countMirror(h.db, scope, 'Purchase')).toBe(total - deletions);
      expect(countMirror(h.db, scope, 'Purchase')).toBe(
        await emulatorCount(h, realmId, 'Purchase'),
      );
    });
  }
});
