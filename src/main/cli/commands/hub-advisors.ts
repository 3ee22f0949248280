// `rowcol hub add-advisor | sign-in-code | assign | advisors | disable-advisor`: the firm admin's commands,
// run on the hub's machine against its database (DATABASE_URL / --database-url, or the embedded one in the
// data folder). The first admin is made this way (bootstrap); later ones too. A sign-in code is printed
// once and kept only as a hash; the advisor types it into `rowcol connect --hub URL --code CODE`.
// Registered under the `hub` command (src/main/cli/commands/hub.ts calls registerHubAdvisorCommands).
import type { Command } from 'commander';
import { CodedError } from '../../../core/result.ts';
import { addAdvisor, codeValidHours, newCodeFor } from '../../hub/auth/accounts.ts';
import { disableAdvisorByEmail, setAssignments } from '../../hub/auth/assignments.ts';
import { isRole, roles } from '../../hub/auth/roles.ts';
import type { HubDb } from '../../hub/db/hub-db.ts';
import { openHubDb } from '../../hub/db/open.ts';
import { listAdvisors } from '../../hub/db/repositories/advisors.ts';
import { table } from '../format.ts';
import { CliFailure, type CliIo } from '../io.ts';
import { resolveDataDir } from '../session.ts';

type DbOptions = { databaseUrl?: string };

async function withHubDb<T>(cmd: Command, io: CliIo, work: (db: HubDb) => Promise<T>): Promise<T> {
  const opts = cmd.optsWithGlobals() as DbOptions & { dataDir?: string };
  let db: HubDb;
  try {
    db = await openHubDb({
      databaseUrl: opts.databaseUrl ?? io.env.DATABASE_URL,
      dataDir: resolveDataDir(opts.dataDir, io),
    });
  } catch (error) {
    throw new CliFailure(`The hub's database cannot be opened: ${(error as Error).message}`);
  }
  try {
    return await work(db);
  } catch (error) {
    if (error instanceof CodedError)
      throw new CliFailure(
        error.message,
        error.code === 'INVALID_INPUT' || error.code === 'NOT_FOUND' ? 2 : 1,
      );
    throw error;
  } finally {
    await db.close();
  }
}

const codeLines = (email: string, code: string) =>
  `One-time sign-in code for ${email} (valid ${codeValidHours} hours, shown only now): ${code}\n` +
  `On their desktop: rowcol connect --hub HUB_URL --code ${code}\n`;

export function registerHubAdvisorCommands(hub: Command, io: CliIo): void {
  const dbOption = (c: Command) =>
    c.option(
      '--database-url <url>',
      "the hub's PostgreSQL (env DATABASE_URL; default: the embedded database in the data folder)",
    );

  dbOption(
    hub
      .command('add-advisor')
      .description(
        'add an advisor to the firm (or change their role) and print a one-time sign-in code',
      )
      .requiredOption('--email <email>', "the advisor's email")
      .requiredOption('--role <role>', `one of ${roles.join(', ')}`)
      .option('--name <name>', 'their name, as the audit trail shows it'),
  ).action(async (o: { email: string; role: string; name?: string }, cmd: Command) => {
    if (!isRole(o.role))
      throw new CliFailure(`--role must be one of ${roles.join(', ')}, not "${o.role}".`, 2);
    const role = o.role;
    await withHubDb(cmd, io, async (db) => {
      const { advisor, code } = await addAdvisor(db, { email: o.email, role, name: o.name });
      io.out(`Added ${advisor.email} as ${advisor.role}.\n${codeLines(advisor.email, code)}`);
    });
  });

  dbOption(
    hub
      .command('sign-in-code')
      .description('print a new one-time sign-in code for an advisor (a new computer, a lost code)')
      .requiredOption('--email <email>', "the advisor's email"),
  ).action(async (o: { email: string }, cmd: Command) => {
    await withHubDb(cmd, io, async (db) =>
      io.out(codeLines(o.email, await newCodeFor(db, o.email))),
    );
  });

  dbOption(
    hub
      .command('assign')
      .description("give an advisor clients to work on (the hub's company ids), or take them away")
      .requiredOption('--email <email>', "the advisor's email")
      .requiredOption('--client <id...>', "the hub's company ids")
      .option('--remove', 'unassign them instead'),
  ).action(async (o: { email: string; client: string[]; remove?: boolean }, cmd: Command) => {
    await withHubDb(cmd, io, async (db) => {
      const r = await setAssignments(db, o.email, o.client, o.remove);
      io.out(
        `${r.advisor.email}: ${r.changed} client(s) ${o.remove ? 'unassigned' : 'assigned'}.\n`,
      );
    });
  });

  dbOption(
    hub.command('advisors').description("list the firm's advisors, roles, clients and devices"),
  ).action(async (_o: unknown, cmd: Command) => {
    await withHubDb(cmd, io, async (db) => {
      const rows = (await listAdvisors(db)).map((a) => [
        a.email,
        a.role,
        String(a.clients),
        String(a.devices),
        a.disabledAt ? 'disabled' : 'active',
      ]);
      io.out(
        rows.length
          ? table(['EMAIL', 'ROLE', 'CLIENTS', 'DEVICES', 'STATE'], rows)
          : 'No advisors yet: rowcol hub add-advisor --email E --role admin\n',
      );
    });
  });

  dbOption(
    hub
      .command('disable-advisor')
      .description(
        'disable an advisor: every device of theirs is signed out at once; their work stays',
      )
      .requiredOption('--email <email>', "the advisor's email"),
  ).action(async (o: { email: string }, cmd: Command) => {
    await withHubDb(cmd, io, async (db) => {
      await disableAdvisorByEmail(db, o.email);
      io.out(`${o.email} is disabled and signed out of every device.\n`);
    });
  });
}
