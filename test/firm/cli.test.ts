// Firm mode as people run it: the admin's `rowcol hub add-advisor` (the bootstrap: embedded database in a
// data folder, or DATABASE_URL), then the advisor's `rowcol connect --hub URL --code CODE` and `rowcol sync`
// in the real CLI (a child process) against the hub's API on loopback. One-line failures, exit codes, and
// the device token never in the data folder's database file.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, describe, expect, it } from 'vitest';
import { mirroredEntities } from '../../src/core/mirror/entities.ts';
import { registerHubAdvisorCommands } from '../../src/main/cli/commands/hub-advisors.ts';
import { CliFailure, type CliIo } from '../../src/main/cli/io.ts';
import { firmClients } from '../../src/main/db/repositories/firm.ts';
import { auditOf } from '../../src/main/hub/db/repositories/audit.ts';
import { countMirror as countHubMirror } from '../../src/main/hub/db/repositories/mirror.ts';
import { hubTestDrivers } from '../support/postgres.ts';
import { runRowcol } from '../support/rowcol-process.ts';
import { tempDir } from '../support/temp.ts';
import { startFirm, type Firm } from './support/firm-harness.ts';

const drivers = hubTestDrivers();
let firm: Firm | undefined;
afterEach(async () => {
  await firm?.close();
  firm = undefined;
});

/** The admin's commands in this process (the `hub` command itself is src/main/cli/commands/hub.ts's). */
async function hubCli(args: string[], env: NodeJS.ProcessEnv = {}) {
  let out = '';
  const io: CliIo = { out: (t) => (out += t), err: () => {}, isTTY: false, env };
  const program = new Command().exitOverride().option('--data-dir <dir>');
  registerHubAdvisorCommands(program.command('hub'), io);
  try {
    await program.parseAsync(['node', 'rowcol', ...args]);
    return { code: 0, out };
  } catch (error) {
    if (error instanceof CliFailure) return { code: error.exitCode, out, message: error.message };
    throw error;
  }
}

describe('rowcol hub add-advisor (embedded database)', () => {
  it('bootstraps the first admin with a one-time code, lists advisors, refuses a bad role in one line', async () => {
    const dir = tempDir();
    const added = await hubCli([
      '--data-dir',
      dir,
      'hub',
      'add-advisor',
      '--email',
      'Admin@Firm.test',
      '--role',
      'admin',
    ]);
    expect(added.code).toBe(0);
    expect(added.out).toMatch(
      /^Added admin@firm\.test as admin\.\nOne-time sign-in code for admin@firm\.test \(valid 24 hours, shown only now\): [0-9A-Z]{4}(-[0-9A-Z]{4}){3}\n/,
    );
    const list = await hubCli(['--data-dir', dir, 'hub', 'advisors']);
    expect(list.out).toMatch(/admin@firm\.test\s+admin\s+0\s+0\s+active/);
    const bad = await hubCli([
      '--data-dir',
      dir,
      'hub',
      'add-advisor',
      '--email',
      'x@firm.test',
      '--role',
      'boss',
    ]);
    expect(bad).toMatchObject({
      code: 2,
      message: '--role must be one of advisor, reviewer, admin, not "boss".',
    });
    const nobody = await hubCli([
      '--data-dir',
      dir,
      'hub',
      'assign',
      '--email',
      'admin@firm.test',
      '--client',
      'qbo-404',
    ]);
    expect(nobody).toMatchObject({
      code: 2,
      message: 'No client qbo-404 on this hub; nothing was changed.',
    });
  });
});

describe.each(drivers)('rowcol connect --hub and rowcol sync on $name', (driver) => {
  if (driver.skip) console.warn(`skipping PostgreSQL firm CLI tests: ${driver.skip}`);

  it.skipIf(driver.skip !== null)(
    'signs in with the code, pulls the client, refuses a used code in one line; an admin manages the firm from a desktop',
    { timeout: 180_000 },
    async () => {
      firm = await startFirm(driver, 1);
      await firm.refresh();
      const [c0] = firm.hub.companies.map((c) => c.companyId) as [string];
      const code = await firm.advisor('fay@firm.test', 'advisor', [c0]);
      const dir = tempDir();
      const env = {
        PATH: process.env.PATH,
        ROWCOL_KEYCHAIN: 'off',
        ROWCOL_TOKEN_KEY: randomBytes(32).toString('base64'),
      };
      const connect = await runRowcol(
        ['--data-dir', dir, 'connect', '--hub', firm.api.url, '--code', code.toLowerCase()],
        env,
      );
      expect(connect).toMatchObject({ code: 0, stderr: '' });
      expect(connect.stdout).toBe(
        `Signed in to the firm hub ${firm.api.url} as fay@firm.test (advisor); 1 client(s).\nNext: rowcol sync\n`,
      );

      const sync = await runRowcol(['--data-dir', dir, 'sync', '--json'], env);
      expect(sync.code).toBe(0);
      const { firm: r } = JSON.parse(sync.stdout) as { firm: { records: number; waiting: number } };
      const hubCounts = await countHubMirror(firm.hub.db, c0);
      expect(r.records).toBe(mirroredEntities.reduce((n, e) => n + (hubCounts[e] ?? 0), 0));
      expect(r.waiting).toBe(0);
      const clients = await runRowcol(['--data-dir', dir, 'clients', '--json'], env);
      expect(
        (JSON.parse(clients.stdout) as { displayName: string }[]).map((c) => c.displayName),
      ).toEqual([firm.hub.companies[0]!.name]);

      // The code is spent: a second desktop cannot use it.
      const again = await runRowcol(
        ['--data-dir', tempDir(), 'connect', '--hub', firm.api.url, '--code', code],
        env,
      );
      expect(again.code).toBe(1);
      expect(again.stderr.trim().split('\n')).toHaveLength(1);
      expect(again.stderr).toMatch(/sign-in code is not valid/);
      // Over plain http to another machine the token would travel in clear: refused before anything is sent.
      const clear = await runRowcol(
        ['--data-dir', tempDir(), 'connect', '--hub', 'http://hub.example.com', '--code', code],
        env,
      );
      expect(clear.code).toBe(2);
      expect(clear.stderr).toMatch(/must be reached over https/);

      // An admin's desktop manages the firm through the API (--remote): a running embedded hub holds its
      // database, so this is how an admin adds people without stopping it. An advisor may not.
      const boss = await firm.desktop('boss-pc', await firm.advisor('boss@firm.test', 'admin', []));
      const remote = (args: string[], d = boss) =>
        hubCli(['--data-dir', d.dir, 'hub', ...args, '--remote'], d.ctx.env);
      const added = await remote(['add-advisor', '--email', 'hal@firm.test', '--role', 'reviewer']);
      expect(added.code).toBe(0);
      const halCode = /shown only now\): (\S+)\n/.exec(added.out)![1]!;
      expect((await remote(['assign', '--email', 'hal@firm.test', '--client', c0])).out).toBe(
        'hal@firm.test: 1 client(s) assigned.\n',
      );
      const hal = await firm.desktop('hal-pc', halCode);
      expect(firmClients(hal.db).map((f) => f.companyId)).toEqual([c0]);
      expect((await remote(['advisors'])).out).toMatch(
        /hal@firm\.test\s+reviewer\s+1\s+1\s+active/,
      );
      expect(
        await remote(['add-advisor', '--email', 'ivy@firm.test', '--role', 'admin'], hal),
      ).toMatchObject({
        code: 1,
        message: "The firm hub refused: Only the firm's admins manage advisors and assignments.",
      });
      const audit = await auditOf(firm.hub.db, c0, 0, 100);
      expect(audit).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            action: 'assigned',
            by: 'boss@firm.test',
            detail: 'hal@firm.test',
          }),
        ]),
      );

      // No token in clear in the data folder's database (nor its WAL).
      for (const f of ['rowcol.db', 'rowcol.db-wal'])
        try {
          expect(readFileSync(join(dir, f)).includes('rch_')).toBe(false);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        }
    },
  );
});
