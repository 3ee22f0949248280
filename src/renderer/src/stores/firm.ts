// Firm mode in the window (issue 15 §5): whether this data folder is signed in to a firm hub, signing in
// with an admin's one-time code, and one exchange with the hub (push the work made here, then pull).
import { create } from 'zustand';
import type { FirmStatus, FirmSyncResult } from '../../../core/firm.ts';
import { invoke } from '../lib/api.ts';

type FirmState = {
  status?: FirmStatus;
  busy: boolean;
  /** The last sign-in's or exchange's outcome in words. */
  message?: { kind: 'ok' | 'error'; text: string };
  load: () => Promise<FirmStatus | undefined>;
  signIn: (hubUrl: string, code: string, email?: string) => Promise<boolean>;
  /** Push then pull; answers the exchange, or undefined after saying why it failed. */
  exchange: () => Promise<FirmSyncResult | undefined>;
};

/** "Firm hub: pushed 2 pieces of work; pulled 140 records and 3 pieces of work for 2 clients." */
export function exchangeWords(x: FirmSyncResult): string {
  const n = (k: number, one: string, many = `${one}s`) => `${k} ${k === 1 ? one : many}`;
  const work = (k: number) => n(k, 'piece of work', 'pieces of work');
  const notes = [
    ...(x.won
      ? [`${x.won} of your edits replaced a concurrent one (both are in the hub's audit trail).`]
      : []),
    ...x.replaced.map(
      (r) =>
        `Your ${r.kind} on ${r.itemKey} was replaced by ${r.by}'s later one (both are in the audit trail).`,
    ),
    ...x.refused.map((r) => `The hub refused your ${r.kind}: ${r.detail}`),
  ];
  return [
    `Firm hub: pushed ${work(x.pushed)}; pulled ${n(x.records, 'record')} and ${work(x.work)} for ${n(x.clients.length, 'client')}.`,
    ...notes,
  ].join(' ');
}

export const useFirm = create<FirmState>((set) => ({
  busy: false,
  load: async () => {
    const r = await invoke('firm:status', {});
    if (r.ok) set({ status: r.value });
    return r.ok ? r.value : undefined;
  },
  signIn: async (hubUrl, code, email) => {
    set({ busy: true, message: undefined });
    const r = await invoke('firm:connect', { hubUrl, code, ...(email ? { email } : {}) });
    if (!r.ok) {
      set({ busy: false, message: { kind: 'error', text: r.error.message } });
      return false;
    }
    const c = r.value;
    set({
      busy: false,
      message: {
        kind: 'ok',
        text: `Signed in to ${c.hubUrl} as ${c.advisor.email} (${c.advisor.role}); ${c.clients} client(s). Sync now brings their books.`,
      },
    });
    await useFirm.getState().load();
    return true;
  },
  exchange: async () => {
    set({ busy: true, message: undefined });
    const r = await invoke('firm:sync', {});
    set({ busy: false });
    if (!r.ok) {
      set({ message: { kind: 'error', text: r.error.message } });
      return undefined;
    }
    set({ message: { kind: 'ok', text: exchangeWords(r.value) } });
    void useFirm.getState().load();
    return r.value;
  },
}));
