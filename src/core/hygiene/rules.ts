// The tray's rules as pure functions: candidate rows (found by indexed SQL in db/repositories/tray-suspects.ts)
// in, findings out. Each finding names the QBO records it is about and a stable record key, so the same problem
// maps to the same tray item across recomputes, and disappears (resolves) when the data is fixed. Which rule
// raises which code is fixed by the table in codes.ts.
import { addDays, daysBetween } from '../dates.ts';
import { formatMoney } from '../mirror/money.ts';
import {
  severityOf,
  type CodeRaisedBy,
  type HygieneCode,
  type HygieneThresholds,
  type Severity,
  type TrayRule,
} from './codes.ts';

export type Finding = {
  code: HygieneCode;
  severity: Severity;
  entity: string | null;
  recordKey: string;
  qboIds: string[];
  title: string;
  detail?: string | null;
  amountCents?: number | null;
  /** The amount's currency when it is not the client's home currency (FOREIGN_CURRENCY items). */
  currency?: string | null;
};

/**
 * A finding of one rule: the code must be one that codes.ts says this rule raises (so no two rules can
 * raise the same code), and its severity comes from that table.
 */
const finding = <R extends TrayRule>(
  _rule: R,
  code: CodeRaisedBy<`rule:${R}`>,
  entity: string | null,
  qboIds: string[],
  title: string,
  extra: Partial<Finding> = {},
): Finding => ({
  code,
  severity: severityOf[code],
  entity,
  recordKey: entity ? `${entity}:${qboIds.join(',')}` : 'client',
  qboIds,
  title,
  ...extra,
});

const label = (entity: string, docNumber: string | null | undefined, qboId: string) =>
  `${entity} ${docNumber ? `#${docNumber}` : `id ${qboId}`}`;

export type UncategorizedRow = {
  entity: 'Bill' | 'Invoice' | 'Purchase';
  qboId: string;
  docNumber: string | null;
  account: string;
  totalCents: number | null;
};
export const uncategorizedLines = (rows: readonly UncategorizedRow[]): Finding[] =>
  rows.map((r) =>
    finding(
      'uncategorizedLines',
      'UNCATEGORIZED_LINE',
      r.entity,
      [r.qboId],
      `${label(r.entity, r.docNumber, r.qboId)} has a line posted to "${r.account}"`,
      { amountCents: r.totalCents },
    ),
  );

export type PurchaseRow = { qboId: string; txnDate: string | null; totalCents: number | null };
export const purchasesWithoutPayee = (rows: readonly PurchaseRow[]): Finding[] =>
  rows.map((r) =>
    finding(
      'purchasesWithoutPayee',
      'PURCHASE_NO_PAYEE',
      'Purchase',
      [r.qboId],
      `Purchase id ${r.qboId}${r.txnDate ? ` of ${r.txnDate}` : ''} has no payee`,
      { amountCents: r.totalCents },
    ),
  );

/** A bill or invoice as the completeness checks see it. */
export type RecordRow = {
  entity: 'Bill' | 'Invoice';
  qboId: string;
  docNumber: string | null;
  counterpartyId: string | null;
  counterpartyName: string | null;
  txnDate: string | null;
  dueDate: string | null;
  totalCents: number | null;
  balanceCents: number | null;
  currency: string | null;
};

export const zeroAmounts = (rows: readonly RecordRow[]): Finding[] =>
  rows
    .filter((r) => r.totalCents !== null && r.totalCents <= 0)
    .map((r) =>
      finding(
        'zeroAmounts',
        'ZERO_AMOUNT',
        r.entity,
        [r.qboId],
        `${label(r.entity, r.docNumber, r.qboId)} has a total of ${formatMoney(r.totalCents!)}`,
        { amountCents: r.totalCents },
      ),
    );

/** The original design's completeness checks: no counterparty, no amount, no due date. */
export function incompleteRecords(rows: readonly RecordRow[]): Finding[] {
  const out: Finding[] = [];
  for (const r of rows) {
    const who = r.entity === 'Bill' ? 'vendor' : 'customer';
    if (!r.counterpartyId)
      out.push(
        finding(
          'incompleteRecords',
          'MISSING_COUNTERPARTY',
          r.entity,
          [r.qboId],
          `${label(r.entity, r.docNumber, r.qboId)} has no ${who}`,
          { amountCents: r.totalCents },
        ),
      );
    if (r.totalCents === null)
      out.push(
        finding(
          'incompleteRecords',
          'MISSING_AMOUNT',
          r.entity,
          [r.qboId],
          `${label(r.entity, r.docNumber, r.qboId)} has no amount`,
        ),
      );
    if (!r.dueDate)
      out.push(
        finding(
          'incompleteRecords',
          'MISSING_DUE_DATE',
          r.entity,
          [r.qboId],
          `${label(r.entity, r.docNumber, r.qboId)} has no due date`,
          { amountCents: r.totalCents },
        ),
      );
  }
  return out;
}

export type BillCandidate = {
  qboId: string;
  docNumber: string | null;
  vendorId: string;
  vendorName: string | null;
  totalCents: number;
  txnDate: string;
};

/**
 * Likely duplicates: same vendor, same total, TxnDates within the window of the group's first bill.
 * One finding per group; its key is the group's ids, so a third copy makes a new item (and resolves the old).
 */
export function duplicateBills(
  rows: readonly BillCandidate[],
  t: Pick<HygieneThresholds, 'duplicateBillWindowDays'>,
): Finding[] {
  const sorted = [...rows].sort(
    (a, b) =>
      a.vendorId.localeCompare(b.vendorId) ||
      a.totalCents - b.totalCents ||
      a.txnDate.localeCompare(b.txnDate) ||
      a.qboId.localeCompare(b.qboId),
  );
  const out: Finding[] = [];
  let group: BillCandidate[] = [];
  const flush = () => {
    if (group.length >= 2) {
      const first = group[0]!;
      out.push(
        finding(
          'duplicateBills',
          'DUPLICATE_BILL',
          'Bill',
          group.map((b) => b.qboId),
          `${group.length} bills from ${first.vendorName ?? `vendor ${first.vendorId}`} for ${formatMoney(first.totalCents)} within ${t.duplicateBillWindowDays} days`,
          {
            amountCents: first.totalCents * (group.length - 1),
            detail: group
              .map((b) => `${label('Bill', b.docNumber, b.qboId)} dated ${b.txnDate}`)
              .join('; '),
          },
        ),
      );
    }
  };
  for (const b of sorted) {
    const first = group[0];
    if (
      first &&
      first.vendorId === b.vendorId &&
      first.totalCents === b.totalCents &&
      daysBetween(first.txnDate, b.txnDate) <= t.duplicateBillWindowDays
    )
      group.push(b);
    else {
      flush();
      group = [b];
    }
  }
  flush();
  return out;
}

export type PaidOutsideCandidate = {
  billId: string;
  billDocNumber: string | null;
  vendorId: string | null;
  vendorName: string | null;
  balanceCents: number;
  dueDate: string | null;
  purchaseId: string;
  payeeId: string | null;
  purchaseDate: string | null;
};

/**
 * An open bill that looks paid outside QBO: a Purchase from a Bank account for exactly the bill's balance,
 * paid to the same vendor or to no one, dated within the window of the bill's due date. One item per bill
 * (the nearest purchase); qboIds = [bill, purchase].
 */
export function paidOutsideQbo(
  rows: readonly PaidOutsideCandidate[],
  t: Pick<HygieneThresholds, 'paidOutsideWindowDays'>,
): Finding[] {
  const best = new Map<string, { c: PaidOutsideCandidate; distance: number }>();
  for (const c of rows) {
    if (!c.dueDate || !c.purchaseDate) continue;
    if (c.payeeId !== null && c.payeeId !== c.vendorId) continue;
    const distance = Math.abs(daysBetween(c.dueDate, c.purchaseDate));
    if (distance > t.paidOutsideWindowDays) continue;
    const seen = best.get(c.billId);
    if (
      !seen ||
      distance < seen.distance ||
      (distance === seen.distance && c.purchaseId < seen.c.purchaseId)
    )
      best.set(c.billId, { c, distance });
  }
  return [...best.values()].map(({ c }) =>
    finding(
      'paidOutsideQbo',
      'PAID_OUTSIDE_QBO',
      'Bill',
      [c.billId, c.purchaseId],
      `${label('Bill', c.billDocNumber, c.billId)} is open but purchase id ${c.purchaseId} of ${c.purchaseDate} paid ${formatMoney(c.balanceCents)}${c.vendorName ? ` to ${c.vendorName}` : ''}`,
      {
        amountCents: c.balanceCents,
        // Keyed by the bill alone: the same open bill is one item even if a nearer purchase shows up.
        recordKey: `Bill:${c.billId}`,
      },
    ),
  );
}

export type OpenInvoiceRow = {
  qboId: string;
  docNumber: string | null;
  customerName: string | null;
  txnDate: string | null;
  dueDate: string | null;
  balanceCents: number;
  emailStatus: string | null;
};

export const invoicesNeverSent = (
  rows: readonly OpenInvoiceRow[],
  today: string,
  t: Pick<HygieneThresholds, 'invoiceUnsentAfterDays'>,
): Finding[] =>
  rows
    .filter(
      (r) =>
        r.balanceCents > 0 &&
        r.emailStatus !== 'EmailSent' &&
        r.txnDate !== null &&
        daysBetween(r.txnDate, today) >= t.invoiceUnsentAfterDays,
    )
    .map((r) =>
      finding(
        'invoicesNeverSent',
        'INVOICE_NEVER_SENT',
        'Invoice',
        [r.qboId],
        `${label('Invoice', r.docNumber, r.qboId)}${r.customerName ? ` to ${r.customerName}` : ''} was never sent (dated ${r.txnDate})`,
        {
          amountCents: r.balanceCents,
        },
      ),
    );

export type PaymentRow = {
  qboId: string;
  customerName: string | null;
  txnDate: string | null;
  totalCents: number | null;
  unappliedCents: number | null;
  depositAccountId: string | null;
  deposited: boolean;
};

export const paymentsUnapplied = (
  rows: readonly PaymentRow[],
  today: string,
  t: Pick<HygieneThresholds, 'paymentUnappliedAfterDays'>,
): Finding[] =>
  rows
    .filter(
      (r) =>
        (r.unappliedCents ?? 0) > 0 &&
        r.txnDate !== null &&
        daysBetween(r.txnDate, today) >= t.paymentUnappliedAfterDays,
    )
    .map((r) =>
      finding(
        'paymentsUnapplied',
        'PAYMENT_UNAPPLIED',
        'Payment',
        [r.qboId],
        `Payment id ${r.qboId} of ${r.txnDate} has ${formatMoney(r.unappliedCents!)} not applied to any invoice`,
        { amountCents: r.unappliedCents },
      ),
    );

/** Payments still sitting in Undeposited Funds (never linked to a Deposit) past the threshold. */
export const paymentsUndeposited = (
  rows: readonly PaymentRow[],
  undepositedAccountIds: ReadonlySet<string>,
  today: string,
  t: Pick<HygieneThresholds, 'undepositedAfterDays'>,
): Finding[] =>
  rows
    .filter(
      (r) =>
        r.depositAccountId !== null &&
        undepositedAccountIds.has(r.depositAccountId) &&
        !r.deposited &&
        r.txnDate !== null &&
        daysBetween(r.txnDate, today) >= t.undepositedAfterDays,
    )
    .map((r) =>
      finding(
        'paymentsUndeposited',
        'UNDEPOSITED_FUNDS',
        'Payment',
        [r.qboId],
        `Payment id ${r.qboId} of ${r.txnDate} (${formatMoney(r.totalCents ?? 0)}) is still in Undeposited Funds`,
        { amountCents: r.totalCents },
      ),
    );

export type OpenBillRow = {
  qboId: string;
  docNumber: string | null;
  vendorName: string | null;
  dueDate: string | null;
  balanceCents: number;
  hasDecision: boolean;
};

export const overdueBillsWithoutDecision = (
  rows: readonly OpenBillRow[],
  today: string,
): Finding[] =>
  rows
    .filter((r) => r.balanceCents > 0 && !r.hasDecision && r.dueDate !== null && r.dueDate < today)
    .map((r) =>
      finding(
        'overdueBillsWithoutDecision',
        'BILL_OVERDUE_NO_DECISION',
        'Bill',
        [r.qboId],
        `${label('Bill', r.docNumber, r.qboId)}${r.vendorName ? ` from ${r.vendorName}` : ''} was due ${r.dueDate} and has no decision`,
        {
          amountCents: r.balanceCents,
        },
      ),
    );

export type OverdueInvoiceRow = OpenInvoiceRow & { hasCall: boolean };

export const overdueInvoicesWithoutCall = (
  rows: readonly OverdueInvoiceRow[],
  today: string,
  t: Pick<HygieneThresholds, 'invoiceOverdueCallAfterDays'>,
): Finding[] =>
  rows
    .filter(
      (r) =>
        r.balanceCents > 0 &&
        !r.hasCall &&
        r.dueDate !== null &&
        daysBetween(r.dueDate, today) >= t.invoiceOverdueCallAfterDays,
    )
    .map((r) =>
      finding(
        'overdueInvoicesWithoutCall',
        'INVOICE_OVERDUE_NO_CALL',
        'Invoice',
        [r.qboId],
        `${label('Invoice', r.docNumber, r.qboId)}${r.customerName ? ` to ${r.customerName}` : ''} is ${daysBetween(r.dueDate!, today)} days overdue and nobody called`,
        {
          amountCents: r.balanceCents,
        },
      ),
    );

export type BankAccountRow = {
  qboId: string;
  name: string | null;
  lastActivity: string | null;
  balanceCents: number | null;
};

export const quietBankAccounts = (
  rows: readonly BankAccountRow[],
  today: string,
  t: Pick<HygieneThresholds, 'bankQuietAfterDays'>,
): Finding[] => {
  const since = addDays(today, -t.bankQuietAfterDays);
  return rows
    .filter((r) => r.lastActivity === null || r.lastActivity < since)
    .map((r) =>
      finding(
        'quietBankAccounts',
        'BANK_ACCOUNT_QUIET',
        'Account',
        [r.qboId],
        `Bank account ${r.name ?? r.qboId} has had no activity ${r.lastActivity ? `since ${r.lastActivity}` : 'at all'}`,
        {
          detail: `No purchase, bill payment or deposited payment in the last ${t.bankQuietAfterDays} days: is its bank feed connected?`,
          amountCents: r.balanceCents,
        },
      ),
    );
};

/** A foreign-currency bank account or Purchase that QBO gave no home-currency figure or rate for. */
export type UnconvertibleRow = {
  entity: 'Account' | 'Purchase';
  qboId: string;
  name: string | null;
  txnDate: string | null;
  amountCents: number | null;
  currency: string;
};

/**
 * Money in another currency than the client's home currency, one rule for all of it:
 * - bills and invoices in another currency (converted with their own rate by the runway, or left out);
 * - foreign-currency cash (Bank account without CurrentBalanceInHomeCurrency) and spending (Purchase in the
 *   burn window without ExchangeRate): the runway leaves them out of cash and burn, so the item says so and
 *   makes the whole projection doubtful (runway-inputs treats it as client-wide).
 */
export const foreignCurrency = (
  records: readonly RecordRow[],
  unconvertible: readonly UnconvertibleRow[],
  homeCurrency: string,
): Finding[] => [
  ...records
    .filter((r) => r.currency !== null && r.currency !== homeCurrency)
    .map((r) =>
      finding(
        'foreignCurrency',
        'FOREIGN_CURRENCY',
        r.entity,
        [r.qboId],
        `${label(r.entity, r.docNumber, r.qboId)} is in ${r.currency}, not ${homeCurrency}`,
        {
          detail:
            'Converted with its own exchange rate in the runway, or left out when it has none; never added as home currency.',
          amountCents: r.balanceCents,
          currency: r.currency,
        },
      ),
    ),
  ...unconvertible.map((r) =>
    r.entity === 'Account'
      ? finding(
          'foreignCurrency',
          'FOREIGN_CURRENCY',
          'Account',
          [r.qboId],
          `Bank account ${r.name ?? r.qboId} is in ${r.currency}, not ${homeCurrency}`,
          {
            detail:
              'QuickBooks gave no home-currency balance for it, so it is left out of cash: the runway is doubtful until it is converted.',
            amountCents: r.amountCents,
            currency: r.currency,
          },
        )
      : finding(
          'foreignCurrency',
          'FOREIGN_CURRENCY',
          'Purchase',
          [r.qboId],
          `Purchase id ${r.qboId}${r.txnDate ? ` of ${r.txnDate}` : ''} is in ${r.currency}, not ${homeCurrency}`,
          {
            detail:
              'It has no exchange rate, so it is left out of the weekly burn: the runway is doubtful until it is converted.',
            amountCents: r.amountCents,
            currency: r.currency,
          },
        ),
  ),
];

export type SyncEntityState = { entity: string; ttlSeconds: number; lastSuccessAt: string | null };

/**
 * When the next entity that is fresh now will turn stale (ISO), or null when none can: the tray must be
 * looked at again then, even if nothing else happens (no sync, same day).
 */
export function nextStaleAt(
  states: readonly SyncEntityState[],
  now: Date,
  t: Pick<HygieneThresholds, 'syncStaleMinSeconds'>,
): string | null {
  let next = Number.POSITIVE_INFINITY;
  for (const s of states) {
    if (!s.lastSuccessAt) continue;
    const at = Date.parse(s.lastSuccessAt) + Math.max(s.ttlSeconds, t.syncStaleMinSeconds) * 1000;
    if (at > now.getTime() && at < next) next = at;
  }
  return Number.isFinite(next) ? new Date(next + 1000).toISOString() : null;
}

/**
 * One item per entity whose last successful sync is older than its policy allows (entity_policy TTL, at
 * least syncStaleMinSeconds). The item's entity is the stale QBO entity, so the runway's confidence can
 * flag exactly the money that entity carries. Nothing for a client that never synced (the list says so).
 */
export function staleSync(
  states: readonly SyncEntityState[],
  now: Date,
  t: Pick<HygieneThresholds, 'syncStaleMinSeconds'>,
): Finding[] {
  if (!states.some((s) => s.lastSuccessAt)) return [];
  return states
    .filter(
      (s) =>
        !s.lastSuccessAt ||
        (now.getTime() - Date.parse(s.lastSuccessAt)) / 1000 >
          Math.max(s.ttlSeconds, t.syncStaleMinSeconds),
    )
    .map((s) => ({
      ...finding('staleSync', 'SYNC_STALE', s.entity, [], `Sync is stale for ${s.entity}`, {
        detail: `Last successful sync: ${s.lastSuccessAt ?? 'never'}`,
      }),
      recordKey: `sync:${s.entity}`,
    }));
}
