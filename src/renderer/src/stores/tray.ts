// The tray screen's state (issue 13 §4 "Tray"): one client's items, the fixes of their records, its sync
// problem, the advisor's search and filters, the selection, and each open row's history and fix facts.
// Loaded through the contract only; what the advisor did is told through the app's one notice line.
import { create } from 'zustand';
import type { OutboxFix } from '../../../core/fixes.ts';
import type { SyncProblem } from '../../../core/tray/sync-problem.ts';
import { fixRequestsOf, type TrayFixInput } from '../../../core/tray/fix-kinds.ts';
import type {
  FixChoices,
  ItemFixFacts,
  TrayDecision,
  TrayHistoryEntry,
  TrayListItem,
} from '../../../core/tray/tray-view.ts';
import { call } from '../lib/call.ts';
import { useApp } from '../store.ts';
import { useClients } from './clients.ts';
import { noFilters, type TrayFilters } from '../components/tray/filter.ts';

const tell = (kind: 'ok' | 'error', text: string) => useApp.setState({ notice: { kind, text } });

const decidedWords: Record<TrayDecision, string> = {
  approve: 'approved',
  exclude: 'excluded',
  reopen: 'reopened',
};
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

type Lists = Omit<FixChoices, 'items'>;

type TrayState = {
  businessId?: string;
  items?: TrayListItem[];
  fixes: OutboxFix[];
  problem: SyncProblem | null;
  loading: boolean;
  error?: string;
  filters: TrayFilters;
  selected: number[];
  expanded: number[];
  history: Record<number, TrayHistoryEntry[] | undefined>;
  facts: Record<number, ItemFixFacts | undefined>;
  lists?: Lists;
  /** A write is on its way (buttons wait for it). */
  busy: boolean;
  syncing: boolean;
  load: (businessId: string) => Promise<void>;
  /** Reads again what the screen shows (after a sync elsewhere in the window). */
  refresh: () => Promise<void>;
  setFilters: (f: Partial<TrayFilters>) => void;
  toggleSelected: (id: number) => void;
  setSelected: (ids: number[]) => void;
  toggleExpanded: (id: number) => void;
  loadHistory: (id: number) => Promise<void>;
  loadFacts: (ids: number[]) => Promise<boolean>;
  decide: (ids: number[], decision: TrayDecision, note?: string) => Promise<boolean>;
  addNote: (id: number, text: string) => Promise<boolean>;
  fix: (items: TrayListItem[], input: TrayFixInput) => Promise<boolean>;
  resolveConflict: (fixId: number, keep: 'mine' | 'theirs') => Promise<void>;
  retrySync: () => Promise<void>;
  reconnect: () => Promise<void>;
};

export const useTray = create<TrayState>((set, get) => {
  /** Reloads what the screen shows (items, fixes, sync problem) and every open row's history. */
  const refresh = async () => {
    const businessId = get().businessId;
    if (!businessId) return;
    const [items, fixes, problem] = await Promise.all([
      call('tray:list', { businessId, statuses: ['open', 'approved', 'excluded', 'resolved'] }),
      call('outbox:list', { businessId }),
      call('sync:problem', { businessId }),
    ]);
    if (get().businessId !== businessId) return;
    const known = new Set(items.value?.map((i) => i.id) ?? []);
    set({
      items: items.value ?? get().items,
      fixes: fixes.value ?? get().fixes,
      problem: problem.value === undefined ? get().problem : problem.value,
      loading: false,
      error: items.error ?? fixes.error ?? problem.error,
      selected: get().selected.filter((id) => known.has(id)),
    });
    await Promise.all(get().expanded.map((id) => get().loadHistory(id)));
  };

  return {
    fixes: [],
    problem: null,
    loading: false,
    filters: noFilters,
    selected: [],
    expanded: [],
    history: {},
    facts: {},
    busy: false,
    syncing: false,

    load: async (businessId) => {
      if (get().businessId !== businessId)
        set({
          businessId,
          items: undefined,
          fixes: [],
          problem: null,
          filters: noFilters,
          selected: [],
          expanded: [],
          history: {},
          facts: {},
          lists: undefined,
        });
      set({ loading: true, error: undefined });
      await refresh();
    },

    refresh: () => refresh(),

    setFilters: (f) => set({ filters: { ...get().filters, ...f }, selected: [] }),
    toggleSelected: (id) => {
      const s = get().selected;
      set({ selected: s.includes(id) ? s.filter((x) => x !== id) : [...s, id] });
    },
    setSelected: (ids) => set({ selected: ids }),
    toggleExpanded: (id) => {
      const e = get().expanded;
      if (e.includes(id)) return set({ expanded: e.filter((x) => x !== id) });
      set({ expanded: [...e, id] });
      void get().loadHistory(id);
      void get().loadFacts([id]);
    },

    loadHistory: async (id) => {
      const r = await call('tray:history', { itemId: id });
      if (r.value) set({ history: { ...get().history, [id]: r.value } });
    },

    loadFacts: async (ids) => {
      const businessId = get().businessId;
      if (!businessId || ids.length === 0) return true;
      const r = await call('tray:fix-choices', { businessId, itemIds: ids });
      if (!r.value) {
        tell('error', r.error ?? 'The fix forms could not be loaded.');
        return false;
      }
      const { items, ...lists } = r.value;
      set({
        lists,
        facts: { ...get().facts, ...Object.fromEntries(items.map((f) => [f.itemId, f])) },
      });
      return true;
    },

    decide: async (ids, decision, note) => {
      const businessId = get().businessId;
      if (!businessId || ids.length === 0) return false;
      set({ busy: true });
      const r = await call('tray:decide-many', {
        businessId,
        itemIds: ids,
        decision,
        note: note?.trim() ? note.trim() : null,
      });
      set({ busy: false });
      if (r.error) {
        tell('error', r.error);
        return false;
      }
      tell(
        'ok',
        ids.length === 1
          ? `Item ${decidedWords[decision]}.`
          : `${plural(ids.length, 'item')} ${decidedWords[decision]}.`,
      );
      set({ selected: get().selected.filter((id) => !ids.includes(id)) });
      await refresh();
      return true;
    },

    addNote: async (id, text) => {
      set({ busy: true });
      const r = await call('tray:note', { itemId: id, text });
      set({ busy: false });
      if (r.error) {
        tell('error', r.error);
        return false;
      }
      tell('ok', 'Note saved.');
      await refresh();
      await get().loadHistory(id);
      return true;
    },

    fix: async (items, input) => {
      const businessId = get().businessId;
      if (!businessId || items.length === 0) return false;
      set({ busy: true });
      if (input.kind === 'category' && !(await get().loadFacts(items.map((i) => i.id)))) {
        set({ busy: false });
        return false;
      }
      // One fix per record, in turn: each is checked against the mirror; the others still go through.
      const refused: string[] = [];
      let recorded = 0;
      for (const item of items) {
        const lines =
          get()
            .facts[item.id]?.lines.filter((l) => l.uncategorized)
            .map((l) => l.line) ?? [];
        const requests = fixRequestsOf({ ...item, businessId }, input, lines);
        if (requests.length === 0) refused.push(`${item.title}: no uncategorized expense line`);
        for (const req of requests) {
          const r = await call('fixes:record', req);
          if (r.error) refused.push(`${item.title}: ${r.error}`);
          else recorded++;
        }
      }
      set({ busy: false, selected: [] });
      if (refused.length === 0)
        tell(
          'ok',
          recorded === 1
            ? 'Fix recorded: QuickBooks gets it at the next sync.'
            : `${plural(recorded, 'fix', 'fixes')} recorded: QuickBooks gets them at the next sync.`,
        );
      else
        tell(
          'error',
          `${recorded ? `${plural(recorded, 'fix', 'fixes')} recorded; ` : ''}not recorded: ${refused.join('; ')}`,
        );
      await refresh();
      return refused.length === 0;
    },

    resolveConflict: async (fixId, keep) => {
      set({ busy: true });
      const r = await call('outbox:resolve', { fixId, keep });
      set({ busy: false });
      tell(
        r.error ? 'error' : 'ok',
        r.error ??
          (keep === 'mine'
            ? 'Your value goes to QuickBooks again at the next sync.'
            : "QuickBooks' value is kept; your change is dropped."),
      );
      await refresh();
    },

    retrySync: async () => {
      const businessId = get().businessId;
      if (!businessId) return;
      set({ syncing: true });
      const r = await call('sync:run', { businessId });
      set({ syncing: false });
      const result = r.value?.[0];
      const applied = result?.fixesApplied
        ? `${plural(result.fixesApplied, 'fix', 'fixes')} applied in QuickBooks`
        : '';
      const conflicts = result?.fixConflicts
        ? `${plural(result.fixConflicts, 'fix', 'fixes')} in conflict: QuickBooks changed the same field`
        : '';
      const said = [applied, conflicts].filter(Boolean).join('; ');
      if (r.error || result?.error)
        tell('error', `Sync did not finish: ${r.error ?? result?.error?.message}`);
      else tell('ok', `Sync finished${said ? `: ${said}` : ''}.`);
      await Promise.all([refresh(), useClients.getState().load()]);
    },

    reconnect: async () => {
      const p = get().problem;
      // The demo books restart and connect again; a QBO company asks Intuit in the browser.
      const r =
        p?.environment === 'custom'
          ? await call('clients:connect-demo', {})
          : await call('clients:connect', p?.environment === 'sandbox' ? { sandbox: true } : {});
      if (r.error) return tell('error', r.error);
      if (p?.environment === 'custom') {
        tell('ok', 'The demo books are connected again; syncing now.');
        return get().retrySync();
      }
      tell('ok', 'Approve the connection in your browser; the tray refreshes after the next sync.');
    },
  };
});
