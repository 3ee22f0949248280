// The window's digest export (digest:export): the digests of one client or all, as HTML, PDF or both, into
// a folder of their own (…/exports/digests-YYYY-MM-DD, or inside the folder the advisor chose), through
// the same writer as `rowcol digest` (files.ts). As in the CLI, the digests are saved as the baseline the
// next one compares with only once every file is written: a failure part way (a disk error, Chromium
// dying) stops the export with one line, keeps the files written so far and saves nothing.
import { basename, join } from 'node:path';
import {
  exportFolderName,
  readableDigestNames,
  type DigestExportRequest,
  type DigestExportResult,
  type DigestProgress,
} from '../../../core/digest/export.ts';
import type { DigestModel } from '../../../core/digest/model.ts';
import { localDay } from '../../../core/dates.ts';
import { CodedError } from '../../../core/result.ts';
import type { Db } from '../../db/open.ts';
import { buildDigests, saveDigests } from './build.ts';
import { prepareFolder, writeDigestFiles, type DigestFileFormat } from './files.ts';
import { openPdfPrinter, type PdfPrinter } from './pdf.ts';

export type DigestExportContext = {
  db: Db;
  advisorId: string;
  now: Date;
  /** The folder the export's own digests-YYYY-MM-DD folder goes in. */
  parent: string;
  /** The Chromium that prints PDFs, or undefined when none is found. */
  findChromium: () => string | undefined;
  onProgress: (p: DigestProgress) => void;
};

export const noChromiumMessage =
  'No Chromium found to print PDF (install chromium, or set ROWCOL_CHROMIUM to a Chromium or Chrome executable); nothing was written.';

const firstLine = (error: unknown): string =>
  ((error as Error)?.message ?? String(error)).split('\n')[0]!.trim();

export async function exportDigests(
  c: DigestExportContext,
  req: DigestExportRequest,
): Promise<Omit<DigestExportResult, 'cancelled' | 'canOpenFolder'>> {
  const which = req.all ? { all: true } : { businessId: req.businessId };
  const digests: DigestModel[] = buildDigests(
    c.db,
    c.advisorId,
    c.now,
    { ...which, save: false },
    req.paper ? { paper: req.paper } : {},
  );
  if (digests.length === 0)
    throw new CodedError('NOT_FOUND', 'There is no client to write a digest for yet.');
  const formats: DigestFileFormat[] = req.format === 'both' ? ['html', 'pdf'] : [req.format];
  // Everything that can fail before the first file is checked first, so such a failure writes nothing.
  const chromium = formats.includes('pdf') ? c.findChromium() : undefined;
  if (formats.includes('pdf') && !chromium) throw new CodedError('UNAVAILABLE', noChromiumMessage);
  const folder = prepareFolder(join(c.parent, exportFolderName(localDay(c.now))));
  const printer: PdfPrinter | undefined = chromium ? await openPdfPrinter(chromium) : undefined;
  const names = readableDigestNames(digests);
  const files: string[] = [];
  let written = 0;
  let failure: string | null = null;
  try {
    await writeDigestFiles(digests, {
      folder,
      formats,
      baseName: (d) => names.get(d.businessId)!,
      printer,
      onFile: (path) => files.push(basename(path)),
      onDigest: (d, index) => {
        written = index;
        c.onProgress({
          written: index,
          total: digests.length,
          businessId: d.businessId,
          clientName: d.clientName,
        });
      },
    });
  } catch (error) {
    const at = digests[written];
    failure = `Stopped after ${written} of ${digests.length} digests${at ? `, at ${at.clientName}` : ''}: ${firstLine(error)}. The files written so far are kept; nothing was saved as the baseline.`;
  } finally {
    await printer?.close().catch(() => undefined);
  }
  // Only now that every digest was delivered: the baseline for the next digest's "what changed".
  if (failure === null) saveDigests(c.db, c.advisorId, digests);
  return {
    folder,
    files,
    written,
    total: digests.length,
    saved: failure === null ? digests.length : 0,
    failure,
  };
}
