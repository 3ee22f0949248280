// Runtime validation of every invoke argument, before any handler runs (ARCHITECTURE.md "The typed contract").
// zod's mini build with its English messages only: the full build is 750 KB that every CLI command would
// parse at start (npm run bench cli-start).
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import { callOutcomes } from '../../core/advisor-work.ts';
import { digestExportFormats } from '../../core/digest/export.ts';
import { papers } from '../../core/digest/model.ts';
import { fixEntities, fixStates } from '../../core/fixes.ts';
import {
  scenarioCadences,
  scenarioChangesMax,
  scenarioNameMax,
} from '../../core/forecast/scenario.ts';
import type { ArgOf, InvokeChannel } from '../../core/contract.ts';
import { defaultHygieneThresholds, type HygieneThresholds } from '../../core/hygiene/codes.ts';
import { dateFormats, paperSizes, syncIntervalLimits } from '../../core/settings.ts';

z.config(en());

const empty = z.strictObject({});
const id = z.string().check(z.trim(), z.minLength(1), z.maxLength(100));
const day = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD'));
const note = z.nullish(z.string().check(z.maxLength(2000)));
const flag = z.optional(z.boolean());
const wholeNumber = (min: number, max: number) => z.optional(z.int().check(z.gte(min), z.lte(max)));

// Bulk re-date and scenarios (issue 12 §3-4). Amounts are whole cents; the services say what is wrong with
// a well-formed value (a date before today, a bill that is not open) in the advisor's words.
const days = z.int().check(z.gte(-366), z.lte(366));
const cents = z.int().check(z.gte(-100_000_000_000), z.lte(100_000_000_000));
const label = z.optional(z.string().check(z.maxLength(200)));
const billMove = z.discriminatedUnion('to', [
  z.strictObject({ billId: id, to: z.literal('pay-now') }),
  z.strictObject({ billId: id, to: z.literal('date'), date: day }),
  z.strictObject({ billId: id, to: z.literal('days'), days }),
]);
const billMoves = z.array(billMove).check(z.minLength(1), z.maxLength(1000));
const scenarioName = z.string().check(z.trim(), z.minLength(1), z.maxLength(scenarioNameMax));
const scenarioChange = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('delay-bill'), billId: id, date: day }),
  z.strictObject({ kind: z.literal('delay-bill-by'), billId: id, days }),
  z.strictObject({ kind: z.literal('invoice-paid'), invoiceId: id, date: day }),
  z.strictObject({ kind: z.literal('one-off'), amountCents: cents, date: day, label }),
  z.strictObject({
    kind: z.literal('recurring'),
    amountCents: cents,
    cadence: z.enum(scenarioCadences),
    from: day,
    until: z.optional(day),
    label,
  }),
]);
// settings:set — each key optional; null puts it back to its default.
const orDefault = <T extends z.ZodMiniType>(t: T) => z.optional(z.nullable(t));
const thresholdPatch = z.strictObject(
  Object.fromEntries(
    Object.keys(defaultHygieneThresholds).map((k) => [
      k,
      orDefault(z.number().check(z.positive())),
    ]),
  ) as { [K in keyof HygieneThresholds]: ReturnType<typeof orDefault<z.ZodMiniNumber<number>>> },
);
const settingsPatch = z.strictObject({
  intuit: z.optional(
    z.strictObject({
      clientId: orDefault(z.string().check(z.maxLength(200))),
      clientSecret: orDefault(z.string().check(z.maxLength(500))),
    }),
  ),
  syncIntervalMinutes: orDefault(
    z.int().check(z.gte(syncIntervalLimits.min), z.lte(syncIntervalLimits.max)),
  ),
  trayThresholds: z.optional(thresholdPatch),
  paperSize: orDefault(z.enum(paperSizes)),
  dateFormat: orDefault(z.enum(dateFormats)),
});

// The tray screen: at most 1000 items at once (a bulk decision is one transaction).
const trayItemId = z.int().check(z.positive());
const trayItemIds = z.array(trayItemId).check(z.minLength(1), z.maxLength(1000));

export const argSchemas: { [C in InvokeChannel]: z.ZodMiniType<ArgOf<C>> } = {
  'app:get-info': empty,
  'clients:list': empty,
  'clients:overview': empty,
  'tray:list': z.strictObject({
    businessId: id,
    statuses: z.optional(
      z.array(z.enum(['open', 'approved', 'excluded', 'resolved'])).check(z.minLength(1)),
    ),
  }),
  'tray:decide': z.strictObject({
    businessId: id,
    itemId: z.int().check(z.positive()),
    decision: z.enum(['approve', 'exclude', 'reopen']),
    note,
  }),
  'tray:recheck': z.strictObject({ businessId: z.optional(id) }),
  'console:list': z.strictObject({ businessId: id, delayTo: z.optional(day) }),
  'decisions:record': z.strictObject({
    businessId: id,
    billQboId: id,
    action: z.enum(['pay_now', 'delay', 'hold']),
    plannedDate: z.nullish(day),
    note,
  }),
  'calls:list': z.strictObject({ businessId: z.optional(id) }),
  'calls:record': z.strictObject({
    businessId: id,
    invoiceQboId: id,
    outcome: z.enum(callOutcomes),
    promisedDate: z.nullish(day),
    followUpOn: z.nullish(day),
    note,
  }),
  'clients:connect': z.strictObject({
    port: wholeNumber(0, 65535),
    timeoutSeconds: wholeNumber(1, 3600),
    sandbox: flag,
  }),
  'clients:connect-demo': z.strictObject({ fresh: flag }),
  'clients:disconnect': z.strictObject({ businessId: id, dropFixes: flag }),
  'sync:run': z.strictObject({ businessId: z.optional(id), strict: flag }),
  'sync:status': z.strictObject({ businessId: z.optional(id) }),
  'fixes:record': z.strictObject({
    businessId: id,
    entity: z.enum(fixEntities),
    qboId: id,
    itemId: z.optional(z.int().check(z.positive())),
    dueDate: z.optional(z.string()),
    vendorId: z.optional(id),
    customerId: z.optional(id),
    payeeId: z.optional(id),
    accountId: z.optional(id),
    line: z.optional(z.int().check(z.positive())),
    note: z.optional(z.string().check(z.maxLength(4000))),
    send: flag,
    applyTo: z.optional(id),
    delete: flag,
    confirm: z.optional(id),
  }),
  'outbox:list': z.strictObject({
    businessId: z.optional(id),
    states: z.optional(z.array(z.enum(fixStates)).check(z.minLength(1))),
  }),
  'outbox:resolve': z.strictObject({
    fixId: z.int().check(z.positive()),
    keep: z.enum(['mine', 'theirs']),
  }),
  'forecast:get': z.strictObject({ businessId: id, scenario: z.optional(scenarioName) }),
  'forecast:recurring': z
    .strictObject({
      businessId: id,
      key: z.string().check(z.minLength(1), z.maxLength(200)),
      choice: z.enum(['confirm', 'ignore', 'amount']),
      amountCents: z.optional(z.int().check(z.gte(0))),
    })
    .check(
      z.refine(
        (a) => (a.choice === 'amount') === (a.amountCents !== undefined),
        'amountCents goes with choice "amount" only',
      ),
    ),
  'digest:build': z
    .strictObject({
      businessId: z.optional(id),
      all: flag,
      save: flag,
      scenario: z.optional(scenarioName),
    })
    .check(
      z.refine((a) => Boolean(a.businessId) !== Boolean(a.all), 'give businessId or all, not both'),
    ),
  'console:preview-moves': z.strictObject({ businessId: id, moves: billMoves }),
  'decisions:record-moves': z.strictObject({ businessId: id, moves: billMoves, note }),
  'scenarios:list': z.strictObject({ businessId: id }),
  'scenarios:save': z.strictObject({
    businessId: id,
    scenario: z.strictObject({
      name: scenarioName,
      changes: z.array(scenarioChange).check(z.minLength(1), z.maxLength(scenarioChangesMax)),
    }),
  }),
  'scenarios:delete': z.strictObject({ businessId: id, name: scenarioName }),
  'forecast:compare': z.strictObject({
    businessId: id,
    scenarios: z.optional(z.array(scenarioName).check(z.maxLength(20))),
  }),
  'settings:get': empty,
  'settings:set': settingsPatch,
  'scenarios:open-records': z.strictObject({ businessId: id }),
  // The tray screen (issue 13 §4 "Tray").
  'tray:decide-many': z.strictObject({
    businessId: id,
    itemIds: trayItemIds,
    decision: z.enum(['approve', 'exclude', 'reopen']),
    note,
  }),
  'tray:note': z.strictObject({
    itemId: trayItemId,
    text: z.string().check(z.maxLength(2000)),
  }),
  'tray:history': z.strictObject({ itemId: trayItemId }),
  'tray:fix-choices': z.strictObject({ businessId: id, itemIds: trayItemIds }),
  'sync:problem': z.strictObject({ businessId: id }),
  // The client list (issue 13 §4); core/client-tags.ts says what a tag may be, in the advisor's words.
  'clients:get': z.strictObject({ businessId: id }),
  'clients:tag': z.strictObject({
    businessId: id,
    add: z.optional(z.array(z.string().check(z.maxLength(200))).check(z.maxLength(50))),
    remove: z.optional(z.array(z.string().check(z.maxLength(200))).check(z.maxLength(50))),
  }),
  'sync:cancel': empty,
  // Collections and the digest export (issue 13 §4).
  'collections:list': z.strictObject({ businessId: z.optional(id) }),
  'digest:export-target': empty,
  'digest:export': z
    .strictObject({
      businessId: z.optional(id),
      all: flag,
      format: z.enum(digestExportFormats),
      paper: z.optional(z.enum(papers)),
      folder: z.optional(z.enum(['exports', 'choose'])),
    })
    .check(
      z.refine((a) => Boolean(a.businessId) !== Boolean(a.all), 'give businessId or all, not both'),
    ),
  'digest:open-folder': z.strictObject({
    folder: z.string().check(z.minLength(1), z.maxLength(4096)),
  }),
  'digest:file': z.strictObject({
    folder: z.string().check(z.minLength(1), z.maxLength(4096)),
    name: z.string().check(z.minLength(1), z.maxLength(300)),
  }),
  // Firm mode (issue 15 §5): the address is checked in the advisor's words by firm/hub-client.ts.
  'firm:connect': z.strictObject({
    hubUrl: z.string().check(z.trim(), z.minLength(1), z.maxLength(2000)),
    code: z.string().check(z.trim(), z.minLength(8), z.maxLength(64)),
    email: z.optional(z.string().check(z.trim(), z.minLength(3), z.maxLength(320))),
    deviceName: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(200))),
  }),
  'firm:status': empty,
  'firm:sync': empty,
  'firm:audit': z.strictObject({
    businessId: id,
    after: z.optional(z.int().check(z.gte(0))),
    limit: wholeNumber(1, 1000),
  }),
};
