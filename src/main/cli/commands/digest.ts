// `rowcol digest (--client ID | --all) [--format json|html|pdf] [--out DIR]`
// JSON goes to stdout unless --out is given; HTML and PDF are files (in --out, default the current folder),
// one per client, named <client>-<date>.<ext>. PDF needs a Chromium; one browser serves the whole batch.
import type { Command } from 'commander';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { renderDigestHtml } from '../../../core/digest/html.ts';
import type { DigestModel } from '../../../core/digest/model.ts';
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
    throw new CliFailure(`cannot create the output folder ${full}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return full;
}

export function registerDigest(program: Command, io: CliIo): void {
  program
    .command('digest')
    .description('weekly digest per client: cash, runway and its change, 13-week cash chart, what needs attention')
    .option('--client <id>', 'one client')
    .option('--all', 'every client, in one batch')
    .option('--format <format>', formats.join('|'), 'json')
    .option('--out <dir>', 'folder to write the files to')
    .action(async (opts: { client?: string; all?: boolean; format: string; out?: string }, cmd: Command) => {
      if (Boolean(opts.client) === Boolean(opts.all)) throw new CliFailure('digest needs exactly one of --client ID or --all.', 2);
      if (!(formats as readonly string[]).includes(opts.format)) throw new CliFailure(`unknown --format ${opts.format}; use json, html or pdf`, 2);
      const format = opts.format as Format;
      let printer: PdfPrinter | undefined;
      if (format === 'pdf') {
        const chromium = findChromium(io.env);
        if (!chromium) throw new CliFailure('no Chromium found to print PDF (install chromium, or set ROWCOL_CHROMIUM to a Chromium or Chrome executable); nothing was written.');
      }
      const outDir = opts.out !== undefined || format !== 'json' ? prepareOut(opts.out ?? '.') : undefined;
      if (format === 'pdf') printer = await openPdfPrinter(findChromium(io.env)!);
      try {
        const digests = await withSession(cmd.optsWithGlobals().dataDir, io, (s) =>
          s.call<DigestModel[]>('digest:build', opts.all ? { all: true } : { businessId: opts.client!.trim() }),
        );
        if (!outDir) return io.out(json(opts.all ? digests : digests[0]));
        for (const d of digests) {
          const file = join(outDir, `${d.businessId}-${d.today}.${format}`);
          const body = format === 'json' ? json(d) : format === 'html' ? renderDigestHtml(d) : await printer!.print(renderDigestHtml(d));
          writeFileSync(file, body);
          io.out(`${file}\n`);
        }
      } finally {
        await printer?.close();
      }
    });
}
