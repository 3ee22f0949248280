// The collections screen's state: the overdue invoices of every client (the Collections screen) or of one
// (its tab in the client view), the filters and sort on screen, and logging a call.
import { create } from 'zustand';
import type { CallForm, CollectionsView, OverdueBucket } from '../../../core/collections.ts';
import { longDate } from '../format.ts';
import { invoke } from '../lib/api.ts';
import { useApp } from '../store.ts';

export type CollectionsSort = { id: 'amount' | 'days'; desc: boolean }[];

type State = {
  /** The client whose tab this is; null: every client. */
  scope: string | null;
  view?: CollectionsView;
  loading: boolean;
  error?: string;
  bucket: OverdueBucket | null;
  client: string | null;
  /** Empty: the service's order (calls due first, then the oldest, then the largest). */
  sorting: CollectionsSort;
  load: (businessId: string | null) => Promise<void>;
  setBucket: (bucket: OverdueBucket | null) => void;
  setClient: (businessId: string | null) => void;
  setSorting: (sorting: CollectionsSort) => void;
  /** Logs a call; the error message when it was refused, else undefined (the list is reloaded). */
  logCall: (
    businessId: string,
    invoiceQboId: string,
    form: CallForm,
  ) => Promise<string | undefined>;
};

export const useCollections = create<State>((set, get) => ({
  scope: null,
  loading: false,
  bucket: null,
  client: null,
  sorting: [],
  load: async (businessId) => {
    // Another list (all clients, another client's tab): its filters start afresh.
    if (get().scope !== businessId)
      set({ scope: businessId, view: undefined, bucket: null, client: null, error: undefined });
    set({ loading: true });
    try {
      const r = await invoke('collections:list', businessId ? { businessId } : {});
      // A later load for another scope wins.
      if (get().scope !== businessId) return;
      set(
        r.ok
          ? { view: r.value, loading: false, error: undefined }
          : { loading: false, error: r.error.message },
      );
    } catch (e) {
      set({ loading: false, error: (e as Error).message });
    }
  },
  setBucket: (bucket) => set({ bucket }),
  setClient: (client) => set({ client }),
  setSorting: (sorting) => set({ sorting }),
  logCall: async (businessId, invoiceQboId, form) => {
    let message: string | undefined;
    try {
      const r = await invoke('calls:record', { businessId, invoiceQboId, ...form });
      if (!r.ok) message = r.error.message;
    } catch (e) {
      message = (e as Error).message;
    }
    if (message) return message;
    // The list first, then the word: when "Call logged" shows, the row shows the call.
    await get().load(get().scope);
    useApp.setState({
      notice: {
        kind: 'ok',
        text: form.promisedDate
          ? `Call logged: promised to pay on ${longDate(form.promisedDate)}.`
          : 'Call logged.',
      },
    });
    return undefined;
  },
}));
