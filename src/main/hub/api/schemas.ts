// What each route of the hub's API accepts, checked with zod (mini build) before any work: a bad request
// gets one clear line (400), never a stack trace.
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import { pullLimitDefault, pullLimitMax } from '../work/pull.ts';

z.config(en());

const seq = z.pipe(
  z.string().check(z.regex(/^\d{1,15}$/, 'expected a whole number')),
  z.transform(Number),
);
const limitOf = (max: number, dflt: number) =>
  z.pipe(
    z.optional(z.string().check(z.regex(/^\d{1,6}$/, 'expected a whole number'))),
    z.transform((v) => Math.min(max, Math.max(1, v === undefined ? dflt : Number(v)))),
  );

export const signInSchema = z.strictObject({
  email: z.optional(z.string().check(z.trim(), z.minLength(3), z.maxLength(320))),
  code: z.string().check(z.trim(), z.minLength(8), z.maxLength(64)),
  deviceName: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
});

export const pullQuery = z.strictObject({
  since: seq,
  limit: limitOf(pullLimitMax, pullLimitDefault),
  company: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
});

export const auditQuery = z.strictObject({
  company: z.string().check(z.minLength(1), z.maxLength(200)),
  after: z.optional(seq),
  limit: limitOf(1000, 200),
});

export { pushSchema } from '../work/ops.ts';

/** zod's issues as one line: `since: expected a whole number; limit: …`. */
export const issuesLine = (issues: readonly { path: PropertyKey[]; message: string }[]): string =>
  issues.map((i) => `${i.path.map(String).join('.') || 'request'}: ${i.message}`).join('; ');
