// The digest export from the window: where the files go on this host, the export under way (its progress
// from `digest:progress` events), its result, and the two ways to reach the files afterwards (open the
// folder in the desktop app; download each file in the browser version).
import { create } from 'zustand';
import type {
  DigestExportRequest,
  DigestExportResult,
  DigestExportTarget,
  DigestProgress,
} from '../../../core/digest/export.ts';
import { invoke, on } from '../lib/api.ts';
import { downloadFile, fromBase64 } from '../lib/download.ts';

type State = {
  target?: DigestExportTarget;
  running: boolean;
  /** How many digests the export will write, once known (the first progress event). */
  progress?: DigestProgress;
  result?: DigestExportResult;
  error?: string;
  loadTarget: () => Promise<void>;
  start: (req: DigestExportRequest) => Promise<void>;
  openFolder: (folder: string) => Promise<void>;
  download: (folder: string, name: string) => Promise<void>;
  dismiss: () => void;
};

const messageOf = (e: unknown) => (e as Error)?.message ?? String(e);

export const useDigestExport = create<State>((set, get) => ({
  running: false,
  loadTarget: async () => {
    if (get().target) return;
    try {
      const r = await invoke('digest:export-target', {});
      if (r.ok) set({ target: r.value });
    } catch {
      // Without it the panel still exports into the data folder; the result names the folder.
    }
  },
  start: async (req) => {
    if (get().running) return;
    set({ running: true, progress: undefined, result: undefined, error: undefined });
    const off = on('digest:progress', (p) => set({ progress: p }));
    try {
      const r = await invoke('digest:export', req);
      set(r.ok ? { result: r.value } : { error: r.error.message });
    } catch (e) {
      set({ error: messageOf(e) });
    } finally {
      off();
      set({ running: false });
    }
  },
  openFolder: async (folder) => {
    try {
      const r = await invoke('digest:open-folder', { folder });
      if (!r.ok) set({ error: r.error.message });
    } catch (e) {
      set({ error: messageOf(e) });
    }
  },
  download: async (folder, name) => {
    try {
      const r = await invoke('digest:file', { folder, name });
      if (!r.ok) set({ error: r.error.message });
      else downloadFile(r.value.name, fromBase64(r.value.base64), r.value.mimeType);
    } catch (e) {
      set({ error: messageOf(e) });
    }
  },
  dismiss: () => set({ result: undefined, error: undefined, progress: undefined }),
}));
