// Several `rowcol hub` processes on one PostgreSQL (real processes, a real PostgreSQL 15, the emulator as
// QBO): started together they sync each company exactly once per refresh; one SIGKILLed mid-sync loses
// its lease and another finishes its job with exact counts, nothing lost or written twice.
import { afterEach, describe, expect, it } from 'vitest';
import { mirroredEntities } from '../../src/core/mirror/entities.ts';
import { listJobs } from '../../src/main/hub/db/repositories/jobs.ts';
import { countMirror } from '../../src/main/hub/db/repositories/mirror.ts';
import { hubTestDrivers } from '../support/postgres.ts';
import { startHubHarness, type HubHarness } from './support/hub-harness.ts';
import { hubEnv, spawnHub, waitFor } from './support/hub-process.ts';

const postgres = hubTestDrivers().find((d) => d.name === 'postgres')!;
if (postgres.skip) console.warn(`skipping the hub fleet tests: ${postgres.skip}`);

let h: HubHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

async function expectMirrorMatchesQbo(hh: HubHarness) {
  for (const c of hh.companies) {
    const counts = await countMirror(hh.db, c.companyId);
    for (const entity of mirroredEntities)
      expect(counts[entity] ?? 0, `${c.realmId} ${entity}`).toBe(
        await hh.emulatorCount(c.realmId, entity),
      );
  }
}

describe.skipIf(postgres.skip !== null)('a fleet of hub processes on one PostgreSQL', () => {
  it('two processes started together sync each of four companies exactly once', async () => {
    h = await startHubHarness(postgres, { companies: 4 });
    const env = hubEnv(h);
    const args = [
      'hub',
      '--once',
      '--workers',
      '1',
      '--page-size',
      '100',
      '--database-url',
      h.url!,
    ];
    const [a, b] = [spawnHub(args, env), spawnHub(args, env)];
    const runs = await Promise.all([a.done, b.done]);
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const jobs = await listJobs(h.db);
    // One refresh, one job per company, each done on its first attempt.
    expect(new Set(jobs.map((j) => j.refreshId)).size).toBe(1);
    expect(jobs.map((j) => j.companyId).sort()).toEqual(h.companies.map((c) => c.companyId).sort());
    expect(jobs.every((j) => j.state === 'done' && j.attempts === 1)).toBe(true);
    for (const c of h.companies) {
      const job = jobs.find((j) => j.companyId === c.companyId)!;
      // Every request QBO saw for the company is a page of that one job: no second sync.
      expect((await h.counters(c.realmId)).total, c.realmId).toBe(job.pages);
      expect(job.records).toBe(sum(await countMirror(h.db, c.companyId)));
    }
    await expectMirrorMatchesQbo(h);
  }, 120_000);

  it('a process SIGKILLed mid-sync loses its lease; another finishes the job with exact counts', async () => {
    h = await startHubHarness(postgres, { companies: 3 });
    const env = hubEnv(h);
    const args = [
      'hub',
      '--once',
      '--workers',
      '1',
      '--page-size',
      '20',
      '--lease-seconds',
      '2',
      '--database-url',
      h.url!,
    ];
    const first = spawnHub(args, env);
    // Killed once five pages of some job are committed, as the database counts them.
    await waitFor(async () => {
      const running = (await listJobs(h!.db)).filter((j) => j.state === 'running');
      return running.some((j) => j.pages >= 5);
    }, first);
    const victim = (await listJobs(h.db)).find((j) => j.state === 'running')!;
    first.child.kill('SIGKILL');
    expect((await first.done).signal).toBe('SIGKILL');
    const atKill = (await listJobs(h.db)).find((j) => j.id === victim.id)!;
    expect(atKill.state).toBe('running');

    const second = spawnHub([...args, '--workers', '3'], env);
    const run = await second.done;
    expect(run.code, run.stderr).toBe(0);
    const jobs = await listJobs(h.db);
    expect(jobs).toHaveLength(3);
    expect(jobs.every((j) => j.state === 'done')).toBe(true);
    const taken = jobs.find((j) => j.id === victim.id)!;
    // Taken over once its lease expired: the second attempt, resumed after the pages already committed.
    expect(taken.attempts).toBe(2);
    expect(taken.pages).toBeGreaterThan(atKill.pages);
    for (const c of h.companies) {
      const job = jobs.find((j) => j.companyId === c.companyId)!;
      // Each row written once: the jobs' counts of written rows equal the mirror's rows.
      expect(job.records, c.realmId).toBe(sum(await countMirror(h.db, c.companyId)));
      // QBO saw each committed page once, plus at most the two the killed process had asked for and
      // not committed (the one it was writing and the next, asked ahead): nothing committed came twice.
      const requests = (await h.counters(c.realmId)).total;
      expect(requests - job.pages, c.realmId).toBeGreaterThanOrEqual(0);
      expect(requests - job.pages, c.realmId).toBeLessThanOrEqual(
        c.companyId === victim.companyId ? 2 : 0,
      );
    }
    await expectMirrorMatchesQbo(h);
  }, 180_000);

  it('a process stopped with SIGTERM gives its job back at once; another finishes it', async () => {
    h = await startHubHarness(postgres, { companies: 1 });
    const env = hubEnv(h);
    // Leases of ten minutes: the job can only go on promptly if the stopping process gives it back.
    const base = ['hub', '--page-size', '20', '--lease-seconds', '600', '--database-url', h.url!];
    const first = spawnHub(base, env);
    await waitFor(async () => (await listJobs(h!.db)).some((j) => j.pages >= 5), first);
    first.child.kill('SIGTERM');
    const stopped = await first.done;
    expect(stopped.code, stopped.stderr).toBe(0);
    expect(stopped.stderr).toContain('its job is free for another hub worker');
    const [atStop] = await listJobs(h.db);
    expect(atStop!.state).toBe('running');

    const second = await spawnHub([...base, '--once'], env).done;
    expect(second.code, second.stderr).toBe(0);
    const [job] = await listJobs(h.db);
    expect(job!.state).toBe('done');
    expect(job!.attempts).toBe(2);
    expect(job!.records).toBe(sum(await countMirror(h.db, h.companies[0]!.companyId)));
    await expectMirrorMatchesQbo(h);
  }, 180_000);
});
