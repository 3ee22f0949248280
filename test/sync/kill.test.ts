// A sync process killed with SIGKILL in the middle of its loads (10 kills) leaves the database intact, the
// log and the mirror consistent, and the next run ends with exactly the emulator's record counts. The sync
// runs as the real CLI in a child process against an emulator in this process.
//
// Kill points come from the sync's own progress, never from the clock (a busy machine takes seconds just
// to start the CLI): each run may fetch N pages (a gate in front of the emulator holds every request after
// them) and is killed once K <= N of them are committed, as a read-only connection to the real database
// file sees. N stays below the pages the unfinished loads still need, so every kill lands mid-load.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mirroredEntities, type MirroredEntity } from '../../src/core/mirror/entities.ts';
import { openDatabase, type Db } from '../../src/main/db/open.ts';
import { countMirror } from '../../src/main/db/repositories/mirror.ts';
import { listSyncStates, type SyncState } from '../../src/main/db/repositories/sync-state.ts';
import { routeThrough, startRequestGate, type RequestGate } from '../support/request-gate.ts';
import { emulatorEnv, runRowcol, type KillWhen } from '../support/rowcol-process.ts';
import { emulatorCount, startHarness, type Harness } from './support/harness.ts';

/** Small pages, so the demo company's loads take some 50 pages: room for 10 kills of up to 4 pages each. */
const pageSize = 20;
const maxPagesPerRun = 4;

let h: Harness;
let gate: RequestGate;
let reader: Db;
let scope: { advisorId: string; businessId: string };
const loaded = mirroredEntities.filter((e) => e !== 'CompanyInfo');
const emulatorCounts = new Map<MirroredEntity, number>();

beforeAll(async () => {
  h = await startHarness({
    size: 'small',
    limits: { perMinute: 100_000, perSecond: 1_000, concurrent: 10 },
  });
  gate = await startRequestGate(h.emulator.apiBaseUrl);
  const client = h.clients[0]!;
  scope = { advisorId: 'local', businessId: client.businessId };
  routeThrough(h.db, client.businessId, gate.url);
  for (const e of loaded) emulatorCounts.set(e, await emulatorCount(h, client.realmId, e));
  reader = openDatabase(`${h.dir}/rowcol.db`, { readonly: true });
});
afterAll(async () => {
  reader?.close();
  await gate?.close();
  await h?.close();
});

function runSync(killWhen?: KillWhen) {
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ...emulatorEnv(h.emulator),
    ROWCOL_SYNC_PAGE_SIZE: String(pageSize),
  };
  return runRowcol(['--data-dir', h.dir, 'sync', '--all', '--json'], env, killWhen);
}

const lastLogId = () =>
  (reader.prepare('SELECT COALESCE(MAX(id), 0) AS id FROM integration_log').get() as { id: number })
    .id;

/** Pages committed after log row `after`: one transaction per answer (a CDC answer logs one row per entity). */
const pagesCommittedAfter = (after: number) =>
  (
    reader
      .prepare(
        `SELECT COUNT(DISTINCT COALESCE(intuit_tid, id)) AS n FROM integration_log WHERE id > ? AND status = 'ok' AND operation IN ('query', 'read', 'cdc')`,
      )
      .get(after) as { n: number }
  ).n;

const unfinished = (state: SyncState | undefined) =>
  !state || !state.cursor || state.fullLoadPosition !== null;

/**
 * Fewest query pages the unfinished loads still need: a page brings at most `pageSize` records not read
 * before, and an unfinished load needs one more page at least.
 */
function pagesStillNeeded(): number {
  const states = new Map(listSyncStates(reader, scope).map((s) => [s.entity, s]));
  let pages = 0;
  for (const e of loaded) {
    const state = states.get(e);
    if (!unfinished(state)) continue;
    const left = emulatorCounts.get(e)! - ((state?.fullLoadPosition ?? 1) - 1);
    pages += Math.max(1, Math.ceil(left / pageSize));
  }
  return pages;
}

/** Checks the database after a run; says whether a load was left unfinished and whether a resume point was kept. */
function checkConsistent(): { midLoad: boolean; resumePoint: boolean } {
  let midLoad = false;
  let resumePoint = false;
  expect(reader.pragma('integrity_check', { simple: true })).toBe('ok');
  const states = new Map(listSyncStates(reader, scope).map((s) => [s.entity, s]));
  for (const entity of loaded) {
    const stored = countMirror(reader, scope, entity, true);
    // Every mirror row came with a logged page, in the same transaction, and no page was fetched twice.
    const logged = reader
      .prepare(
        `SELECT COALESCE(SUM(record_count), 0) AS n FROM integration_log WHERE business_id = ? AND entity = ? AND operation = 'query' AND status = 'ok'`,
      )
      .get(scope.businessId, entity) as { n: number };
    expect(logged.n, entity).toBe(stored);
    const state = states.get(entity);
    if (unfinished(state)) midLoad = true;
    if (state?.fullLoadPosition != null) {
      resumePoint = true;
      expect(state.fullLoadPosition - 1, `${entity} resume point`).toBe(stored);
    }
  }
  return { midLoad, resumePoint };
}

describe('sync killed in the middle of its loads', () => {
  it('stays intact and consistent across 10 kills, then ends with exactly the emulator counts', async () => {
    const kills: string[] = [];
    let resumePoints = 0;
    for (let run = 0; run < 10; run++) {
      const needed = pagesStillNeeded();
      // Fewer pages than the loads need, so this run cannot finish them: the kill lands mid-load.
      expect(
        needed,
        `pages the loads still need before run ${run} (kills so far: ${kills.join(', ')})`,
      ).toBeGreaterThan(1);
      const allowed = 1 + Math.floor(Math.random() * Math.min(maxPagesPerRun, needed - 1));
      const killAt = 1 + Math.floor(Math.random() * allowed);
      kills.push(`${killAt} of ${allowed} pages`);
      // The killed run's held requests must be gone first: the gate would count a dead one against
      // this run's allowance if its socket's close has not been seen yet.
      while (gate.held > 0) await new Promise((resolve) => setTimeout(resolve, 10));
      gate.allow(allowed);
      const from = lastLogId();
      const r = await runSync(() => pagesCommittedAfter(from) >= killAt);
      expect(
        r.signal,
        `run ${run} (kill after ${killAt} of ${allowed} pages) ended by itself: ${r.code} ${r.stderr}`,
      ).toBe('SIGKILL');
      const after = checkConsistent();
      expect(after.midLoad, `run ${run} was killed after the loads had finished`).toBe(true);
      if (after.resumePoint) resumePoints++;
    }
    // Some kill must have caught a load between two of its pages, or resuming was never tried.
    expect(resumePoints, `kills: ${kills.join(', ')}`).toBeGreaterThan(0);

    gate.allow(Infinity);
    const last = await runSync();
    expect(last.code, last.stderr).toBe(0);
    expect(checkConsistent().midLoad).toBe(false);
    for (const entity of mirroredEntities) {
      const expected = entity === 'CompanyInfo' ? 1 : emulatorCounts.get(entity);
      expect(countMirror(reader, scope, entity), entity).toBe(expected);
    }
  }, 180_000);
});
