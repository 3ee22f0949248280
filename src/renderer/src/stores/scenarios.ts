// The forecast tab's scenarios (issue 12 §4): the client's saved what-ifs, their comparison with the
// baseline (forecast:compare), the open bills and invoices the form offers, which scenario the chart
// draws, and saving and deleting. Lists and comparisons write nothing.
import { create } from 'zustand';
import type { Scenario } from '../../../core/forecast/scenario.ts';
import type {
  SavedScenario,
  ScenarioComparison,
  ScenarioRecords,
} from '../../../core/forecast/scenario-view.ts';
import { call } from '../lib/call.ts';

type Loadable<T> = { data?: T; loading: boolean; error?: string };

type ScenariosState = {
  businessId?: string;
  list: Loadable<SavedScenario[]>;
  comparison: Loadable<ScenarioComparison>;
  records: Loadable<ScenarioRecords>;
  /** The scenario the chart draws against the baseline. */
  shown?: string;
  /** The form: a new scenario (`original` undefined) or the one being edited. */
  form?: { original?: string };
  /** What the last save or delete did (or why a delete failed), in one line. */
  done?: { kind: 'ok' | 'error'; text: string };
  load: (businessId: string) => Promise<void>;
  loadRecords: (businessId: string) => Promise<void>;
  show: (name: string) => void;
  openForm: (original?: string) => void;
  closeForm: () => void;
  /** Saves (a renamed one: the new name saved, the old one deleted); the one line to show on failure. */
  save: (businessId: string, scenario: Scenario) => Promise<string | undefined>;
  remove: (businessId: string, name: string) => Promise<string | undefined>;
};

const idle = { loading: false };

export const useScenarios = create<ScenariosState>((set, get) => ({
  list: idle,
  comparison: idle,
  records: idle,
  load: async (businessId) => {
    const other = get().businessId !== businessId;
    set({
      businessId,
      list: { ...(other ? {} : get().list), loading: true },
      comparison: { ...(other ? {} : get().comparison), loading: true },
      ...(other && { shown: undefined, form: undefined, done: undefined, records: idle }),
    });
    const [list, comparison] = await Promise.all([
      call('scenarios:list', { businessId }),
      call('forecast:compare', { businessId }),
    ]);
    if (get().businessId !== businessId) return;
    const names = list.value?.map((s) => s.name) ?? [];
    const shown = get().shown;
    set({
      list: { data: list.value, loading: false, error: list.error },
      comparison: { data: comparison.value, loading: false, error: comparison.error },
      shown: shown && names.includes(shown) ? shown : names[0],
    });
  },
  loadRecords: async (businessId) => {
    set({ records: { ...get().records, loading: true } });
    const r = await call('scenarios:open-records', { businessId });
    if (get().businessId === businessId)
      set({ records: { data: r.value, loading: false, error: r.error } });
  },
  show: (shown) => set({ shown }),
  openForm: (original) => {
    set({ form: { original }, done: undefined });
    const { businessId } = get();
    if (businessId) void get().loadRecords(businessId);
  },
  closeForm: () => set({ form: undefined }),
  save: async (businessId, scenario) => {
    const original = get().form?.original;
    const r = await call('scenarios:save', { businessId, scenario });
    if (r.error || !r.value) return r.error ?? 'The scenario was not saved.';
    const renamed = original !== undefined && original.toLowerCase() !== r.value.name.toLowerCase();
    if (renamed) {
      const d = await call('scenarios:delete', { businessId, name: original });
      if (d.error)
        return `Saved as “${r.value.name}”, but “${original}” was not deleted: ${d.error}`;
    }
    set({
      form: undefined,
      shown: r.value.name,
      done: {
        kind: 'ok',
        text: `Scenario “${r.value.name}” saved${renamed ? ` (was “${original}”)` : ''}.`,
      },
    });
    await get().load(businessId);
    return undefined;
  },
  remove: async (businessId, name) => {
    const r = await call('scenarios:delete', { businessId, name });
    if (r.error) {
      set({ done: { kind: 'error', text: `“${name}” was not deleted: ${r.error}` } });
      return r.error;
    }
    set({
      done: { kind: 'ok', text: `Scenario “${name}” deleted.` },
      ...(get().form?.original === name && { form: undefined }),
    });
    await get().load(businessId);
    return undefined;
  },
}));
