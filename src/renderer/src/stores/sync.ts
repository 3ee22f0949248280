// Sync as the window shows it: "N of M clients" with a bar per client from the runtime's events
// (sync:clients as each client finishes, sync:progress per page and entity, sync:waiting), Cancel
// (sync:cancel), and whether QuickBooks is reachable (the latest attempt's error code).
import { create } from 'zustand';
import type { EventMap } from '../../../core/contract.ts';
import { mirroredEntities } from '../../../core/mirror/entities.ts';
import type { SyncProgress, SyncRunResult } from '../../../core/sync.ts';
import { invoke } from '../lib/api.ts';
import { useApp } from '../store.ts';
import { useClients } from './clients.ts';
import { exchangeWords, useFirm } from './firm.ts';

/** 'starting': in the run, no page yet (its first requests are on their way, or it waits its turn). */
export type ClientSyncState = 'starting' | 'syncing' | 'waiting' | 'done' | 'failed' | 'cancelled';

export type ClientSync = {
  businessId: string;
  state: ClientSyncState;
  /** The entity being fetched ('all': the changes since the last sync, in one request). */
  entity: string;
  /** Per entity of this run: its pages and records so far (the events count from the run's start). */
  byEntity: Record<string, { pages: number; records: number; done: boolean }>;
  errorCode: string | null;
  /** When it appeared in this run (the panel lists clients in that order). */
  order: number;
  holder?: string;
};

type SyncState = {
  running: boolean;
  /** This window started the run (Sync now, the demo books); else the app's background sync. */
  ownRun: boolean;
  cancelling: boolean;
  total: number;
  done: number;
  clients: Record<string, ClientSync>;
  /** What happens before the run's first event (starting the demo books). */
  preparing?: string;
  /** From this session's sync events: QuickBooks unreachable (true) or reached (false); unknown: undefined. */
  liveOffline?: { offline: boolean; at: string };
  run: (businessId?: string) => Promise<SyncRunResult[] | undefined>;
  cancel: () => Promise<void>;
  connectDemo: () => Promise<void>;
  connectClient: () => Promise<void>;
  onProgress: (p: SyncProgress) => void;
  onClients: (p: EventMap['sync:clients']) => void;
  onWaiting: (w: EventMap['sync:waiting']) => void;
};

const notice = (kind: 'ok' | 'error', text: string) => useApp.setState({ notice: { kind, text } });

/** The share of a client's sync done: entities finished of those mirrored (a change request covers all). */
export function shareDone(c: ClientSync): number {
  if (c.state === 'done' || c.byEntity.all?.done) return 1;
  const done = Object.values(c.byEntity).filter((e) => e.done).length;
  return Math.min(0.95, done / mirroredEntities.length);
}

/** Pages and records fetched so far in this run. */
export const fetched = (c: ClientSync): { pages: number; records: number } =>
  Object.values(c.byEntity).reduce(
    (n, e) => ({ pages: n.pages + e.pages, records: n.records + e.records }),
    { pages: 0, records: 0 },
  );

function finishedWords(
  results: SyncRunResult[],
  total: number,
): { kind: 'ok' | 'error'; text: string } {
  const cancelled = results.filter((r) => r.cancelled).length;
  const failed = results.filter((r) => !r.ok && !r.cancelled);
  const records = results.reduce((n, r) => n + r.fetched, 0).toLocaleString('en-US');
  if (cancelled)
    return {
      kind: 'ok',
      text: `Sync cancelled: ${results.filter((r) => r.ok).length} of ${Math.max(total, results.length)} client(s) synced; the others resume where they stopped at the next sync.`,
    };
  if (failed.length === 0) return { kind: 'ok', text: `Sync finished: ${records} records in.` };
  if (failed.every((r) => r.error?.code === 'OFFLINE'))
    return {
      kind: 'error',
      text: `QuickBooks could not be reached for ${failed.length} client(s): check the internet connection, then Sync now. The numbers shown are from each client’s last sync.`,
    };
  return {
    kind: 'error',
    text: `Sync finished with problems for ${failed.length} client(s); each one’s page says what to do.`,
  };
}

export const useSync = create<SyncState>((set, get) => ({
  running: false,
  ownRun: false,
  cancelling: false,
  total: 0,
  done: 0,
  clients: {},
  run: async (businessId) => {
    set({
      running: true,
      ownRun: true,
      cancelling: false,
      total: 0,
      done: 0,
      clients: {},
      preparing: undefined,
    });
    useApp.setState({ notice: undefined });
    let results: SyncRunResult[] | undefined;
    try {
      // Firm mode: the firm's clients come from its hub (push the work made here, then pull); only this
      // desktop's own clients are synced with QuickBooks.
      const firm = await useFirm.getState().load();
      const firmIds = firm?.linked ? firm.businessIds : [];
      const onlyFirm = Boolean(businessId && firmIds.includes(businessId));
      let firmLine: { kind: 'ok' | 'error'; text: string } | undefined;
      if (firm?.linked && (!businessId || onlyFirm)) {
        const x = await useFirm.getState().exchange();
        firmLine = x
          ? { kind: 'ok', text: exchangeWords(x) }
          : {
              kind: 'error',
              text: useFirm.getState().message?.text ?? 'The firm hub did not answer.',
            };
      }
      if (onlyFirm) notice(firmLine!.kind, firmLine!.text);
      else {
        const r = await invoke('sync:run', businessId ? { businessId } : {});
        if (!r.ok)
          notice('error', firmLine ? `${firmLine.text} ${r.error.message}` : r.error.message);
        else {
          results = r.value;
          const w = finishedWords(r.value, get().total);
          if (!firmLine) notice(w.kind, w.text);
          else if (r.value.length === 0) notice(firmLine.kind, firmLine.text);
          else notice(firmLine.kind === 'error' ? 'error' : w.kind, `${firmLine.text} ${w.text}`);
        }
      }
    } catch (e) {
      notice('error', (e as Error).message);
    }
    set({ running: false, ownRun: false, cancelling: false });
    await useClients.getState().load();
    if (businessId) await useClients.getState().loadHeader(businessId);
    return results;
  },
  cancel: async () => {
    set({ cancelling: true });
    const r = await invoke('sync:cancel', {});
    if (!r.ok) {
      set({ cancelling: false });
      notice('error', r.error.message);
    }
  },
  connectDemo: async () => {
    set({
      running: true,
      ownRun: true,
      total: 0,
      done: 0,
      clients: {},
      preparing: 'Starting the demo books…',
    });
    useApp.setState({ notice: undefined });
    const r = await invoke('clients:connect-demo', {});
    set({ running: false, ownRun: false, preparing: undefined });
    if (!r.ok) return notice('error', r.error.message);
    await useClients.getState().load();
    await get().run();
  },
  connectClient: async () => {
    const r = await invoke('clients:connect', {});
    if (r.ok)
      notice(
        'ok',
        'Approve the connection in your browser; the client appears here when it is done.',
      );
    else notice('error', r.error.message);
  },
  onClients: (p) => {
    const at = new Date().toISOString();
    // A run this window did not start (the app's background sync) shows too, and ends by itself.
    if (!get().running && p.done === 0) set({ running: true, ownRun: false, clients: {} });
    if (!get().running) return;
    const clients = { ...get().clients };
    for (const id of p.businessIds ?? [])
      clients[id] ??= { ...fresh(id, Object.keys(clients).length), state: 'starting' };
    let liveOffline = get().liveOffline;
    if (p.last) {
      const c = clients[p.last.businessId] ?? fresh(p.last.businessId, Object.keys(clients).length);
      clients[p.last.businessId] = {
        ...c,
        state: p.last.cancelled ? 'cancelled' : p.last.ok ? 'done' : 'failed',
        errorCode: p.last.errorCode,
      };
      if (p.last.ok) liveOffline = { offline: false, at };
      else if (p.last.errorCode === 'OFFLINE') liveOffline = { offline: true, at };
    }
    set({ total: p.total, done: p.done, clients, liveOffline });
    if (!get().ownRun && p.total > 0 && p.done === p.total) {
      set({ running: false });
      void useClients.getState().load();
    }
  },
  onProgress: (p) => {
    if (!get().running) return;
    const clients = { ...get().clients };
    const c = clients[p.businessId] ?? fresh(p.businessId, Object.keys(clients).length);
    if (c.state !== 'starting' && c.state !== 'syncing' && c.state !== 'waiting') return; // late
    clients[p.businessId] = {
      ...c,
      state: 'syncing',
      entity: p.entity,
      byEntity: {
        ...c.byEntity,
        [p.entity]: { pages: p.pagesDone, records: p.records, done: p.done },
      },
    };
    set({ clients });
  },
  onWaiting: (w) => {
    if (!get().running) return;
    const clients = { ...get().clients };
    const c = clients[w.businessId] ?? fresh(w.businessId, Object.keys(clients).length);
    clients[w.businessId] = { ...c, state: 'waiting', holder: w.holder };
    set({ clients });
  },
}));

const fresh = (businessId: string, order: number): ClientSync => ({
  businessId,
  state: 'syncing',
  entity: '',
  byEntity: {},
  errorCode: null,
  order,
});
