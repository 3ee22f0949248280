// `rowcol disconnect --client ID`: revokes the connection at Intuit and deletes its tokens here.
import type { Command } from 'commander';
import { type CliIo } from '../io.ts';
import { withSession } from '../session.ts';

export function registerDisconnect(program: Command, io: CliIo): void {
  program
    .command('disconnect')
    .description(
      "revoke a client's QuickBooks connection and delete its tokens (the mirror is kept)",
    )
    .requiredOption('--client <id>', 'the client to disconnect (see `rowcol clients`)')
    .option(
      '--drop-fixes',
      'discard its fixes not yet in QuickBooks (refused without it while there are any)',
    )
    .action(async (opts: { client: string; dropFixes?: boolean }, cmd: Command) => {
      await withSession(cmd.optsWithGlobals().dataDir, io, async ({ call }) => {
        const client = (await call('clients:list', {})).find((c) => c.businessId === opts.client);
        const result = await call('clients:disconnect', {
          businessId: opts.client,
          ...(opts.dropFixes ? { dropFixes: true } : {}),
        });
        const how = result.revoked
          ? 'revoked at QuickBooks'
          : result.revokeError
            ? `not revoked at QuickBooks (${result.revokeError})`
            : 'nothing to revoke at QuickBooks';
        io.out(
          `Disconnected ${client?.displayName ?? opts.client} (${opts.client}): tokens deleted, ${how}.\n`,
        );
      });
    });
}
