// Writing digests as files: one writer for `rowcol digest` and for the window's export (digest:export).
// Each digest's files are written before the next digest starts, and `onDigest` hears of each once its
// files are on disk; a failure throws out of the loop with everything written before it left in place.
// The page and its chart (d3) are loaded on first use: most commands never write a digest.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DigestModel } from '../../../core/digest/model.ts';
import { CodedError } from '../../../core/result.ts';
import type { PdfPrinter } from './pdf.ts';

export type DigestFileFormat = 'json' | 'html' | 'pdf';

/** Creates the folder (and its parents); one line saying why when it cannot. */
export function prepareFolder(dir: string): string {
  const full = resolve(dir);
  try {
    mkdirSync(full, { recursive: true });
  } catch (error) {
    throw new CodedError(
      'UNAVAILABLE',
      `cannot create the output folder ${full}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  return full;
}

export type WriteDigestFiles = {
  folder: string;
  formats: readonly DigestFileFormat[];
  /** The file name without its extension; the CLI's <client id>-<date> by default. */
  baseName?: (d: DigestModel) => string;
  /** Needed when `formats` has pdf: one browser for the whole batch. */
  printer?: PdfPrinter;
  /** After each file (the CLI prints its path). */
  onFile?: (path: string) => void;
  /** After each digest's files, counting from 1. */
  onDigest?: (d: DigestModel, index: number) => void;
};

/** Writes each digest in each format, in order; throws at the first failure, keeping what was written. */
export async function writeDigestFiles(
  digests: readonly DigestModel[],
  o: WriteDigestFiles,
): Promise<string[]> {
  const { renderDigestHtml } = await import('../../../core/digest/html.ts');
  const base = o.baseName ?? ((d: DigestModel) => `${d.businessId}-${d.today}`);
  const written: string[] = [];
  for (const [i, d] of digests.entries()) {
    let html: string | undefined;
    for (const format of o.formats) {
      const path = join(o.folder, `${base(d)}.${format}`);
      let body: string | Buffer;
      if (format === 'json') body = `${JSON.stringify(d, null, 2)}\n`;
      else {
        html ??= renderDigestHtml(d);
        if (format === 'html') body = html;
        else {
          if (!o.printer) throw new Error('no PDF printer was opened for a PDF digest');
          body = await o.printer.print(html, d.paper);
        }
      }
      writeFileSync(path, body);
      written.push(path);
      o.onFile?.(path);
    }
    o.onDigest?.(d, i + 1);
    // Let the process breathe between digests: the window's progress reaches it as it happens (IPC, the
    // browser version's event stream) and other calls are answered while a batch of 200 is written.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return written;
}
