// The client list's state: the rows (clients:overview, the summaries the writers keep), what the advisor
// searches, filters and sorts by, the row that has the keyboard focus, and the client view's header.
import { create } from 'zustand';
import type { ClientOverview } from '../../../core/advisor-work.ts';
import { call } from '../lib/call.ts';

export type HealthFilter = 'all' | 'red' | 'amber' | 'green' | 'unsynced';
export type SortKey =
  | 'health'
  | 'name'
  | 'cash'
  | 'runway'
  | 'lowest'
  | 'confidence'
  | 'items'
  | 'due'
  | 'overdue'
  | 'synced';
export type Sort = { key: SortKey; desc: boolean };

type ClientsState = {
  rows?: ClientOverview[];
  loading: boolean;
  error?: string;
  query: string;
  health: HealthFilter;
  /** A tag the list is filtered by, or '' for every client. */
  tag: string;
  sort: Sort;
  /** The row with the keyboard focus (kept when the advisor comes back from a client). */
  activeId?: string;
  /** The client view's header row, by client (clients:get). */
  headers: Record<string, { row?: ClientOverview; error?: string }>;
  load: () => Promise<void>;
  loadHeader: (businessId: string) => Promise<void>;
  tagClient: (
    businessId: string,
    change: { add?: string[]; remove?: string[] },
  ) => Promise<string | null>;
  setQuery: (query: string) => void;
  setHealth: (health: HealthFilter) => void;
  setTag: (tag: string) => void;
  setSort: (sort: Sort) => void;
  setActive: (businessId: string | undefined) => void;
};

export const useClients = create<ClientsState>((set, get) => ({
  loading: false,
  query: '',
  health: 'all',
  tag: '',
  sort: { key: 'health', desc: false },
  headers: {},
  load: async () => {
    set({ loading: true });
    const r = await call('clients:overview', {});
    if (r.error) set({ loading: false, error: r.error });
    else {
      // The list's rows are the headers' too: a client opened from the list shows at once.
      const headers = { ...get().headers };
      for (const row of r.value!) if (headers[row.businessId]) headers[row.businessId] = { row };
      set({ loading: false, error: undefined, rows: r.value, headers });
    }
  },
  loadHeader: async (businessId) => {
    const r = await call('clients:get', { businessId });
    set({
      headers: {
        ...get().headers,
        [businessId]: r.error ? { ...get().headers[businessId], error: r.error } : { row: r.value },
      },
      // The list row too, so going back shows the same numbers.
      ...(r.value && get().rows
        ? { rows: get().rows!.map((c) => (c.businessId === businessId ? r.value! : c)) }
        : {}),
    });
  },
  tagClient: async (businessId, change) => {
    const r = await call('clients:tag', { businessId, ...change });
    if (r.error) return r.error;
    await get().loadHeader(businessId);
    return null;
  },
  setQuery: (query) => set({ query }),
  setHealth: (health) => set({ health }),
  setTag: (tag) => set({ tag }),
  setSort: (sort) => set({ sort }),
  setActive: (activeId) => set({ activeId }),
}));

/** The row of one client from what is loaded: its header's, else the list's. */
export const clientRow = (s: ClientsState, businessId: string): ClientOverview | undefined =>
  s.headers[businessId]?.row ?? s.rows?.find((c) => c.businessId === businessId);
