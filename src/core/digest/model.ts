// The weekly digest of one client, built only from the services' outputs: the tray, the console, the
// daily forecast (issue 12), the call list, the week's recorded work and the baseline digest. No mirror
// read and no QBO call of its own (product brief).
import type {
  CallListEntry,
  ConsoleBill,
  ConsoleView,
  DecisionAction,
  TrayItem,
} from '../advisor-work.ts';
import type { QboEnvironment } from '../clients.ts';
import type { FixState } from '../fixes.ts';
import type { DayCash, Forecast } from '../forecast/projection.ts';
import type { DayImpact } from '../forecast/view.ts';
import type { Severity } from '../hygiene/codes.ts';
import { defaultSettings, type DateFormat } from '../settings.ts';

export const digestTopItems = 5;

/** What the window of "the week's work" covers: the 7 days up to the digest. */
export const weekDays = 7;

export const papers = ['letter', 'a4'] as const;
export type Paper = (typeof papers)[number];

/** Paper when nothing is set: Letter for a client whose home currency is the US dollar, A4 otherwise. */
export const defaultPaper = (homeCurrency: string): Paper =>
  homeCurrency === 'USD' ? 'letter' : 'a4';

/** What the digest shows of a bill to decide: the console's own fields, nothing re-derived. */
const billFields = [
  'qboId',
  'docNumber',
  'vendorName',
  'dueDate',
  'balanceCents',
  'currency',
  'group',
  'delayTo',
  'flags',
] as const satisfies readonly (keyof ConsoleBill)[];

/** What the digest shows of a call to make: the call list's own fields. */
const callFields = [
  'invoiceQboId',
  'docNumber',
  'customerName',
  'daysOverdue',
  'bucket',
  'balanceCents',
  'currency',
  'lastCall',
] as const satisfies readonly (keyof CallListEntry)[];

const pick = <T, K extends keyof T>(from: T, keys: readonly K[]): Pick<T, K> =>
  Object.fromEntries(keys.map((k) => [k, from[k]])) as Pick<T, K>;

export type BillImpact = { payNow: DayImpact; delay: DayImpact };

export type DigestBill = Pick<ConsoleBill, (typeof billFields)[number]> & {
  /** By the day: what paying now, or delaying to `delayTo`, does to the lowest point and the runway. */
  impact: BillImpact | null;
};

/** The week's work, as the repositories read it (src/main/db/repositories/digests.ts). */
export type WeekDecision = {
  billQboId: string;
  vendorName: string | null;
  docNumber: string | null;
  action: DecisionAction;
  plannedDate: string | null;
  decidedAt: string;
  /** A later decision on the same bill replaced this one. */
  replaced: boolean;
};
export type WeekCall = {
  invoiceQboId: string;
  customerName: string | null;
  docNumber: string | null;
  outcome: string;
  promisedDate: string | null;
  calledAt: string;
};
export type WeekFix = {
  id: number;
  summary: string;
  state: FixState;
  reason: string | null;
  updatedAt: string;
};
export type WeekWork = { decisions: WeekDecision[]; calls: WeekCall[]; fixes: WeekFix[] };

/** A saved digest, as the next one compares with it. `forecast` is null for one saved before issue 12. */
export type Baseline = {
  createdAt: string;
  cashCents: number;
  forecast: { runwayDays: number | null; lowestCents: number } | null;
};

export type DigestChange = {
  /** When the baseline digest was delivered. */
  since: string;
  cashCents: number;
  /** Runway in days then and now (null: no day below zero in the horizon); null when the baseline has none. */
  runwayDays: { before: number | null; now: number | null } | null;
  lowestCents: number | null;
};

export type DigestModel = {
  businessId: string;
  clientName: string;
  homeCurrency: string;
  generatedAt: string;
  today: string;
  paper: Paper;
  /** How the digest writes dates (the advisor's setting). */
  dateFormat: DateFormat;
  /** The books' "as of": the client's last successful sync (null: never synced), and where from. */
  books: { syncedAt: string | null; environment: QboEnvironment };
  cashCents: number;
  runwayDays: number | null;
  lowest: { date: string; cashCents: number };
  firstBelowZero: string | null;
  confidence: Forecast['confidence'];
  projection: DayCash[];
  change: DigestChange | null;
  /** A saved what-if shown beside the baseline (`rowcol digest --scenario NAME`), or null. */
  scenario: {
    name: string;
    runwayDays: number | null;
    lowest: { date: string; cashCents: number };
  } | null;
  openItems: Record<Severity, number>;
  attention: {
    hygiene: {
      code: string;
      severity: Severity;
      title: string;
      amountCents: number | null;
      currency: string;
    }[];
    billsToDecide: DigestBill[];
    callsToMake: Pick<CallListEntry, (typeof callFields)[number]>[];
  };
  /** What was recorded in the 7 days up to the digest (instants: from exclusive, to inclusive). */
  week: WeekWork & { from: string; to: string };
};

const severityRank: Record<Severity, number> = { high: 0, medium: 1, low: 2 };

/** The bills the digest asks a decision on: overdue or due this week, with no decision yet. */
export function billsToDecide(c: ConsoleView): ConsoleBill[] {
  return [...c.groups.overdue, ...c.groups.this_week].filter((b) => !b.decision);
}

function changeSince(forecast: Forecast, b: Baseline): DigestChange {
  return {
    since: b.createdAt,
    cashCents: forecast.openingCashCents - b.cashCents,
    runwayDays: b.forecast ? { before: b.forecast.runwayDays, now: forecast.runwayDays } : null,
    lowestCents: b.forecast ? forecast.lowest.cashCents - b.forecast.lowestCents : null,
  };
}

export function buildDigest(x: {
  console: ConsoleView;
  forecast: Forecast;
  /** Day-level impacts of the bills to decide, by bill id (the ones missing show none). */
  impacts: ReadonlyMap<string, BillImpact>;
  /** The tray's items (the fields the digest reads). */
  tray: readonly Pick<
    TrayItem,
    'id' | 'status' | 'severity' | 'amountCents' | 'code' | 'title' | 'currency'
  >[];
  calls: readonly CallListEntry[];
  week: WeekWork & { from: string; to: string };
  baseline: Baseline | null;
  /** The scenario asked for, projected (null: none asked, or this client has none by that name). */
  scenario?: DigestModel['scenario'];
  books: DigestModel['books'];
  homeCurrency: string;
  generatedAt: string;
  paper?: Paper;
  dateFormat?: DateFormat;
}): DigestModel {
  const { console: c, forecast: f } = x;
  const openItems: Record<Severity, number> = { high: 0, medium: 0, low: 0 };
  for (const i of x.tray) if (i.status === 'open') openItems[i.severity]++;
  const hygiene = x.tray
    .filter((i) => i.status === 'open')
    .sort(
      (a, b) =>
        severityRank[a.severity] - severityRank[b.severity] ||
        Math.abs(b.amountCents ?? 0) - Math.abs(a.amountCents ?? 0) ||
        a.id - b.id,
    )
    .slice(0, digestTopItems)
    .map((i) => ({
      code: i.code,
      severity: i.severity,
      title: i.title,
      amountCents: i.amountCents ?? null,
      currency: i.currency,
    }));
  const bills = billsToDecide(c).map((b) => ({
    ...pick(b, billFields),
    impact: x.impacts.get(b.qboId) ?? null,
  }));
  const callsToMake = x.calls
    .filter((e) => e.businessId === c.businessId && e.due)
    .map((e) => pick(e, callFields));
  return {
    businessId: c.businessId,
    clientName: c.displayName,
    homeCurrency: x.homeCurrency,
    generatedAt: x.generatedAt,
    today: f.today,
    paper: x.paper ?? defaultPaper(x.homeCurrency),
    dateFormat: x.dateFormat ?? defaultSettings.dateFormat,
    books: x.books,
    cashCents: f.openingCashCents,
    runwayDays: f.runwayDays,
    lowest: f.lowest,
    firstBelowZero: f.firstBelowZero,
    confidence: f.confidence,
    projection: f.projection,
    change: x.baseline ? changeSince(f, x.baseline) : null,
    scenario: x.scenario ?? null,
    openItems,
    attention: { hygiene, billsToDecide: bills, callsToMake },
    week: x.week,
  };
}
