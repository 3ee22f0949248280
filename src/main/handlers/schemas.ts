// Runtime validation of every invoke argument, before any handler runs (ARCHITECTURE.md §3).
import { z } from 'zod';
import type { ArgOf, InvokeChannel } from '../../core/contract.ts';

const empty = z.strictObject({});

export const argSchemas: { [C in InvokeChannel]: z.ZodType<ArgOf<C>> } = {
  'app:get-info': empty,
  'clients:list': empty,
  'clients:connect': empty,
  'clients:disconnect': z.strictObject({ businessId: z.string().min(1).max(100) }),
  'sync:run': z.strictObject({ businessId: z.string().min(1).max(100).optional(), strict: z.boolean().optional() }),
  'sync:status': z.strictObject({ businessId: z.string().min(1).max(100).optional() }),
};
