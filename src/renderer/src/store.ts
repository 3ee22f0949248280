import { create } from 'zustand';
import type { Client } from '../../core/clients.ts';
import { invoke } from './lib/api.ts';

type Load = { status: 'idle' | 'loading' | 'ready' | 'failed'; error?: string };

type ClientsState = {
  clients: Client[];
  load: Load;
  refresh: () => Promise<void>;
};

export const useClients = create<ClientsState>((set) => ({
  clients: [],
  load: { status: 'idle' },
  refresh: async () => {
    set({ load: { status: 'loading' } });
    try {
      const result = await invoke('clients:list', {});
      if (result.ok) set({ clients: result.value, load: { status: 'ready' } });
      else set({ load: { status: 'failed', error: result.error.message } });
    } catch (error) {
      set({ load: { status: 'failed', error: (error as Error).message } });
    }
  },
}));
