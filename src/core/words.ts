// The advisor's words for the codes the data carries (hygiene codes, call outcomes, decision actions, fix
// states, collection buckets): one home, so a page never shows `MISSING_VENDOR` or `left_message`. The
// window and the digest both read from here.
import type { CallOutcome, CollectionBucket, DecisionAction } from './advisor-work.ts';
import type { OverdueBucket } from './collections.ts';
import type { FixState } from './fixes.ts';
import { trayCodes, type HygieneCode } from './hygiene/codes.ts';

/** A code as words: `PAID_OUTSIDE_QBO` → "Paid outside QBO". */
export const humanCode = (code: string): string =>
  code
    .toLowerCase()
    .replace(/_/g, ' ')
    .replace(/^\w/, (c) => c.toUpperCase())
    .replace(/\bqbo\b/, 'QBO');

/** A hygiene code's title: the catalogue's fixed one where it has one, else the code as words. */
export function codeTitle(code: HygieneCode | string): string {
  const info = (trayCodes as Record<string, { title?: string }>)[code];
  return info?.title ?? humanCode(code);
}

export const callOutcomeWords: Record<CallOutcome, string> = {
  reached: 'Reached',
  promised: 'Promised to pay',
  left_message: 'Left a message',
  no_answer: 'No answer',
  disputed: 'Disputed',
  wrong_contact: 'Wrong contact',
  paid: 'Says it is paid',
};

/** A call's outcome in words; one this version does not know is still shown, as words. */
export const callOutcomeText = (outcome: string): string =>
  (callOutcomeWords as Record<string, string>)[outcome] ?? humanCode(outcome);

export const decisionActionWords: Record<DecisionAction, string> = {
  pay_now: 'Pay now',
  delay: 'Delay',
  hold: 'Hold',
};

export const fixStateWords: Record<FixState, string> = {
  pending: 'Waiting to be sent',
  sending: 'Sent, no answer yet',
  applied: 'Applied in QuickBooks',
  failed: 'Failed',
  conflict: 'Conflict: changed in QuickBooks too',
  discarded: 'Dropped',
};

export const bucketWords: Record<CollectionBucket, string> = {
  '30': '30–59 days late',
  '60': '60–89 days late',
  '90+': '90 days or more late',
};

/** Each tray problem's kind, as the tray's filter and rows name it (the advisor's words, not the code). */
export const problemWords: Record<HygieneCode, string> = {
  UNCATEGORIZED_LINE: 'Posted to Uncategorized or Ask My Accountant',
  PURCHASE_NO_PAYEE: 'Purchase without a payee',
  ZERO_AMOUNT: 'Zero amount',
  DUPLICATE_BILL: 'Possible duplicate bill',
  PAID_OUTSIDE_QBO: 'Bill paid outside QuickBooks',
  INVOICE_NEVER_SENT: 'Invoice never sent',
  PAYMENT_UNAPPLIED: 'Payment not applied to an invoice',
  UNDEPOSITED_FUNDS: 'Payment left in Undeposited Funds',
  BILL_OVERDUE_NO_DECISION: 'Overdue bill without a decision',
  INVOICE_OVERDUE_NO_CALL: 'Overdue invoice nobody called about',
  BANK_ACCOUNT_QUIET: 'Bank account with no activity',
  FOREIGN_CURRENCY: 'In a foreign currency',
  MISSING_COUNTERPARTY: 'No vendor or customer',
  MISSING_AMOUNT: 'No amount',
  MISSING_DUE_DATE: 'No due date',
  SYNC_STALE: 'Data not refreshed',
  SYNC_FAILED: 'Sync failed',
  SYNC_THROTTLED: 'QuickBooks is slowing requests',
  RECONNECT_NEEDED: 'Reconnect needed',
  MALFORMED_RECORD: 'Record QuickBooks sent unreadable',
};

/** A problem's kind in words; a code this version does not know is still shown, as words. */
export const problemName = (code: string): string =>
  (problemWords as Record<string, string>)[code] ?? humanCode(code);

/** The collections screen's aging buckets, as QBO's A/R aging report names them. */
export const overdueBucketWords: Record<OverdueBucket, string> = {
  '1-30': '1–30 days',
  '31-60': '31–60 days',
  '61-90': '61–90 days',
  '90+': 'Over 90 days',
};
