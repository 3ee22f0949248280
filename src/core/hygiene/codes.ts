// Hygiene codes: ONE table of every code the tray can show, with its severity, its fixed title where it
// has one, and the single place that raises it. A shared contract with the emulator (which plants these
// problems and serves a manifest with these exact codes) and with the sync engine: changing a code is a
// breaking change for both. The tray rules (rules.ts) and the sync writers (src/main/sync/hygiene.ts) take
// severities and titles from here, and their raisers are typed so that a code can only be raised by the
// raiser this table names.

export type Severity = 'high' | 'medium' | 'low';

/**
 * Who raises a code, exactly one of:
 * - `rule:<name>`: that function of rules.ts, run by the tray recompute (src/main/services/tray/recompute.ts),
 *   which also resolves the code's items that the rule no longer finds;
 * - `sync/engine.ts`: the sync engine's failure handling (raiseSyncProblem); a successful sync resolves them;
 * - `sync/apply.ts`: the mirror writer, for records QBO sent that cannot be read whole or stored at all
 *   (raiseMalformed, raiseRejected); a record read whole later resolves its item.
 */
export type Raiser = `rule:${string}` | 'sync/engine.ts' | 'sync/apply.ts';

type CodeInfo = { severity: Severity; title?: string; raisedBy: Raiser };

/**
 * Severity = how much the problem can make the runway wrong. High: money counted twice or counted though
 * already gone, records that cannot be placed, a client whose data can no longer be refreshed at all
 * (reconnect). Medium: books that mislead, money that sits unapplied, data that is out of date or failed
 * to refresh this time. Low: tidiness, and throttling (QuickBooks asks us to slow down; the next sync catches up).
 */
export const trayCodes = {
  UNCATEGORIZED_LINE: { severity: 'medium', raisedBy: 'rule:uncategorizedLines' },
  PURCHASE_NO_PAYEE: { severity: 'low', raisedBy: 'rule:purchasesWithoutPayee' },
  ZERO_AMOUNT: { severity: 'medium', raisedBy: 'rule:zeroAmounts' },
  DUPLICATE_BILL: { severity: 'high', raisedBy: 'rule:duplicateBills' },
  PAID_OUTSIDE_QBO: { severity: 'high', raisedBy: 'rule:paidOutsideQbo' },
  INVOICE_NEVER_SENT: { severity: 'medium', raisedBy: 'rule:invoicesNeverSent' },
  PAYMENT_UNAPPLIED: { severity: 'medium', raisedBy: 'rule:paymentsUnapplied' },
  UNDEPOSITED_FUNDS: { severity: 'medium', raisedBy: 'rule:paymentsUndeposited' },
  BILL_OVERDUE_NO_DECISION: { severity: 'medium', raisedBy: 'rule:overdueBillsWithoutDecision' },
  INVOICE_OVERDUE_NO_CALL: { severity: 'medium', raisedBy: 'rule:overdueInvoicesWithoutCall' },
  BANK_ACCOUNT_QUIET: { severity: 'low', raisedBy: 'rule:quietBankAccounts' },
  FOREIGN_CURRENCY: { severity: 'low', raisedBy: 'rule:foreignCurrency' },
  MISSING_COUNTERPARTY: { severity: 'high', raisedBy: 'rule:incompleteRecords' },
  MISSING_AMOUNT: { severity: 'high', raisedBy: 'rule:incompleteRecords' },
  MISSING_DUE_DATE: { severity: 'medium', raisedBy: 'rule:incompleteRecords' },
  // From sync_state + entity_policy, per entity: the one home of "this client's data is out of date",
  // whether its syncs fail or simply have not run (the engine raises only the failure itself).
  SYNC_STALE: { severity: 'medium', raisedBy: 'rule:staleSync' },
  SYNC_FAILED: {
    severity: 'medium',
    title: 'Sync with QuickBooks failed',
    raisedBy: 'sync/engine.ts',
  },
  SYNC_THROTTLED: {
    severity: 'low',
    title: 'QuickBooks is throttling requests for this company',
    raisedBy: 'sync/engine.ts',
  },
  RECONNECT_NEEDED: {
    severity: 'high',
    title: 'Reconnect this client to QuickBooks',
    raisedBy: 'sync/engine.ts',
  },
  MALFORMED_RECORD: { severity: 'medium', raisedBy: 'sync/apply.ts' },
} as const satisfies Record<string, CodeInfo>;

type Table = typeof trayCodes;
export type HygieneCode = keyof Table;

/** The codes a raiser may raise (a tray rule's name is given as `rule:<name>`). */
export type CodeRaisedBy<R extends Raiser> = {
  [C in HygieneCode]: Table[C]['raisedBy'] extends R ? C : never;
}[HygieneCode];
/** The name of every tray rule of rules.ts that raises a code. */
export type TrayRule = Table[HygieneCode]['raisedBy'] extends infer R
  ? R extends `rule:${infer N}`
    ? N
    : never
  : never;
export type RuleCode = CodeRaisedBy<`rule:${string}`>;
export type SyncCode = Exclude<HygieneCode, RuleCode>;

export const hygieneCodes = Object.keys(trayCodes) as HygieneCode[];
export const codesRaisedBy = <R extends Raiser>(raiser: R): CodeRaisedBy<R>[] =>
  hygieneCodes.filter((c) => trayCodes[c].raisedBy === raiser) as CodeRaisedBy<R>[];

/** Codes the tray recompute raises and resolves (every rule's). */
export const ruleCodes = hygieneCodes.filter((c): c is RuleCode =>
  trayCodes[c].raisedBy.startsWith('rule:'),
);
/** Codes raised by the sync (engine and mirror writer); the tray only shows them and counts them in the runway's confidence. */
export const syncCodes = hygieneCodes.filter(
  (c): c is SyncCode => !trayCodes[c].raisedBy.startsWith('rule:'),
);

export const severityOf = Object.fromEntries(
  hygieneCodes.map((c) => [c, trayCodes[c].severity]),
) as Record<HygieneCode, Severity>;

export type HygieneThresholds = {
  duplicateBillWindowDays: number;
  paidOutsideWindowDays: number;
  invoiceUnsentAfterDays: number;
  paymentUnappliedAfterDays: number;
  undepositedAfterDays: number;
  invoiceOverdueCallAfterDays: number;
  bankQuietAfterDays: number;
  /** A stale entity: last success older than max(its entity_policy TTL, this). */
  syncStaleMinSeconds: number;
};

export const defaultHygieneThresholds: HygieneThresholds = {
  duplicateBillWindowDays: 7,
  paidOutsideWindowDays: 7,
  invoiceUnsentAfterDays: 3,
  paymentUnappliedAfterDays: 7,
  undepositedAfterDays: 14,
  invoiceOverdueCallAfterDays: 30,
  bankQuietAfterDays: 30,
  syncStaleMinSeconds: 6 * 3600,
};

/**
 * Account names QBO creates for money nobody categorised (compared case-insensitively on the line's
 * AccountRef name, and on the last segment of a sub-account's full name). Read by the mirror mapper,
 * which stores the first such name found on a record's lines in `uncategorized_account`.
 */
export const uncategorizedAccountNames = [
  'uncategorized expense',
  'uncategorized income',
  'ask my accountant',
] as const;

export const isUncategorizedAccountName = (name: string): boolean => {
  const leaf = name.split(':').pop()!.trim().toLowerCase();
  return (uncategorizedAccountNames as readonly string[]).includes(leaf);
};
