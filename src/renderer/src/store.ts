// The renderer's state: what the advisor is looking at, loaded through the contract only.
import { create } from 'zustand';
import type { ConsoleView, DecisionAction, TrayItem } from '../../core/advisor-work.ts';
import type { DigestModel } from '../../core/digest/model.ts';
import type { ForecastView } from '../../core/forecast/view.ts';
import type { ArgOf, EventMap, InvokeChannel } from '../../core/contract.ts';
import { call } from './lib/call.ts';
import { useClients } from './stores/clients.ts';
import { lowerFirst, lowestWords, runwayWords } from './forecast-words.ts';

export type ClientTab = 'tray' | 'console' | 'forecast' | 'collections' | 'digest';
export type Screen =
  | { kind: 'clients' }
  | { kind: 'collections' }
  | { kind: 'settings' }
  | { kind: 'help' }
  | { kind: 'client'; businessId: string; tab: ClientTab };

type Loadable<T> = { data?: T; loading: boolean; error?: string };
const idle = <T>(): Loadable<T> => ({ loading: false });

type State = {
  screen: Screen;
  tray: Loadable<TrayItem[]>;
  console: Loadable<ConsoleView>;
  forecast: Loadable<ForecastView>;
  digest: Loadable<DigestModel[]>;
  notice?: { kind: 'ok' | 'error'; text: string };
  // The client list and sync progress live in stores/clients.ts and stores/sync.ts.
  onConnectionFailed: (f: EventMap['connection:failed']) => void;
  go: (screen: Screen) => void;
  loadTray: (businessId: string) => Promise<void>;
  loadConsole: (businessId: string, delayTo?: string) => Promise<void>;
  loadForecast: (businessId: string) => Promise<void>;
  /** Confirm, ignore or re-amount a recurring item; the forecast on screen becomes the answer. */
  chooseRecurring: (
    businessId: string,
    key: string,
    choice:
      { choice: 'confirm' } | { choice: 'ignore' } | { choice: 'amount'; amountCents: number },
  ) => Promise<void>;
  loadDigest: (businessId: string, save?: boolean) => Promise<void>;
  decideItem: (
    businessId: string,
    itemId: number,
    decision: 'approve' | 'exclude' | 'reopen',
  ) => Promise<void>;
  decideBill: (
    businessId: string,
    billQboId: string,
    action: DecisionAction,
    plannedDate: string | null,
    note: string | null,
  ) => Promise<void>;
};

/** Calls a channel and hands back its value, or the message to show. */
export const useApp = create<State>((set, get) => {
  const load = async <
    K extends 'tray' | 'console' | 'forecast' | 'digest',
    C extends InvokeChannel,
  >(
    key: K,
    channel: C,
    arg: ArgOf<C>,
  ) => {
    set({ [key]: { ...get()[key], loading: true } } as Partial<State>);
    const r = await call(channel, arg);
    set({
      [key]: r.error
        ? { data: get()[key].data, loading: false, error: r.error }
        : { data: r.value, loading: false },
    } as Partial<State>);
  };
  return {
    screen: { kind: 'clients' },
    tray: idle(),
    console: idle(),
    forecast: idle(),
    digest: idle(),
    go: (screen) => {
      set({ screen, notice: undefined });
      if (screen.kind === 'clients') void useClients.getState().load();
      if (screen.kind === 'client') {
        const { businessId } = screen;
        const loaders = {
          tray: () => get().loadTray(businessId),
          // The console's header and chart are the forecast's.
          console: () =>
            Promise.all([get().loadConsole(businessId), get().loadForecast(businessId)]),
          forecast: () => get().loadForecast(businessId),
          // The collections screen loads its own store (stores/collections.ts) when it opens.
          collections: async () => undefined,
          digest: () => get().loadDigest(businessId),
        };
        void loaders[screen.tab]();
      }
    },
    loadTray: (businessId) => load('tray', 'tray:list', { businessId }),
    loadConsole: (businessId, delayTo) =>
      load('console', 'console:list', delayTo ? { businessId, delayTo } : { businessId }),
    loadForecast: (businessId) => load('forecast', 'forecast:get', { businessId }),
    chooseRecurring: async (businessId, key, choice) => {
      const item = get().forecast.data?.recurring.find((r) => r.key === key);
      const r = await call('forecast:recurring', { businessId, key, ...choice });
      if (r.value) set({ forecast: { data: r.value, loading: false } });
      const who = item?.name ?? 'The item';
      set({
        notice: r.error
          ? { kind: 'error', text: r.error }
          : {
              kind: 'ok',
              text:
                choice.choice === 'ignore'
                  ? `${who}: left out of the forecast.`
                  : choice.choice === 'confirm'
                    ? `${who}: confirmed, kept in the forecast.`
                    : `${who}: the forecast now uses the new amount.`,
            },
      });
    },
    loadDigest: async (businessId, save = false) => {
      await load('digest', 'digest:build', { businessId, save });
      if (save && !get().digest.error)
        set({
          notice: {
            kind: 'ok',
            text: 'Digest saved: the next one will show how cash and runway changed since today.',
          },
        });
    },
    decideItem: async (businessId, itemId, decision) => {
      const r = await call('tray:decide', { businessId, itemId, decision });
      set({
        notice: r.error
          ? { kind: 'error', text: r.error }
          : {
              kind: 'ok',
              text: `Item ${decision === 'approve' ? 'approved' : decision === 'exclude' ? 'excluded' : 'reopened'}.`,
            },
      });
      await get().loadTray(businessId);
    },
    decideBill: async (businessId, billQboId, action, plannedDate, note) => {
      const r = await call('decisions:record', {
        businessId,
        billQboId,
        action,
        plannedDate,
        note,
      });
      if (r.error) set({ notice: { kind: 'error', text: r.error } });
      await Promise.all([get().loadConsole(businessId), get().loadForecast(businessId)]);
      const f = get().forecast.data;
      if (!r.error)
        set({
          notice: {
            kind: 'ok',
            text:
              f && f.businessId === businessId
                ? `Decision recorded. Runway: ${lowerFirst(runwayWords(f))}; lowest ${lowestWords(f, f.homeCurrency)}.`
                : 'Decision recorded.',
          },
        });
    },
    onConnectionFailed: (f) =>
      set({ notice: { kind: 'error', text: `The client was not connected: ${f.message}` } }),
  };
});
