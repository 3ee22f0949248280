// Runtime validation of every invoke argument, before any handler runs (ARCHITECTURE.md "The typed contract").
import { z } from 'zod';
import { callOutcomes } from '../../core/advisor-work.ts';
import type { ArgOf, InvokeChannel } from '../../core/contract.ts';

const empty = z.strictObject({});
const id = z.string().trim().min(1).max(100);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD');
const note = z.string().max(2000).nullish();

export const argSchemas: { [C in InvokeChannel]: z.ZodType<ArgOf<C>> } = {
  'app:get-info': empty,
  'clients:list': empty,
  'clients:overview': empty,
  'tray:list': z.strictObject({
    businessId: id,
    statuses: z
      .array(z.enum(['open', 'approved', 'excluded', 'resolved']))
      .min(1)
      .optional(),
  }),
  'tray:decide': z.strictObject({
    businessId: id,
    itemId: z.number().int().positive(),
    decision: z.enum(['approve', 'exclude', 'reopen']),
    note,
  }),
  'tray:recheck': z.strictObject({ businessId: id.optional() }),
  'console:list': z.strictObject({ businessId: id, delayTo: day.optional() }),
  'decisions:record': z.strictObject({
    businessId: id,
    billQboId: id,
    action: z.enum(['pay_now', 'delay', 'hold']),
    plannedDate: day.nullish(),
    note,
  }),
  'calls:list': z.strictObject({ businessId: id.optional() }),
  'calls:record': z.strictObject({
    businessId: id,
    invoiceQboId: id,
    outcome: z.enum(callOutcomes),
    promisedDate: day.nullish(),
    followUpOn: day.nullish(),
    note,
  }),
  'clients:connect': z.strictObject({
    port: z.number().int().min(0).max(65535).optional(),
    timeoutSeconds: z.number().int().min(1).max(3600).optional(),
    sandbox: z.boolean().optional(),
  }),
  'clients:connect-demo': z.strictObject({ fresh: z.boolean().optional() }),
  'clients:disconnect': z.strictObject({ businessId: z.string().min(1).max(100) }),
  'sync:run': z.strictObject({
    businessId: z.string().min(1).max(100).optional(),
    strict: z.boolean().optional(),
  }),
  'sync:status': z.strictObject({ businessId: z.string().min(1).max(100).optional() }),
  'digest:build': z
    .strictObject({
      businessId: id.optional(),
      all: z.boolean().optional(),
      save: z.boolean().optional(),
    })
    .refine((a) => Boolean(a.businessId) !== Boolean(a.all), 'give businessId or all, not both'),
};
