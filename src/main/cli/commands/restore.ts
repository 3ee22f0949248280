// `rowcol restore [--from FILE] [--list]`: puts a backup back (default: the newest that passes
// quick_check). The replaced database is kept aside; the mirror is fetched again at the next sync.
import type { Command } from 'commander';
import { backupProblem, backupsDir, listBackups } from '../../db/backup.ts';
import { prepareDataDir } from '../../db/data-dir.ts';
import { restoreBackup } from '../../db/restore.ts';
import { json, table } from '../format.ts';
import type { CliIo } from '../io.ts';
import { clockFrom, resolveDataDir } from '../session.ts';
import { megabytes } from './backup.ts';

const when = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

export function registerRestore(program: Command, io: CliIo): void {
  program
    .command('restore')
    .description(
      'put a backup back (default: the newest good one); the replaced database is kept aside and the books are fetched again at the next sync',
    )
    .option('--from <file>', 'the backup to restore: a path, or a name from --list')
    .option('--list', 'list the backups, newest first, each checked')
    .option('--json', 'print JSON')
    .action(async (opts: { from?: string; list?: boolean; json?: boolean }, cmd: Command) => {
      const dataDir = resolveDataDir(cmd.optsWithGlobals().dataDir, io);
      if (opts.list) {
        const backups = listBackups(dataDir).map((b) => ({ ...b, problem: backupProblem(b.file) }));
        if (opts.json) return io.out(json(backups));
        if (backups.length === 0)
          return io.out(
            `No backups in ${backupsDir(dataDir)} yet. Take one with \`rowcol backup\`.\n`,
          );
        return io.out(
          table(
            ['BACKUP', 'TAKEN', 'SIZE', 'CHECK'],
            backups.map((b) => [
              b.name,
              when(b.takenAt),
              megabytes(b.bytes),
              b.problem === null ? 'good' : `damaged: ${b.problem}`,
            ]),
          ),
        );
      }
      prepareDataDir(dataDir);
      const r = restoreBackup(dataDir, { file: opts.from, now: clockFrom(io.env)() });
      if (opts.json) return io.out(json(r));
      const lines = [
        ...r.skipped.map((s) => `Skipped ${s.name}: damaged (${s.problem}).`),
        `Restored ${r.from}${r.takenAt ? ` (taken ${when(r.takenAt)})` : ''} into ${r.database}.`,
        ...(r.keptAside.length
          ? [`The replaced database is kept aside as ${r.keptAside[0]}.`]
          : []),
        ...(r.keptFromReplaced.length
          ? [
              `Kept from the replaced database, where they were intact and newer: ${r.keptFromReplaced.join(', ')}.`,
            ]
          : []),
        ...(r.keptAside.length && r.fromBackup.length
          ? [`From the backup: ${r.fromBackup.join(', ')}.`]
          : []),
        `${r.clientsToReload} client(s) will be loaded again from QuickBooks at the next sync.`,
        `Next: rowcol sync --all${cmd.optsWithGlobals().dataDir ? ` --data-dir ${dataDir}` : ''}`,
      ];
      io.out(lines.join('\n') + '\n');
    });
}
