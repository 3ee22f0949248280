// `rowcol hub add-advisor | sign-in-code | assign | advisors | disable-advisor`: the firm admin's commands,
// run on the hub's machine against its database (DATABASE_URL / --database-url, or the embedded one in the
// data folder). The first admin is made this way (bootstrap); later ones too. A sign-in code is printed
// once and kept only as a hash; the advisor types it into `rowcol connect --hub URL --code CODE`.
// With --remote they go through the hub's API instead, from an admin's desktop signed in to it (the way
// to manage a running embedded hub, whose database only its own process may open).
// Registered under the `hub` command (src/main/cli/commands/hub.ts calls registerHubAdvisorCommands).
import type { Command } from 'commander';
import { CodedError } from '../../../core/result.ts';
import { addAdvisor, codeValidHours, newCodeFor } from '../../hub/auth/accounts.ts';
import { disableAdvisorByEmail, setAssignments } from '../../hub/auth/assignments.ts';
import { isRole, roles, type Role } from '../../hub/auth/roles.ts';
import type { HubDb } from '../../hub/db/hub-db.ts';
import { openHubDb } from '../../hub/db/open.ts';
import { listAdvisors } from '../../hub/db/repositories/advisors.ts';
import { table } from '../format.ts';
import { CliFailure, type CliIo } from '../io.ts';
import { resolveDataDir, withSession } from '../session.ts';
import { linkedHub } from '../../firm/connect.ts';
import type { HubClient } from '../../firm/hub-client.ts';

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

type AdvisorRow = {
  email: string;
  role: string;
  clients: number;
  devices: number;
  disabled: boolean;
};

/** What the admin's commands do, on the hub's database or through its API (--remote). */
type Manager = {
  addAdvisor(
    email: string,
    role: Role,
    name?: string,
  ): Promise<{ email: string; role: string; code: string }>;
  signInCode(email: string): Promise<string>;
  assign(
    email: string,
    clients: string[],
    remove: boolean,
  ): Promise<{ email: string; changed: number }>;
  advisors(): Promise<AdvisorRow[]>;
  disable(email: string): Promise<void>;
};

const local = (db: HubDb): Manager => ({
  async addAdvisor(email, role, name) {
    const { advisor, code } = await addAdvisor(db, { email, role, name });
    return { email: advisor.email, role: advisor.role, code };
  },
  signInCode: (email) => newCodeFor(db, email),
  async assign(email, clients, remove) {
    const r = await setAssignments(db, email, clients, remove);
    return { email: r.advisor.email, changed: r.changed };
  },
  async advisors() {
    return (await listAdvisors(db)).map((a) => ({ ...a, disabled: a.disabledAt !== null }));
  },
  disable: (email) => disableAdvisorByEmail(db, email),
});

const remote = (client: HubClient): Manager => ({
  async addAdvisor(email, role, name) {
    const r = await client.admin.addAdvisor(email, role, name);
    return { email: r.advisor.email, role: r.advisor.role, code: r.code };
  },
  signInCode: async (email) => (await client.admin.signInCode(email)).code,
  assign: (email, clients, remove) => client.admin.assign(email, clients, remove),
  advisors: async () => (await client.admin.advisors()).advisors,
  disable: async (email) => void (await client.admin.disable(email)),
});

async function withManager<T>(
  cmd: Command,
  io: CliIo,
  work: (m: Manager) => Promise<T>,
): Promise<T> {
  const opts = cmd.optsWithGlobals() as { remote?: boolean; dataDir?: string };
  const oneLine = (error: unknown): never => {
    if (error instanceof CodedError)
      throw new CliFailure(
        error.message,
        error.code === 'INVALID_INPUT' || error.code === 'NOT_FOUND' ? 2 : 1,
      );
    throw error;
  };
  if (!opts.remote) return withHubDb(cmd, io, (db) => work(local(db)));
  return withSession(opts.dataDir, io, async ({ runtime }) => {
    const { client } = linkedHub({
      db: runtime.db,
      dataDir: runtime.dataDir,
      env: io.env,
      advisorId: runtime.advisorId,
      now: runtime.now,
    });
    return work(remote(client)).catch(oneLine);
  }).catch(oneLine);
}

export function registerHubAdvisorCommands(hub: Command, io: CliIo): void {
  const dbOption = (c: Command) =>
    c
      .option(
        '--database-url <url>',
        "the hub's PostgreSQL (env DATABASE_URL; default: the embedded database in the data folder)",
      )
      .option(
        '--remote',
        "through the hub's API, from this desktop signed in as an admin (rowcol connect --hub)",
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
    await withManager(cmd, io, async (m) => {
      const a = await m.addAdvisor(o.email, role, o.name);
      io.out(`Added ${a.email} as ${a.role}.\n${codeLines(a.email, a.code)}`);
    });
  });

  dbOption(
    hub
      .command('sign-in-code')
      .description('print a new one-time sign-in code for an advisor (a new computer, a lost code)')
      .requiredOption('--email <email>', "the advisor's email"),
  ).action(async (o: { email: string }, cmd: Command) => {
    await withManager(cmd, io, async (m) =>
      io.out(codeLines(o.email, await m.signInCode(o.email))),
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
    await withManager(cmd, io, async (m) => {
      const r = await m.assign(o.email, o.client, o.remove ?? false);
      io.out(`${r.email}: ${r.changed} client(s) ${o.remove ? 'unassigned' : 'assigned'}.\n`);
    });
  });

  dbOption(
    hub.command('advisors').description("list the firm's advisors, roles, clients and devices"),
  ).action(async (_o: unknown, cmd: Command) => {
    await withManager(cmd, io, async (m) => {
      const rows = (await m.advisors()).map((a) => [
        a.email,
        a.role,
        String(a.clients),
        String(a.devices),
        a.disabled ? 'disabled' : 'active',
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
    await withManager(cmd, io, async (m) => {
      await m.disable(o.email);
      io.out(`${o.email} is disabled and signed out of every device.\n`);
    });
  });
}
