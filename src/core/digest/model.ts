// The weekly digest of one client, built only from the tray's and the console's outputs (and the last
// digest, for the change in runway): no mirror read and no QBO call of its own (product brief).
import type { CallListEntry, ConsoleBill, ConsoleView, TrayItem } from '../advisor-work.ts';
import type { Severity } from '../hygiene/codes.ts';
import type { ProjectedWeek } from '../runway/runway.ts';

export const digestTopItems = 5;

/** What the digest shows of a bill to decide: the console's own fields, nothing re-derived. */
const billFields = [
  'qboId',
  'docNumber',
  'vendorName',
  'dueDate',
  'balanceCents',
  'currency',
  'group',
  'runwayIfPaidNow',
  'delayTo',
  'runwayIfDelayed',
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

export type DigestModel = {
  businessId: string;
  clientName: string;
  homeCurrency: string;
  generatedAt: string;
  today: string;
  cashCents: number;
  weeklyBurnCents: number;
  runwayWeeks: number | null;
  confidence: number;
  change: {
    since: string;
    cashCents: number;
    runwayWeeks: number | null;
    previousRunwayWeeks: number | null;
  } | null;
  weeks: ProjectedWeek[];
  openItems: Record<Severity, number>;
  attention: {
    hygiene: {
      code: string;
      severity: Severity;
      title: string;
      amountCents: number | null;
      currency: string;
    }[];
    billsToDecide: Pick<ConsoleBill, (typeof billFields)[number]>[];
    callsToMake: Pick<CallListEntry, (typeof callFields)[number]>[];
  };
};

export type PreviousDigest = { createdAt: string; cashCents: number; runwayWeeks: number | null };

const severityRank: Record<Severity, number> = { high: 0, medium: 1, low: 2 };

/**
 * Change in runway since the last digest: a number of weeks when both are finite; when either is
 * unbounded the change is null and both values are kept so the page can say "was unbounded".
 */
export function buildDigest(x: {
  console: ConsoleView;
  tray: readonly TrayItem[];
  calls: readonly CallListEntry[];
  previous: PreviousDigest | null;
  homeCurrency: string;
  generatedAt: string;
}): DigestModel {
  const { console: c } = x;
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
  const billsToDecide = [...c.groups.overdue, ...c.groups.this_week]
    .filter((b) => !b.decision)
    .map((b) => pick(b, billFields));
  const callsToMake = x.calls
    .filter((e) => e.businessId === c.businessId && e.due)
    .map((e) => pick(e, callFields));
  const r = c.runway;
  const change = x.previous
    ? {
        since: x.previous.createdAt,
        cashCents: r.cashCents - x.previous.cashCents,
        runwayWeeks:
          r.runwayWeeks !== null && x.previous.runwayWeeks !== null
            ? r.runwayWeeks - x.previous.runwayWeeks
            : null,
        previousRunwayWeeks: x.previous.runwayWeeks,
      }
    : null;
  return {
    businessId: c.businessId,
    clientName: c.displayName,
    homeCurrency: x.homeCurrency,
    generatedAt: x.generatedAt,
    today: c.today,
    cashCents: r.cashCents,
    weeklyBurnCents: r.weeklyBurnCents,
    runwayWeeks: r.runwayWeeks,
    confidence: r.confidence,
    change,
    weeks: r.weeks,
    openItems,
    attention: { hygiene, billsToDecide, callsToMake },
  };
}
