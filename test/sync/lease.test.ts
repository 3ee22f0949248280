// The sync lease that keeps two processes on one data folder from syncing the same client at once.
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { saveClient } from '../../src/main/db/repositories/clients.ts';
import { readLease } from '../../src/main/db/repositories/sync-leases.ts';
import { SyncLeases } from '../../src/main/sync/lease.ts';
import { tempDataDir } from '../support/temp-db.ts';

let env: ReturnType<typeof tempDataDir>;
afterEach(() => env.cleanup());

function setup() {
  env = tempDataDir();
  const businessId = saveClient(env.db, {
    advisorId: 'local',
    realmId: '1',
    environment: 'custom',
    displayName: 'Bluebird Bakery',
    now: '2026-11-26T10:00:00Z',
  });
  return { db: env.db, scope: { advisorId: 'local', businessId } };
}

describe('sync lease', () => {
  it('a second holder waits, is told who holds it, and learns that the first run succeeded', async () => {
    const { db, scope } = setup();
    const first = await new SyncLeases(db, 'local').hold(scope.businessId);
    expect(readLease(db, scope)).toMatchObject({ host: hostname(), pid: process.pid });
    const told: string[] = [];
    const second = new SyncLeases(db, 'local').hold(scope.businessId, undefined, (h) => {
      told.push(h.owner);
      first.release(true); // the first run ends while the second waits
    });
    const held = await second;
    expect(told).toHaveLength(1);
    expect(held.waitedFor).toBeDefined();
    expect(held.syncedMeanwhile).toBe(true);
    held.release(true);
  });

  it("hands the last run's request times to the next holder (QBO counts them for the company)", async () => {
    const { db, scope } = setup();
    const first = await new SyncLeases(db, 'local').hold(scope.businessId);
    const times = [Date.now() - 900, Date.now() - 400];
    first.release(true, times);
    const next = await new SyncLeases(db, 'local').hold(scope.businessId);
    expect(next.earlierRequests).toEqual(times);
    next.release(true);
  });

  it('after a failed run the waiter syncs itself', async () => {
    const { db, scope } = setup();
    const first = await new SyncLeases(db, 'local').hold(scope.businessId);
    const held = await new SyncLeases(db, 'local').hold(scope.businessId, undefined, () =>
      first.release(false),
    );
    expect(held.syncedMeanwhile).toBe(false);
    held.release(true);
  });

  it('takes over at once from a process that died holding it (a SIGKILLed CLI)', async () => {
    const { db, scope } = setup();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    });
    const deadPid = Number(dead.stdout);
    db.prepare(
      `INSERT INTO sync_leases (advisor_id, business_id, owner, host, pid, acquired_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      'local',
      scope.businessId,
      `${hostname()}:${deadPid}:gone`,
      hostname(),
      deadPid,
      new Date().toISOString(),
      new Date(Date.now() + 3_600_000).toISOString(),
    );
    let waited = false;
    const held = await new SyncLeases(db, 'local').hold(
      scope.businessId,
      undefined,
      () => (waited = true),
    );
    expect(waited).toBe(false);
    expect(held.syncedMeanwhile).toBe(false);
    held.release(true);
  });

  it('stops waiting when the sync is cancelled', async () => {
    const { db, scope } = setup();
    const first = await new SyncLeases(db, 'local').hold(scope.businessId);
    const controller = new AbortController();
    const waiting = new SyncLeases(db, 'local').hold(scope.businessId, controller.signal, () =>
      controller.abort(new Error('sync cancelled')),
    );
    await expect(waiting).rejects.toThrow('sync cancelled');
    first.release(true);
  });
});
