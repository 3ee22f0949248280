// `rowcol disconnect --client ID`: revokes the connection at Intuit and deletes its tokens here.
import type { Command } from 'commander';
import { getClient, setConnectionState } from '../../db/repositories/clients.ts';
import { revokeConnection } from '../../oauth/connect.ts';
import { fileKeyTokenVault } from '../../oauth/token-vault.ts';
import { resolveEndpoints } from '../../qbo/endpoints.ts';
import { readDemoState } from '../../sync/demo.ts';
import { CliFailure, type CliIo } from '../io.ts';
import { withSession } from '../session.ts';

export function registerDisconnect(program: Command, io: CliIo): void {
  program
    .command('disconnect')
    .description('revoke a client\'s QuickBooks connection and delete its tokens (the mirror is kept)')
    .requiredOption('--client <id>', 'the client to disconnect (see `rowcol clients`)')
    .action(async (opts: { client: string }, cmd: Command) => {
      await withSession(cmd.optsWithGlobals().dataDir, io, async ({ ctx }) => {
        const client = getClient(ctx.db, ctx.advisorId, opts.client);
        if (!client) throw new CliFailure(`No client ${opts.client}; see \`rowcol clients\`.`, 2);
        const vault = fileKeyTokenVault(ctx.db, ctx.advisorId, ctx.dataDir, io.env);
        const demo = readDemoState(ctx.dataDir);
        const endpoints =
          demo && client.apiBaseUrl === demo.apiBaseUrl
            ? // The demo emulator is not running; its tokens die with it, nothing to revoke remotely.
              undefined
            : // App keys from the environment; the revoke endpoint is the one the client was connected through.
              resolveEndpoints({ apiBaseUrl: client.apiBaseUrl ?? undefined, sandbox: client.environment === 'sandbox' }, io.env);
        const result = endpoints ? await revokeConnection(vault, endpoints, client) : (await vault.remove(client.businessId), { revoked: false, error: null });
        setConnectionState(ctx.db, ctx.advisorId, client.businessId, 'disconnected');
        const how = result.revoked ? 'revoked at QuickBooks' : result.error ? `not revoked at QuickBooks (${result.error})` : 'nothing to revoke at QuickBooks';
        io.out(`Disconnected ${client.displayName} (${client.businessId}): tokens deleted, ${how}.\n`);
      });
    });
}
