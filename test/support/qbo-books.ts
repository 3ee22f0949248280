// QBO-shaped records for tests and the bench, written through the same path the sync uses:
// toMirrorRow (the pure mapper) + upsertMirrorRows. Shapes follow shared/qbo-fixtures
// (bill_open_single_line.json, invoice_open_multi_line.json, payment_customer_linked_invoice_deposit.json,
// account_bank_checking.json, billpayment_check.json) and docs/qbo-api.md §5.10 for Purchase.
import { isRejected, toMirrorRow } from '../../src/core/mirror/columns.ts';
import type { MirroredEntity } from '../../src/core/mirror/entities.ts';
import { saveClient } from '../../src/main/db/repositories/clients.ts';
import { upsertMirrorRows } from '../../src/main/db/repositories/mirror.ts';
import type { Db } from '../../src/main/db/open.ts';

type Rec = Record<string, unknown>;
export type Scope = { advisorId: string; businessId: string };

const meta = (at = '2024-01-01T10:00:00-08:00') => ({ CreateTime: at, LastUpdatedTime: at });
const usd = { value: 'USD', name: 'United States Dollar' };
const money = (cents: number) => cents / 100;

export function account(
  id: string,
  name: string,
  type: string,
  balanceCents: number,
  opts: { active?: boolean; subType?: string; currency?: string; homeBalanceCents?: number } = {},
): Rec {
  const r: Rec = {
    Name: name,
    SubAccount: false,
    FullyQualifiedName: name,
    Active: opts.active ?? true,
    Classification: type === 'Bank' ? 'Asset' : 'Expense',
    AccountType: type,
    AccountSubType:
      opts.subType ?? (type === 'Bank' ? 'Checking' : 'OtherMiscellaneousServiceCost'),
    CurrentBalance: money(balanceCents),
    CurrentBalanceWithSubAccounts: money(balanceCents),
    CurrencyRef: opts.currency ? { value: opts.currency, name: opts.currency } : usd,
    domain: 'QBO',
    sparse: false,
    Id: id,
    SyncToken: '0',
    MetaData: meta(),
  };
  // Multicurrency companies: QBO adds the home-currency balance beside CurrentBalance.
  if (opts.homeBalanceCents !== undefined)
    r.CurrentBalanceInHomeCurrency = money(opts.homeBalanceCents);
  return r;
}

type LineSpec = {
  amountCents: number;
  account?: { id: string; name: string };
  item?: { id: string; name: string };
};

function expenseLines(lines: LineSpec[]): Rec[] {
  return lines.map((l, i) =>
    l.item
      ? {
          Id: String(i + 1),
          LineNum: i + 1,
          Amount: money(l.amountCents),
          DetailType: 'ItemBasedExpenseLineDetail',
          ItemBasedExpenseLineDetail: {
            ItemRef: { value: l.item.id, name: l.item.name },
            UnitPrice: money(l.amountCents),
            Qty: 1,
            BillableStatus: 'NotBillable',
            TaxCodeRef: { value: 'NON' },
          },
        }
      : {
          Id: String(i + 1),
          LineNum: i + 1,
          Amount: money(l.amountCents),
          DetailType: 'AccountBasedExpenseLineDetail',
          AccountBasedExpenseLineDetail: {
            AccountRef: {
              value: l.account?.id ?? '69',
              name: l.account?.name ?? 'Legal & Professional Fees:Accounting',
            },
            BillableStatus: 'NotBillable',
            TaxCodeRef: { value: 'NON' },
          },
        },
  );
}

export type BillSpec = {
  id: string;
  vendor?: { id: string; name: string } | null;
  txnDate: string;
  dueDate?: string | null;
  totalCents?: number | null;
  balanceCents?: number;
  lines?: LineSpec[];
  currency?: string;
  exchangeRate?: number;
  paidBy?: string;
};

export function bill(b: BillSpec): Rec {
  const total = b.totalCents === undefined ? 10_000 : b.totalCents;
  const r: Rec = {
    DueDate: b.dueDate === undefined ? b.txnDate : b.dueDate,
    Balance: money(b.balanceCents ?? total ?? 0),
    domain: 'QBO',
    sparse: false,
    Id: b.id,
    SyncToken: '0',
    MetaData: meta(),
    TxnDate: b.txnDate,
    CurrencyRef: b.currency ? { value: b.currency, name: b.currency } : usd,
    Line: expenseLines(b.lines ?? [{ amountCents: total ?? 0 }]),
    VendorRef:
      b.vendor === undefined
        ? { value: '49', name: 'Robertson & Associates' }
        : b.vendor && { value: b.vendor.id, name: b.vendor.name },
    APAccountRef: { value: '33', name: 'Accounts Payable (A/P)' },
    TotalAmt: total === null ? undefined : money(total),
  };
  if (r.DueDate === null) delete r.DueDate;
  if (r.VendorRef === null) delete r.VendorRef;
  if (b.exchangeRate !== undefined) r.ExchangeRate = b.exchangeRate;
  if (b.paidBy) r.LinkedTxn = [{ TxnId: b.paidBy, TxnType: 'BillPaymentCheck' }];
  return r;
}

export type InvoiceSpec = {
  id: string;
  customer?: { id: string; name: string } | null;
  txnDate: string;
  dueDate?: string | null;
  totalCents?: number;
  balanceCents?: number;
  emailStatus?: string;
  currency?: string;
  exchangeRate?: number;
  accountLine?: { id: string; name: string };
  docNumber?: string;
};

export function invoice(v: InvoiceSpec): Rec {
  const total = v.totalCents ?? 18_750;
  const lines: Rec[] = [
    {
      Id: '1',
      LineNum: 1,
      Description: 'Weekly Gardening Service',
      Amount: money(total),
      DetailType: 'SalesItemLineDetail',
      SalesItemLineDetail: {
        ItemRef: { value: '6', name: 'Gardening' },
        UnitPrice: money(total),
        Qty: 1,
        TaxCodeRef: { value: 'NON' },
      },
    },
  ];
  if (v.accountLine) {
    lines.push({
      Id: '2',
      LineNum: 2,
      Amount: 0,
      DetailType: 'AccountBasedExpenseLineDetail',
      AccountBasedExpenseLineDetail: {
        AccountRef: { value: v.accountLine.id, name: v.accountLine.name },
      },
    });
  }
  lines.push({ Amount: money(total), DetailType: 'SubTotalLineDetail', SubTotalLineDetail: {} });
  const r: Rec = {
    domain: 'QBO',
    sparse: false,
    Id: v.id,
    SyncToken: '0',
    MetaData: meta(),
    DocNumber: v.docNumber ?? `10${v.id}`,
    TxnDate: v.txnDate,
    CurrencyRef: v.currency ? { value: v.currency, name: v.currency } : usd,
    LinkedTxn: [],
    Line: lines,
    CustomerRef:
      v.customer === undefined
        ? { value: '26', name: 'Travis Waldron' }
        : v.customer && { value: v.customer.id, name: v.customer.name },
    DueDate: v.dueDate === undefined ? v.txnDate : v.dueDate,
    TotalAmt: money(total),
    Balance: money(v.balanceCents ?? total),
    EmailStatus: v.emailStatus ?? 'EmailSent',
    PrintStatus: 'NotSet',
  };
  if (r.DueDate === null) delete r.DueDate;
  if (r.CustomerRef === null) delete r.CustomerRef;
  if (v.exchangeRate !== undefined) r.ExchangeRate = v.exchangeRate;
  return r;
}

export type PurchaseSpec = {
  id: string;
  accountId: string;
  accountName?: string;
  payee?: { id: string; name: string; type?: string } | null;
  txnDate: string;
  totalCents: number;
  lines?: LineSpec[];
  paymentType?: 'Cash' | 'Check' | 'CreditCard';
  currency?: string;
  exchangeRate?: number;
  /** A credit card credit / refund (QBO `Credit: true`, PaymentType CreditCard). */
  credit?: boolean;
};

export function purchase(p: PurchaseSpec): Rec {
  const r: Rec = {
    AccountRef: { value: p.accountId, name: p.accountName ?? 'Checking' },
    PaymentType: p.paymentType ?? 'Check',
    TotalAmt: money(p.totalCents),
    PurchaseEx: { any: [] },
    domain: 'QBO',
    sparse: false,
    Id: p.id,
    SyncToken: '0',
    MetaData: meta(),
    TxnDate: p.txnDate,
    CurrencyRef: p.currency ? { value: p.currency, name: p.currency } : usd,
    Line: expenseLines(
      p.lines ?? [{ amountCents: p.totalCents, account: { id: '7', name: 'Advertising' } }],
    ),
  };
  if (p.exchangeRate !== undefined) r.ExchangeRate = p.exchangeRate;
  if (p.credit !== undefined) r.Credit = p.credit;
  if (p.payee !== null) {
    const payee = p.payee ?? { id: '49', name: 'Robertson & Associates' };
    r.EntityRef = { value: payee.id, name: payee.name, type: payee.type ?? 'Vendor' };
  }
  return r;
}

export function payment(p: {
  id: string;
  customerId?: string;
  depositTo: string;
  txnDate: string;
  totalCents: number;
  unappliedCents?: number;
  depositedIn?: string;
  invoiceId?: string;
}): Rec {
  const r: Rec = {
    CustomerRef: { value: p.customerId ?? '26', name: 'Travis Waldron' },
    DepositToAccountRef: { value: p.depositTo },
    TotalAmt: money(p.totalCents),
    UnappliedAmt: money(p.unappliedCents ?? 0),
    ProcessPayment: false,
    domain: 'QBO',
    sparse: false,
    Id: p.id,
    SyncToken: '0',
    MetaData: meta(),
    TxnDate: p.txnDate,
    CurrencyRef: usd,
    LinkedTxn: p.depositedIn ? [{ TxnId: p.depositedIn, TxnType: 'Deposit' }] : [],
    Line: p.invoiceId
      ? [
          {
            Amount: money(p.totalCents - (p.unappliedCents ?? 0)),
            LinkedTxn: [{ TxnId: p.invoiceId, TxnType: 'Invoice' }],
          },
        ]
      : [],
  };
  return r;
}

export function billPayment(p: {
  id: string;
  vendorId?: string;
  bankAccountId: string;
  txnDate: string;
  totalCents: number;
  billId?: string;
}): Rec {
  return {
    VendorRef: { value: p.vendorId ?? '49', name: 'Robertson & Associates' },
    PayType: 'Check',
    CheckPayment: {
      BankAccountRef: { value: p.bankAccountId, name: 'Checking' },
      PrintStatus: 'NotSet',
    },
    TotalAmt: money(p.totalCents),
    domain: 'QBO',
    sparse: false,
    Id: p.id,
    SyncToken: '0',
    MetaData: meta(),
    DocNumber: '1',
    TxnDate: p.txnDate,
    CurrencyRef: usd,
    Line: p.billId
      ? [{ Amount: money(p.totalCents), LinkedTxn: [{ TxnId: p.billId, TxnType: 'Bill' }] }]
      : [],
  };
}

/** Maps and writes records exactly as the sync does; throws if the mapper rejects one (a test bug). */
export function writeRecords(
  db: Db,
  scope: Scope,
  entity: MirroredEntity,
  records: readonly Rec[],
  syncedAt = '2024-01-01T00:00:00Z',
): void {
  const rows = records.map((raw) => {
    const row = toMirrorRow(entity, raw);
    if (isRejected(row)) throw new Error(row.reason);
    return { row, raw: JSON.stringify(raw) };
  });
  db.transaction(() => upsertMirrorRows(db, scope, entity, rows, syncedAt))();
}

export function addClient(
  db: Db,
  advisorId: string,
  realmId: string,
  name: string,
  homeCurrency = 'USD',
): Scope {
  const businessId = saveClient(db, {
    advisorId,
    realmId,
    environment: 'sandbox',
    displayName: name,
    homeCurrency,
    now: '2024-01-01T00:00:00Z',
  });
  return { advisorId, businessId };
}
