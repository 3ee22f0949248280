// Handlers of the collections screen and the window's digest export (issue 13 §4). Spread into the table in
// handlers/index.ts. The export writes only into the data folder's exports directory or a folder the
// advisor picked in the desktop app's own dialog: a path never comes from the page. Opening a folder and
// reading a file back (the browser version's downloads) reach only what an export of this process wrote.
import { readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { Handlers } from '../../core/contract.ts';
import type { DigestExportResult } from '../../core/digest/export.ts';
import { CodedError, ok } from '../../core/result.ts';
import { collections } from '../services/collections.ts';
import { exportDigests } from '../services/digest/export.ts';
import type { HandlerContext } from './context.ts';

type CollectionsChannel =
  | 'collections:list'
  | 'digest:export-target'
  | 'digest:export'
  | 'digest:open-folder'
  | 'digest:file';

const mimeTypes: Record<string, string> = {
  '.html': 'text/html;charset=utf-8',
  '.pdf': 'application/pdf',
};

export function collectionsHandlers(ctx: HandlerContext): Pick<Handlers, CollectionsChannel> {
  const exportsDir = join(ctx.dataDir, 'exports');
  /** Files this process's exports wrote, by folder. */
  const exported = new Map<string, Set<string>>();
  /** The export under way (one at a time: two would race for the same files and baselines). */
  let running: { written: number; total: number } | undefined;
  const knownFolder = (folder: string): Set<string> => {
    const files = exported.get(folder);
    if (!files)
      throw new CodedError('NOT_FOUND', `No digest export of this session wrote to ${folder}.`);
    return files;
  };
  const nothing = (cancelled: boolean): DigestExportResult => ({
    cancelled,
    folder: null,
    files: [],
    written: 0,
    total: 0,
    saved: 0,
    failure: null,
    canOpenFolder: Boolean(ctx.openFolder),
  });
  return {
    'collections:list': async (a) =>
      ok(collections(ctx.db, ctx.advisorId, ctx.now(), a.businessId)),
    'digest:export-target': async () =>
      ok({
        exportsDir,
        canChooseFolder: Boolean(ctx.chooseFolder),
        canOpenFolder: Boolean(ctx.openFolder),
      }),
    'digest:export': async (a) => {
      if (running)
        throw new CodedError(
          'CONFLICT',
          `A digest export is already running (${running.written} of ${running.total} written); wait for it to finish.`,
        );
      running = { written: 0, total: 0 };
      try {
        let parent = exportsDir;
        if (a.folder === 'choose') {
          if (!ctx.chooseFolder)
            throw new CodedError(
              'INVALID_INPUT',
              `Choosing a folder is for the desktop app; here the digests go to ${exportsDir}.`,
            );
          const chosen = await ctx.chooseFolder();
          if (chosen === null) return ok(nothing(true));
          parent = chosen;
        }
        const r = await exportDigests(
          {
            db: ctx.db,
            advisorId: ctx.advisorId,
            now: ctx.now(),
            parent,
            findChromium: ctx.findChromium,
            onProgress: (p) => {
              running = p;
              ctx.emit('digest:progress', p);
            },
          },
          a,
        );
        if (r.folder)
          exported.set(r.folder, new Set([...(exported.get(r.folder) ?? []), ...r.files]));
        return ok({ ...r, cancelled: false, canOpenFolder: Boolean(ctx.openFolder) });
      } finally {
        running = undefined;
      }
    },
    'digest:open-folder': async (a) => {
      knownFolder(a.folder);
      if (!ctx.openFolder)
        throw new CodedError(
          'UNAVAILABLE',
          `This window cannot open folders; the files are in ${a.folder}.`,
        );
      const problem = await ctx.openFolder(a.folder);
      if (problem) throw new CodedError('UNAVAILABLE', `The folder did not open: ${problem}`);
      return ok({ opened: true as const });
    },
    'digest:file': async (a) => {
      if (!knownFolder(a.folder).has(a.name))
        throw new CodedError('NOT_FOUND', `No file ${a.name} was written to ${a.folder}.`);
      let bytes: Buffer;
      try {
        bytes = readFileSync(join(a.folder, a.name));
      } catch (error) {
        throw new CodedError(
          'NOT_FOUND',
          `${a.name} cannot be read any more: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
        );
      }
      return ok({
        name: a.name,
        mimeType: mimeTypes[extname(a.name)] ?? 'application/octet-stream',
        base64: bytes.toString('base64'),
      });
    },
  };
}
