import type { Command } from 'commander';
import type { Client } from '../../../core/clients.ts';
import { json, table } from '../format.ts';
import type { CliIo } from '../io.ts';
import { withSession } from '../session.ts';

export function registerClients(program: Command, io: CliIo): void {
  program
    .command('clients')
    .description('list the connected clients (QuickBooks companies) from the local database')
    .option('--json', 'print JSON instead of a table')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const clients = await withSession(cmd.optsWithGlobals().dataDir, io, (s) => s.call<Client[]>('clients:list'));
      if (opts.json) return io.out(json(clients));
      if (clients.length === 0) return io.out('No clients yet. Connect one with `rowcol connect` (or try `rowcol connect --demo`).\n');
      io.out(table(['CLIENT', 'NAME', 'REALM', 'STATE'], clients.map((c) => [c.businessId, c.displayName, c.realmId, c.connectionState])));
    });
}
