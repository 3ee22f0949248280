// Hygiene codes, severities and thresholds: a shared contract with the emulator (which plants these
// problems and serves a manifest with these exact codes) and with the sync engine (which raises the
// sync codes). Changing a code is a breaking change for both.

export const ruleCodes = [
  'UNCATEGORIZED_LINE',
  'PURCHASE_NO_PAYEE',
  'ZERO_AMOUNT',
  'DUPLICATE_BILL',
  'PAID_OUTSIDE_QBO',
  'INVOICE_NEVER_SENT',
  'PAYMENT_UNAPPLIED',
  'UNDEPOSITED_FUNDS',
  'BILL_OVERDUE_NO_DECISION',
  'INVOICE_OVERDUE_NO_CALL',
  'BANK_ACCOUNT_QUIET',
  'FOREIGN_CURRENCY',
  'MISSING_COUNTERPARTY',
  'MISSING_AMOUNT',
  'MISSING_DUE_DATE',
  // Computed by the tray from sync_state + entity_policy (not by the sync engine).
  'SYNC_STALE',
] as const;
export type RuleCode = (typeof ruleCodes)[number];

/** Raised by the sync engine; the tray only shows them and counts them in the runway's confidence. */
export const syncCodes = ['SYNC_FAILED', 'SYNC_THROTTLED', 'RECONNECT_NEEDED', 'MALFORMED_RECORD'] as const;
export type SyncCode = (typeof syncCodes)[number];

export type HygieneCode = RuleCode | SyncCode;
export type Severity = 'high' | 'medium' | 'low';

/**
 * Severity = how much the problem can make the runway wrong. High: money counted twice or counted though
 * already gone, records that cannot be placed, data that cannot be refreshed. Medium: books that mislead
 * or money that sits unapplied. Low: tidiness.
 */
export const severityOf: Record<HygieneCode, Severity> = {
  UNCATEGORIZED_LINE: 'medium',
  PURCHASE_NO_PAYEE: 'low',
  ZERO_AMOUNT: 'medium',
  DUPLICATE_BILL: 'high',
  PAID_OUTSIDE_QBO: 'high',
  INVOICE_NEVER_SENT: 'medium',
  PAYMENT_UNAPPLIED: 'medium',
  UNDEPOSITED_FUNDS: 'medium',
  BILL_OVERDUE_NO_DECISION: 'medium',
  INVOICE_OVERDUE_NO_CALL: 'medium',
  BANK_ACCOUNT_QUIET: 'low',
  FOREIGN_CURRENCY: 'low',
  MISSING_COUNTERPARTY: 'high',
  MISSING_AMOUNT: 'high',
  MISSING_DUE_DATE: 'medium',
  SYNC_STALE: 'medium',
  SYNC_FAILED: 'high',
  SYNC_THROTTLED: 'medium',
  RECONNECT_NEEDED: 'high',
  MALFORMED_RECORD: 'medium',
};

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
export const uncategorizedAccountNames = ['uncategorized expense', 'uncategorized income', 'ask my accountant'] as const;

export const isUncategorizedAccountName = (name: string): boolean => {
  const leaf = name.split(':').pop()!.trim().toLowerCase();
  return (uncategorizedAccountNames as readonly string[]).includes(leaf);
};
