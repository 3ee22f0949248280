// Nothing lost, as a user lives it: the real CLI in child processes against the emulator. A synced client
// and a decision; `rowcol backup`; pages in the middle of the database overwritten with garbage; the next
// command refuses with one line naming the backup and `rowcol restore`; restore brings the decision back
// and keeps the damaged file aside; `rowcol sync --all` loads the mirror again from QBO (a reconciling
// full load: a bill deleted in QBO since the backup comes back deleted).
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { databaseFileName } from '../../src/main/db/open.ts';
import { emulatorEnv, runRowcol, type RowcolRun } from '../support/rowcol-process.ts';
import { startHarness, type Harness } from '../sync/support/harness.ts';
import { damageTablePages } from '../db/damage.ts';

let h: Harness | undefined;
afterAll(async () => h?.close());

const ok = (r: RowcolRun, what: string) => expect(r.code, `${what}: ${r.stderr}`).toBe(0);

describe('a damaged database, restored from its backup', () => {
  it("is refused in one line, restored with the advisor's decision, and the mirror is fetched again", async () => {
    h = await startHarness({ seed: 11, companies: 1, size: 'small' });
    // Only the CLI processes use the data folder from here on (restore refuses a database in use).
    h.db.close();
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, ...emulatorEnv(h.emulator) };
    const rowcol = (...args: string[]) => runRowcol(['--data-dir', h!.dir, ...args], env);
    const { businessId, realmId } = h.clients[0]!;
    const file = join(h.dir, databaseFileName);
    const read = <T>(sql: string, ...params: unknown[]): T => {
      const db = new Database(file, { readonly: true });
      try {
        return db.prepare(sql).all(...params) as T;
      } finally {
        db.close();
      }
    };

    ok(await rowcol('sync', '--all', '--json'), 'first sync');
    const open = read<{ qboId: string }[]>(
      `SELECT qbo_id AS qboId FROM mirror_bills WHERE business_id = ? AND deleted = 0 AND balance_cents > 0 AND balance_cents = total_cents ORDER BY qbo_id`,
      businessId,
    );
    expect(open.length).toBeGreaterThan(2);
    const decided = open[0]!.qboId;
    const deletedInQbo = open[1]!.qboId;
    const delayTo = new Date(Date.now() + 21 * 86_400_000).toISOString().slice(0, 10);
    ok(
      await rowcol(
        'decide',
        '--client',
        businessId,
        '--bill',
        decided,
        '--delay',
        delayTo,
        '--note',
        'supplier agreed to wait',
      ),
      'decide',
    );

    const backup = await rowcol('backup');
    ok(backup, 'backup');
    const backupFile = /^Backup written: (.+) \(/m.exec(backup.stdout)?.[1];
    expect(backupFile && existsSync(backupFile)).toBe(true);

    // After the backup: QBO loses a bill, and the disk loses some pages of the mirror.
    await h.admin('DELETE', `/companies/${realmId}/Bill/${deletedInQbo}`);
    const liveBefore = read<{ n: number }[]>(
      `SELECT COUNT(*) AS n FROM mirror_bills WHERE deleted = 0`,
    )[0]!.n;
    damageTablePages(file, 'mirror_bills');

    const refused = await rowcol('clients');
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(refused.stderr).toMatch(
      /^rowcol: The database .*rowcol\.db is damaged \(.+\)\. The newest good backup is rowcol-[\dT-]+Z\.db \(.+ UTC\): run "rowcol restore --data-dir .+" to put it back/,
    );

    const restored = await rowcol('restore');
    ok(restored, 'restore');
    expect(restored.stdout).toContain(`Restored ${backupFile}`);
    expect(restored.stdout).toMatch(
      /The replaced database is kept aside as .*rowcol-before-restore-[\dT-]+Z\.db\./,
    );
    expect(restored.stdout).toContain(
      '1 client(s) will be loaded again from QuickBooks at the next sync.',
    );
    expect(restored.stdout.trimEnd().split('\n').pop()).toMatch(/^Next: rowcol sync --all/);
    const aside = /kept aside as (.+)\.$/m.exec(restored.stdout)![1]!;
    expect(existsSync(aside)).toBe(true);

    const decisions = read<{ billQboId: string; note: string; plannedDate: string }[]>(
      `SELECT bill_qbo_id AS billQboId, note, planned_date AS plannedDate FROM decisions WHERE superseded_at IS NULL`,
    );
    expect(decisions).toEqual([
      { billQboId: decided, note: 'supplier agreed to wait', plannedDate: delayTo },
    ]);

    await h.admin('DELETE', '/counters');
    const sync = await rowcol('sync', '--all', '--json');
    ok(sync, 'sync after restore');
    const summary = JSON.parse(sync.stdout) as {
      clients: { ok: boolean; mode: string; deleted: number; throttled: number }[];
    };
    // A full load a moment after the first sync's process: it counts that process's requests in QBO's
    // per-second window (handed on through the sync lease), so it draws no 429 and no 60 s wait.
    expect(summary.clients[0]).toMatchObject({ ok: true, mode: 'full', throttled: 0 });
    const counters = await h.admin<{
      realms: Record<string, { requests: Record<string, number> }>;
    }>('GET', '/counters');
    expect(counters.realms[realmId]!.requests.query).toBeGreaterThan(0);
    expect(counters.realms[realmId]!.requests.cdc).toBeUndefined();

    expect(
      read<{ deleted: number }[]>(
        `SELECT deleted FROM mirror_bills WHERE qbo_id = ?`,
        deletedInQbo,
      ),
    ).toEqual([{ deleted: 1 }]);
    expect(
      read<{ n: number }[]>(`SELECT COUNT(*) AS n FROM mirror_bills WHERE deleted = 0`)[0]!.n,
    ).toBe(liveBefore - 1);
    const console = await rowcol('console', '--client', businessId, '--json');
    ok(console, 'console');
    expect(console.stdout).toContain('supplier agreed to wait');
  });
});
