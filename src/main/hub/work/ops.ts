// The ops a desktop pushes (issue 15 §5): the shape on the wire, checked with zod (mini build, as
// src/main/handlers/schemas.ts) before anything is written. A body carries what the advisor chose; who
// made it is never taken from the body but from the device's token (the hub stamps `by`).
import * as z from 'zod/mini';

const text = (max: number) => z.string().check(z.maxLength(max));
const key = z.string().check(z.minLength(1), z.maxLength(500));
const day = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD'));
const note = z.nullish(text(2000));

export const workBodies = {
  decision: z.object({
    billQboId: key,
    action: z.enum(['pay_now', 'delay', 'hold']),
    plannedDate: z.nullish(day),
    note,
  }),
  tray: z.object({
    code: key,
    recordKey: key,
    status: z.enum(['approved', 'excluded', 'open']),
    note,
  }),
  call: z.object({
    invoiceQboId: key,
    outcome: text(40),
    promisedDate: z.nullish(day),
    followUpOn: z.nullish(day),
    note,
  }),
  note: z.object({ code: key, recordKey: key, text: text(2000) }),
  scenario: z.object({
    name: text(200),
    changes: z.optional(z.array(z.unknown()).check(z.maxLength(1000))),
    deleted: z.boolean(),
  }),
  fix: z.object({
    entity: text(40),
    qboId: key,
    operation: z.enum(['update', 'send', 'delete']),
    summary: z.optional(text(2000)),
    changes: z.unknown(),
    before: z.unknown(),
    baseVersion: text(40),
    requestId: key,
  }),
};

export type OpKind = keyof typeof workBodies;
export const opKinds = Object.keys(workBodies) as OpKind[];

export const pushSchema = z.strictObject({
  ops: z
    .array(
      z.strictObject({
        opId: z
          .string()
          .check(
            z.regex(
              /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
              'expected a uuid',
            ),
          ),
        companyId: key,
        kind: z.enum(opKinds as [OpKind, ...OpKind[]]),
        itemKey: key,
        baseSeq: z.nullable(z.int().check(z.gte(0))),
        madeAt: z.nullish(z.iso.datetime()),
        body: z.record(z.string(), z.unknown()),
      }),
    )
    .check(z.minLength(1), z.maxLength(500)),
});

export type PushedOp = z.infer<typeof pushSchema>['ops'][number];

/** The answer to one op; a repeated push of it gets the same answer. */
export type OpResult =
  | {
      opId: string;
      outcome: 'applied';
      seq: number;
      /** Set when this op replaced a version its desktop had not seen (a concurrent edit): kept in the audit. */
      replaced: { opId: string; by: string; body: Record<string, unknown> } | null;
    }
  | { opId: string; outcome: 'queued'; detail: string }
  | { opId: string; outcome: 'refused'; detail: string };
