// A sync process killed with SIGKILL at random moments (10 kills) leaves the database intact, the log and
// the mirror consistent, and the next run ends with exactly the emulator's record counts. The sync runs
// as the real CLI in a child process against an emulator in this process.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mirroredEntities } from '../../src/core/mirror/entities.ts';
import { openDatabase } from '../../src/main/db/open.ts';
import { countMirror } from '../../src/main/db/repositories/mirror.ts';
import { listSyncStates } from '../../src/main/db/repositories/sync-state.ts';
import { emulatorEnv, runRowcol } from '../support/rowcol-process.ts';
import { emulatorCount, startHarness, type Harness } from './support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ size: 'small', limits: { perMinute: 100_000, perSecond: 1_000, concurrent: 10 }, faults: { latencyMs: 3 } });
});
afterAll(async () => h?.close());

function runSync(killAfterMs: number | null) {
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, ...emulatorEnv(h.emulator), ROWCOL_SYNC_PAGE_SIZE: '40' };
  return runRowcol(['--data-dir', h.dir, 'sync', '--all', '--json'], env, killAfterMs);
}

/** Returns whether a full load was caught half-way (a resume point was committed). */
function checkConsistent(): boolean {
  let midLoad = false;
  const db = openDatabase(`${h.dir}/rowcol.db`);
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const scope = { advisorId: 'local', businessId: h.clients[0]!.businessId };
    const states = new Map(listSyncStates(db, scope).map((s) => [s.entity, s]));
    for (const entity of mirroredEntities) {
      if (entity === 'CompanyInfo') continue;
      const stored = countMirror(db, scope, entity, true);
      // Every mirror row came with a logged page, in the same transaction, and no page was fetched twice.
      const logged = db
        .prepare(`SELECT COALESCE(SUM(record_count), 0) AS n FROM integration_log WHERE business_id = ? AND entity = ? AND operation = 'query' AND status = 'ok'`)
        .get(scope.businessId, entity) as { n: number };
      expect(logged.n, entity).toBe(stored);
      const state = states.get(entity);
      if (state?.fullLoadPosition != null) {
        midLoad = true;
        expect(state.fullLoadPosition - 1, `${entity} resume point`).toBe(stored);
      }
    }
  } finally {
    db.close();
  }
  return midLoad;
}

describe('sync killed at random moments', () => {
  it('stays intact and consistent across 10 kills, then ends with exactly the emulator counts', async () => {
    const moments: number[] = [];
    let killed = 0;
    let caughtMidLoad = 0;
    // Until ten runs were really killed (a run that finished first counts as a clean run). Kill moments
    // are drawn below what a whole run takes: once the loads are done a run is a short CDC call, and
    // moments past its end would only make clean runs.
    let runTakes = 1450;
    for (let run = 0; killed < 10 && run < 30; run++) {
      const at = 250 + Math.floor(Math.random() * (runTakes - 250));
      moments.push(at);
      const started = Date.now();
      const r = await runSync(at);
      if (r.signal === 'SIGKILL') killed++;
      else {
        expect(r.code, `run ${run} (kill at ${at} ms) ended early: ${r.stderr}`).toBe(0);
        runTakes = Math.max(300, Date.now() - started);
      }
      if (checkConsistent()) caughtMidLoad++;
    }
    expect(killed, `kill moments ${moments.join(', ')} ms`).toBeGreaterThanOrEqual(10);
    // The kills must really interrupt loads, or this test proves nothing.
    expect(caughtMidLoad, `kill moments ${moments.join(', ')} ms`).toBeGreaterThan(0);
    const last = await runSync(null);
    expect(last.code, last.stderr).toBe(0);
    checkConsistent();
    const db = openDatabase(`${h.dir}/rowcol.db`);
    try {
      const client = h.clients[0]!;
      for (const entity of mirroredEntities) {
        expect(countMirror(db, { advisorId: 'local', businessId: client.businessId }, entity), entity).toBe(await emulatorCount(h, client.realmId, entity));
      }
    } finally {
      db.close();
    }
  }, 120_000);
});
