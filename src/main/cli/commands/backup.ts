// `rowcol backup`: a verified copy of the database into <dataDir>/backups now (the last 7 are kept).
import type { Command } from 'commander';
import { backupNow } from '../../db/backup.ts';
import { openDataDir } from '../../db/data-dir.ts';
import { json } from '../format.ts';
import type { CliIo } from '../io.ts';
import { clockFrom, resolveDataDir } from '../session.ts';

export const megabytes = (bytes: number): string => `${(bytes / 1_048_576).toFixed(1)} MB`;

export function registerBackup(program: Command, io: CliIo): void {
  program
    .command('backup')
    .description(
      'copy the database into the backups folder now, checked (the last 7 are kept; the app also takes one daily)',
    )
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const dataDir = resolveDataDir(cmd.optsWithGlobals().dataDir, io);
      const now = clockFrom(io.env)();
      const db = openDataDir(dataDir);
      try {
        const result = await backupNow(db, dataDir, now);
        if (opts.json) return io.out(json(result));
        io.out(`Backup written: ${result.file} (${megabytes(result.bytes)}, checked).\n`);
        if (result.removed.length)
          io.out(`Removed ${result.removed.length} older backup(s) beyond the last 7.\n`);
      } finally {
        db.close();
      }
    });
}
