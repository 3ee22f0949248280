// A channel's value, or the one line to show instead (the envelope's message, or why the call failed).
import type { ArgOf, InvokeChannel, ValueOf } from '../../../core/contract.ts';
import { invoke } from './api.ts';

export async function call<C extends InvokeChannel>(
  channel: C,
  arg: ArgOf<C>,
): Promise<{ value?: ValueOf<C>; error?: string }> {
  try {
    const r = await invoke(channel, arg);
    return r.ok ? { value: r.value } : { error: r.error.message };
  } catch (e) {
    return { error: (e as Error).message };
  }
}
