// `rowcol digest (--client ID | --all) [--format json|html|pdf] [--out DIR] [--save | --no-save]`
// JSON goes to stdout unless --out is given; HTML and PDF are files (in --out, default the current folder),
// one per client, named <client>-<date>.<ext>. PDF needs a Chromium; one browser serves the whole batch.
// Baseline: an HTML/PDF digest is what the client receives, so it is saved as the baseline for the next
// digest's "what changed" once every file is written (--no-save to skip); JSON is a look, saved only with
// --save. The output says which happened.
import type { Command } from 'commander';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { renderDigestHtml } from '../../../core/digest/html.ts';
import { findChromium, openPdfPrinter, type PdfPrinter } from '../../services/digest/pdf.ts';
import { json } from '../format.ts';
import { CliFailure, type CliIo } from '../io.ts';
import { withSession } from '../session.ts';

const formats = ['json', 'html', 'pdf'] as const;
type Format = (typeof formats)[number];

function prepareOut(dir: string): string {
  const full = resolve(dir);
  try {
    mkdirSync(full, { recursive: true });
  } catch (error) {
    throw new CliFailure(
      `cannot create the output folder ${full}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  return full;
}

export function registerDigest(program: Command, io: CliIo): void {
  program
    .command('digest')
    .description(
      'weekly digest per client: cash, runway and its change, 13-week cash chart, what needs attention',
    )
    .option('--client <id>', 'one client')
    .option('--all', 'every client, in one batch')
    .option('--format <format>', formats.join('|'), 'json')
    .option('--out <dir>', 'folder to write the files to')
    .option('--save', 'save as the baseline for the next digest (default for html and pdf)')
    .option('--no-save', 'do not save as the baseline (default for json)')
    .action(
      async (
        opts: { client?: string; all?: boolean; format: string; out?: string; save?: boolean },
        cmd: Command,
      ) => {
        if (Boolean(opts.client) === Boolean(opts.all))
          throw new CliFailure('digest needs exactly one of --client ID or --all.', 2);
        if (!(formats as readonly string[]).includes(opts.format))
          throw new CliFailure(`unknown --format ${opts.format}; use json, html or pdf`, 2);
        const format = opts.format as Format;
        const save = opts.save ?? format !== 'json';
        let printer: PdfPrinter | undefined;
        if (format === 'pdf') {
          const chromium = findChromium(io.env);
          if (!chromium)
            throw new CliFailure(
              'no Chromium found to print PDF (install chromium, or set ROWCOL_CHROMIUM to a Chromium or Chrome executable); nothing was written.',
            );
        }
        const outDir =
          opts.out !== undefined || format !== 'json' ? prepareOut(opts.out ?? '.') : undefined;
        if (format === 'pdf') printer = await openPdfPrinter(findChromium(io.env)!);
        try {
          await withSession(cmd.optsWithGlobals().dataDir, io, async (s) => {
            const which = opts.all ? { all: true } : { businessId: opts.client!.trim() };
            const digests = await s.call('digest:build', { ...which, save: false });
            if (!outDir) io.out(json(opts.all ? digests : digests[0]));
            else {
              for (const d of digests) {
                const file = join(outDir, `${d.businessId}-${d.today}.${format}`);
                const body =
                  format === 'json'
                    ? json(d)
                    : format === 'html'
                      ? renderDigestHtml(d)
                      : await printer!.print(renderDigestHtml(d));
                writeFileSync(file, body);
                io.out(`${file}\n`);
              }
            }
            // Only now that every digest was delivered (a failed write threw above): save the baseline. Reads
            // never write, so building again from the same books and clock gives the digests just delivered.
            if (save) await s.call('digest:build', { ...which, save: true });
            const n = digests.length;
            const note = save
              ? `Saved ${n} digest${n === 1 ? '' : 's'} as the baseline for the next one.\n`
              : `Not saved as the baseline (${format === 'json' ? 'add --save to save' : '--no-save'}).\n`;
            // JSON on stdout stays parseable: the note goes to stderr there.
            if (outDir) io.out(note);
            else io.err(note);
          });
        } finally {
          await printer?.close();
        }
      },
    );
}
