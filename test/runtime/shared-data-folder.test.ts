// Processes that share a data folder: the window and the CLI, or two CLIs, at once. Reads never write
// (so they never meet "database is locked"), and one client is synced by one process at a time: two
// `rowcol sync --all` started together cost QBO what one costs.
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/db/open.ts';
import { emulatorEnv, runRowcol, type RowcolRun } from '../support/rowcol-process.ts';
import { startHarness, type Harness } from '../sync/support/harness.ts';

let harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses) await h.close();
  harnesses = [];
});

const fastLimits = { perMinute: 100_000, perSecond: 1_000, concurrent: 10 };
const cliEnv = (h: Harness, extra: NodeJS.ProcessEnv = {}) => ({
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  ...emulatorEnv(h.emulator),
  ...extra,
});
const sync = (h: Harness) =>
  runRowcol(
    ['--data-dir', h.dir, 'sync', '--all', '--json'],
    cliEnv(h, { ROWCOL_SYNC_PAGE_SIZE: '25' }),
  );

async function harness(): Promise<Harness> {
  const h = await startHarness({
    seed: 11,
    companies: 2,
    size: 'small',
    limits: fastLimits,
    faults: { latencyMs: 2 },
  });
  harnesses.push(h);
  return h;
}

const loggedPages = (h: Harness) =>
  (
    h.db
      .prepare(
        `SELECT COUNT(*) AS n FROM integration_log WHERE operation = 'query' AND status = 'ok'`,
      )
      .get() as { n: number }
  ).n;

describe('processes on one data folder', () => {
  it('every read succeeds and writes nothing while another connection holds the write lock', async () => {
    const h = await harness();
    const rt = h.runtime();
    for (const r of await rt.call('sync:run', {})) expect(r.error).toBeNull();
    const businessId = h.clients[0]!.businessId;
    // Another process mid-transaction: a read that tried to write would fail at once (no waiting).
    rt.db.pragma('busy_timeout = 0');
    const writer = openDatabase(`${h.dir}/rowcol.db`);
    writer.prepare('BEGIN IMMEDIATE').run();
    try {
      const changesBefore = (rt.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
      for (let i = 0; i < 20; i++) {
        expect((await rt.call('clients:overview', {})).length).toBe(2);
        await rt.call('clients:list', {});
        await rt.call('tray:list', { businessId });
        await rt.call('console:list', { businessId });
        await rt.call('calls:list', {});
        await rt.call('collections:list', {});
        await rt.call('digest:export-target', {});
        await rt.call('sync:status', {});
        expect(await rt.call('digest:build', { businessId })).toHaveLength(1);
      }
      expect((rt.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n).toBe(
        changesBefore,
      );
      // The control: a call that does write meets the lock at once, so the reads above really wrote nothing.
      expect(await rt.invoke('tray:recheck', { businessId })).toMatchObject({
        ok: false,
        error: { message: expect.stringMatching(/database is locked/) },
      });
    } finally {
      writer.prepare('ROLLBACK').run();
      writer.close();
    }
  });

  it('with `rowcol sync --all` running, 100 reads from another process all succeed', async () => {
    const h = await harness();
    const child = spawn(
      process.execPath,
      ['bin/rowcol.js', '--data-dir', h.dir, 'sync', '--all', '--json'],
      {
        cwd: new URL('../..', import.meta.url),
        env: cliEnv(h, { ROWCOL_SYNC_PAGE_SIZE: '10' }),
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );
    // Start reading once the sync has committed its first page: from then on it writes page after page.
    while (loggedPages(h) === 0 && child.exitCode === null)
      await new Promise((r) => setImmediate(r));
    const rt = h.runtime();
    const businessId = h.clients[0]!.businessId;
    const failures: string[] = [];
    for (let i = 0; i < 100; i++) {
      const r = await [
        () => rt.invoke('clients:overview', {}),
        () => rt.invoke('tray:list', { businessId }),
        () => rt.invoke('console:list', { businessId }),
      ][i % 3]!();
      if (!r.ok) failures.push(r.error.message);
    }
    // And the real CLI, a few times, beside it.
    const cli: RowcolRun[] = [];
    for (const args of [
      ['clients', '--json'],
      ['tray', '--client', businessId, '--json'],
      ['console', '--client', businessId, '--json'],
    ]) {
      cli.push(await runRowcol(['--data-dir', h.dir, ...args], cliEnv(h)));
    }
    expect(failures).toEqual([]);
    for (const r of cli) expect(r.code, r.stderr).toBe(0);
    expect(await exited, stderr).toBe(0);
  });

  it('two `rowcol sync --all` started together send no more requests to QBO than one', async () => {
    const alone = await harness();
    const before = await alone.requests();
    const one = await sync(alone);
    expect(one.code, one.stderr).toBe(0);
    const requestsOfOne = (await alone.requests()) - before;

    const together = await harness();
    const start = await together.requests();
    const [a, b] = await Promise.all([sync(together), sync(together)]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    const requestsOfTwo = (await together.requests()) - start;
    expect(
      requestsOfTwo,
      `one sync: ${requestsOfOne} requests, two at once: ${requestsOfTwo}`,
    ).toBeLessThanOrEqual(Math.ceil(requestsOfOne * 1.1));
    // Each client was synced by one of them; the other says so instead of fetching again.
    const modes = [a, b].flatMap(
      (r) => (JSON.parse(r.stdout) as { clients: { businessId: string; mode: string }[] }).clients,
    );
    for (const c of together.clients) {
      const forClient = modes.filter((m) => m.businessId === c.businessId).map((m) => m.mode);
      expect(
        forClient.filter((m) => m !== 'elsewhere'),
        c.businessId,
      ).toHaveLength(1);
    }
    // Nothing logged twice: the same pages as one sync alone.
    expect(loggedPages(together)).toBe(loggedPages(alone));
  });
});
