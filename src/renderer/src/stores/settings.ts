// The Settings screen's state: the settings as main sees them (settings:get) and the advisor's save.
import { create } from 'zustand';
import type { SettingsPatch, SettingsView } from '../../../core/settings.ts';
import { invoke } from '../lib/api.ts';
import { chooseDateFormat } from '../format.ts';

/** Every screen writes dates the way the settings say, from the moment they are known. */
const known = (view: SettingsView): SettingsView => {
  chooseDateFormat(view.dateFormat);
  return view;
};

type SettingsState = {
  view?: SettingsView;
  loading: boolean;
  saving: boolean;
  /** What the last load or save said: an error in the advisor's words, or what was saved. */
  message?: { kind: 'ok' | 'error'; text: string };
  load: () => Promise<void>;
  save: (patch: SettingsPatch, what: string) => Promise<boolean>;
};

export const useSettings = create<SettingsState>((set) => ({
  loading: false,
  saving: false,
  load: async () => {
    set({ loading: true });
    const r = await invoke('settings:get', {});
    set(
      r.ok
        ? { view: known(r.value), loading: false }
        : { loading: false, message: { kind: 'error', text: r.error.message } },
    );
  },
  save: async (patch, what) => {
    set({ saving: true, message: undefined });
    const r = await invoke('settings:set', patch);
    if (!r.ok) {
      set({ saving: false, message: { kind: 'error', text: r.error.message } });
      return false;
    }
    set({ view: known(r.value), saving: false, message: { kind: 'ok', text: `Saved: ${what}.` } });
    return true;
  },
}));
