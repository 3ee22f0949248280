// The console's bulk re-date (issue 12 §3): the bills the advisor has selected, how to move them, the
// live preview of their combined effect (console:preview-moves, nothing written) and recording them as
// decisions (decisions:record-moves, all or none). One client at a time: opening another clears it.
import { create } from 'zustand';
import type { MovesPreview } from '../../../core/forecast/scenario-view.ts';
import { call } from '../lib/call.ts';
import { effectParts, howMoved, movesOf, type MoveMode, type MoveTarget } from '../move-words.ts';
import { useApp } from '../store.ts';

/** Typing in the days or date field waits this long before asking for a preview. */
const previewDelayMs = 250;

type Preview = { data?: MovesPreview; loading: boolean; error?: string };

type ConsoleState = {
  businessId?: string;
  /** Selected bill ids, in the order the advisor picked them. */
  selected: string[];
  target: MoveTarget;
  preview: Preview;
  recording: boolean;
  /** A failed recording's one line (the selection is kept, so it can be tried again). */
  recordError?: string;
  /** What the last recording did, until the next selection. */
  recorded?: string;
  select: (businessId: string, billIds: readonly string[], on: boolean) => void;
  clear: () => void;
  setMode: (mode: MoveMode) => void;
  setDays: (text: string) => void;
  setDate: (date: string) => void;
  record: () => Promise<void>;
  dismissRecorded: () => void;
};

const today = (): string | undefined => useApp.getState().console.data?.today;

let timer: ReturnType<typeof setTimeout> | undefined;
/** Each preview asked for is numbered: an answer to an older question is dropped. */
let asked = 0;

export const useConsoleMoves = create<ConsoleState>((set, get) => {
  /** Asks for the preview of what is selected now, after a pause in typing. */
  const schedule = () => {
    clearTimeout(timer);
    const { businessId, selected, target } = get();
    const day = today();
    const moves = day ? movesOf(selected, target, day) : undefined;
    const n = ++asked;
    if (!businessId || selected.length === 0 || !moves) {
      set({ preview: { loading: false } });
      return;
    }
    set({ preview: { ...get().preview, loading: true, error: undefined } });
    timer = setTimeout(() => {
      void call('console:preview-moves', { businessId, moves }).then((r) => {
        if (n !== asked) return;
        set({
          preview: r.error ? { loading: false, error: r.error } : { data: r.value, loading: false },
        });
      });
    }, previewDelayMs);
  };
  return {
    selected: [],
    target: { mode: 'days', daysText: '7', date: '' },
    preview: { loading: false },
    recording: false,
    select: (businessId, billIds, on) => {
      const same = get().businessId === businessId;
      const kept = same ? get().selected.filter((id) => !billIds.includes(id)) : [];
      set({
        businessId,
        selected: on ? [...kept, ...billIds] : kept,
        recorded: undefined,
        recordError: undefined,
      });
      schedule();
    },
    clear: () => {
      set({ selected: [], recordError: undefined });
      schedule();
    },
    setMode: (mode) => {
      set({ target: { ...get().target, mode }, recordError: undefined });
      schedule();
    },
    setDays: (daysText) => {
      set({ target: { ...get().target, mode: 'days', daysText }, recordError: undefined });
      schedule();
    },
    setDate: (date) => {
      set({ target: { ...get().target, mode: 'date', date }, recordError: undefined });
      schedule();
    },
    record: async () => {
      const { businessId, selected, target } = get();
      const day = today();
      const moves = day ? movesOf(selected, target, day) : undefined;
      if (!businessId || !moves || get().recording) return;
      set({ recording: true, recordError: undefined });
      const r = await call('decisions:record-moves', { businessId, moves });
      if (r.error || !r.value) {
        set({ recording: false, recordError: r.error ?? 'Nothing was recorded.' });
        return;
      }
      const { recorded, impact } = r.value;
      const effect = effectParts(impact.before, impact.after, impact.homeCurrency);
      const n = recorded.length;
      const client = useApp.getState().console.data?.displayName ?? 'this client';
      set({
        recording: false,
        selected: [],
        preview: { loading: false },
        recorded: `Recorded ${n} decision${n === 1 ? '' : 's'} for ${client}: ${
          n === 1 ? 'the bill' : 'the bills'
        } ${howMoved(target)}. Runway ${effect.runway}; lowest point ${effect.lowest}${
          effect.meantime ? `; low until ${effect.meantime.until} ${effect.meantime.low}` : ''
        }.`,
      });
      const app = useApp.getState();
      await Promise.all([app.loadConsole(businessId), app.loadForecast(businessId)]);
    },
    dismissRecorded: () => set({ recorded: undefined }),
  };
});
