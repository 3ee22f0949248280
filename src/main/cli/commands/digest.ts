// `rowcol digest (--client ID | --all) [--format json|html|pdf] [--out DIR] [--paper letter|a4]
//   [--save | --no-save]`
// JSON goes to stdout unless --out is given; HTML and PDF are files (in --out, default the current folder),
// one per client, named <client>-<date>.<ext>. PDF needs a Chromium; one browser serves the whole batch.
// Paper: --paper for the whole batch; without it each client's digest says its own (Letter for a US-dollar
// home currency, A4 otherwise: core/digest/model.ts defaultPaper), on the page's @page and in the PDF.
// Baseline: an HTML/PDF digest is what the client receives, so it is saved as the baseline for the next
// digest's "what changed" once every file is written (--no-save to skip); JSON is a look, saved only with
// --save. The output says which happened.
// The files are written by services/digest/files.ts, the same writer as the window's export.
import type { Command } from 'commander';
import { papers, type Paper } from '../../../core/digest/model.ts';
import { prepareFolder, writeDigestFiles } from '../../services/digest/files.ts';
import { findChromium, openPdfPrinter, type PdfPrinter } from '../../services/digest/pdf.ts';
import { json } from '../format.ts';
import { CliFailure, type CliIo } from '../io.ts';
import { withSession } from '../session.ts';

const formats = ['json', 'html', 'pdf'] as const;
type Format = (typeof formats)[number];

export function registerDigest(program: Command, io: CliIo): void {
  program
    .command('digest')
    .description(
      'weekly digest per client: cash, runway in days and the lowest point, the change since last week, the daily cash chart, the week’s work and what needs attention',
    )
    .option('--client <id>', 'one client')
    .option('--all', 'every client, in one batch')
    .option('--format <format>', formats.join('|'), 'json')
    .option('--out <dir>', 'folder to write the files to')
    .option(
      '--paper <size>',
      `${papers.join('|')} for HTML and PDF (default: letter for a US-dollar client, a4 otherwise)`,
    )
    .option('--scenario <name>', 'show this saved scenario beside the baseline (rowcol scenario)')
    .option('--save', 'save as the baseline for the next digest (default for html and pdf)')
    .option('--no-save', 'do not save as the baseline (default for json)')
    .action(
      async (
        opts: {
          client?: string;
          all?: boolean;
          format: string;
          out?: string;
          paper?: string;
          scenario?: string;
          save?: boolean;
        },
        cmd: Command,
      ) => {
        if (Boolean(opts.client) === Boolean(opts.all))
          throw new CliFailure('digest needs exactly one of --client ID or --all.', 2);
        if (!(formats as readonly string[]).includes(opts.format))
          throw new CliFailure(`unknown --format ${opts.format}; use json, html or pdf`, 2);
        const format = opts.format as Format;
        const paper = opts.paper?.trim().toLowerCase();
        if (paper !== undefined && !(papers as readonly string[]).includes(paper))
          throw new CliFailure(`unknown --paper ${opts.paper}; use letter or a4`, 2);
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
          opts.out !== undefined || format !== 'json' ? prepareFolder(opts.out ?? '.') : undefined;
        if (format === 'pdf') printer = await openPdfPrinter(findChromium(io.env)!);
        try {
          await withSession(cmd.optsWithGlobals().dataDir, io, async (s) => {
            const which = opts.all ? { all: true } : { businessId: opts.client!.trim() };
            const scenario = opts.scenario?.trim();
            const built = await s.call('digest:build', {
              ...which,
              save: false,
              ...(scenario ? { scenario } : {}),
            });
            const digests = paper ? built.map((d) => ({ ...d, paper: paper as Paper })) : built;
            if (!outDir) io.out(json(opts.all ? digests : digests[0]));
            else
              await writeDigestFiles(digests, {
                folder: outDir,
                formats: [format],
                printer,
                onFile: (file) => io.out(`${file}\n`),
              });
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
