// What the advisor's screens exchange over the contract: client overview, tray, console, collections,
// digest. Plain data only (it crosses IPC).
import type { DayImpact } from './forecast/view.ts';
import type { ConnectionState } from './clients.ts';
import type { HygieneCode, Severity } from './hygiene/codes.ts';
import type { HealthStatus } from './runway/health.ts';
import type { ProjectedWeek } from './runway/runway.ts';
import type { Finding } from './hygiene/rules.ts';

export type RunwaySummary = {
  cashCents: number;
  weeklyBurnCents: number;
  runwayWeeks: number | null;
  confidence: number;
  weeks: ProjectedWeek[];
  /** Held bills' open balance, placed at their due date (inside the outflows), reported beside them. */
  heldCents: number;
  excluded: {
    collectionsCents: number;
    beyondHorizonCents: number;
    noDueDateInvoiceCents: number;
    foreignWithoutRate: number;
  };
};

export type Counted = { count: number; cents: number };

/** A client's numbers as the client list shows them, from its daily forecast (src/core/forecast). */
export type ClientFigures = {
  /** Home-currency cents. */
  cashCents: number;
  /** Days until cash first goes below zero (0 = today); null: above zero all the forecast's days. */
  runwayDays: number | null;
  lowest: { date: string; cashCents: number };
  firstBelowZero: string | null;
  /** The forecast's shares of placed money: on flagged records, placed by habits, unconfirmed recurring. */
  confidence: { flaggedShare: number; habitShare: number; recurringShare: number };
  openPayables: Counted;
  openReceivables: Counted;
  billsDueThisWeek: Counted;
  overdueReceivables: Counted;
  /** Open bills and invoices left out for want of an exchange rate. */
  unconverted: number;
};

export type ClientOverview = {
  businessId: string;
  realmId: string;
  displayName: string;
  connectionState: ConnectionState;
  homeCurrency: string;
  /** The advisor's own labels for the client (clients:tag). */
  tags: string[];
  /** Null until the client's first successful sync: there is nothing to show yet (never zeros). */
  figures: ClientFigures | null;
  /** The local day the figures were computed for; null when no writer has summarised the client yet. */
  computedOn: string | null;
  openItems: Record<Severity, number>;
  lastSyncAt: string | null;
  syncAgeHours: number | null;
  /** The latest sync attempt failed after the last success: its code (OFFLINE, AUTH_REQUIRED…) and words. */
  syncProblem: { code: string; message: string; at: string } | null;
  health: HealthStatus;
  healthReasons: string[];
};

export type TrayStatus = 'open' | 'approved' | 'excluded' | 'resolved';

/** A finding as the tray keeps it: the sync engine's codes too, and the advisor's decision on it. */
export type TrayItem = Omit<Finding, 'code' | 'currency'> & {
  id: number;
  /** One of the table in hygiene/codes.ts (the database only ever holds those). */
  code: HygieneCode;
  /** The currency of `amountCents`: the client's home currency unless the record is in another one. */
  currency: string;
  status: TrayStatus;
  firstSeenAt: string;
  lastSeenAt: string;
  resolvedAt: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  note: string | null;
  /** Fixes recorded on its records that are not settled in QBO yet (tray:list fills it). */
  fixes?: { id: number; state: string; summary: string }[];
};

export type DecisionAction = 'pay_now' | 'delay' | 'hold';

export type BillDecision = {
  id: number;
  action: DecisionAction;
  plannedDate: string | null;
  note: string | null;
  decidedBy: string;
  decidedAt: string;
  outcome: string | null;
  outcomeDate: string | null;
};

export type ConsoleGroup = 'overdue' | 'this_week' | 'later';

export type ConsoleBill = {
  qboId: string;
  docNumber: string | null;
  vendorName: string | null;
  txnDate: string | null;
  dueDate: string;
  balanceCents: number;
  currency: string;
  /** The balance in home currency, or null when it cannot be converted (no exchange rate). */
  homeCents: number | null;
  group: ConsoleGroup;
  decision: BillDecision | null;
  /** Open tray codes on this bill (a likely duplicate, paid outside QBO…). */
  flags: HygieneCode[];
  runwayIfPaidNow: number | null;
  delayTo: string;
  runwayIfDelayed: number | null;
  /**
   * By the day (the forecast, src/core/forecast): what paying now, or delaying to `delayTo`, does to the
   * lowest cash point and to the runway in days.
   */
  dayImpact?: { payNow: DayImpact; delay: DayImpact };
  /** Fixes of this bill not settled in QBO yet (console:list fills it): shown as pending. */
  fixes?: { id: number; state: string; summary: string }[];
};

export type DecisionOutcome = {
  billQboId: string;
  action: DecisionAction;
  plannedDate: string | null;
  decidedAt: string;
  outcome: string;
  outcomeDate: string | null;
  daysLate: number | null;
};

export type ConsoleView = {
  businessId: string;
  displayName: string;
  /** The currency of every home-currency figure here (runway, totals, homeCents). */
  homeCurrency: string;
  today: string;
  runway: RunwaySummary;
  groups: Record<ConsoleGroup, ConsoleBill[]>;
  totals: Record<ConsoleGroup, number>;
  settled: DecisionOutcome[];
};

export type CollectionBucket = '30' | '60' | '90+';

export type CallListEntry = {
  businessId: string;
  clientName: string;
  invoiceQboId: string;
  docNumber: string | null;
  customerName: string | null;
  dueDate: string;
  daysOverdue: number;
  bucket: CollectionBucket;
  balanceCents: number;
  currency: string;
  lastCall: {
    outcome: string;
    calledAt: string;
    promisedDate: string | null;
    followUpOn: string | null;
    note: string | null;
  } | null;
  /** True when nobody called yet, or the follow-up date or a promised date has come. */
  due: boolean;
};

/** Totals per bucket: amounts are kept per currency code (invoice currency), never summed across currencies. */
export type CallList = {
  today: string;
  entries: CallListEntry[];
  totals: Record<CollectionBucket, { count: number; byCurrency: Record<string, number> }>;
};

export const callOutcomes = [
  'reached',
  'promised',
  'left_message',
  'no_answer',
  'disputed',
  'wrong_contact',
  'paid',
] as const;
export type CallOutcome = (typeof callOutcomes)[number];
