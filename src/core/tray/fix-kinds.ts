// Which of the write-back fixes (core/fixes.ts planFix) answer which tray item, and the requests a form's
// answer becomes. Pure: the window's forms and its bulk fix use it, and planFix still checks every request
// against the mirror when it is recorded.
import type { FixEntity, FixRequest } from '../fixes.ts';
import type { HygieneCode } from '../hygiene/codes.ts';

export type TrayFixKind =
  | 'category'
  | 'payee'
  | 'vendor'
  | 'customer'
  | 'due-date'
  | 'send'
  | 'apply-payment'
  | 'delete-duplicate'
  | 'note';

/** What the advisor types or picks in a fix form. */
export type TrayFixInput =
  | { kind: 'category'; accountId: string }
  | { kind: 'payee' | 'vendor'; vendorId: string }
  | { kind: 'customer'; customerId: string }
  | { kind: 'due-date'; dueDate: string }
  | { kind: 'send' }
  | { kind: 'apply-payment'; invoiceId: string }
  | { kind: 'delete-duplicate'; deleteId: string; keepId: string }
  | { kind: 'note'; note: string };

/**
 * Kinds whose one answer makes sense for many records at once: the same category on N uncategorized
 * lines, the same payee on N purchases, one due date, sending N invoices, one note. A payment's invoice,
 * a duplicate's twin, a bill's vendor or an invoice's customer belong to one record each.
 */
export const bulkFixKinds: readonly TrayFixKind[] = [
  'category',
  'payee',
  'due-date',
  'send',
  'note',
];

export const fixKindWords: Record<TrayFixKind, string> = {
  category: 'Set the category',
  payee: 'Set the payee',
  vendor: 'Set the vendor',
  customer: 'Set the customer',
  'due-date': 'Set the due date',
  send: 'Send the invoice',
  'apply-payment': 'Apply the payment to an invoice',
  'delete-duplicate': 'Delete the duplicate bill',
  note: 'Add a private note in QuickBooks',
};

type ItemRef = { code: HygieneCode; entity: string | null; qboIds: readonly string[] };

const fixable = (e: string | null): e is FixEntity =>
  e === 'Bill' || e === 'Invoice' || e === 'Purchase' || e === 'Payment';

/** The fixes that answer this item, the most useful first; none for a client-wide or name-list item. */
export function fixKindsOf(item: ItemRef): TrayFixKind[] {
  if (!fixable(item.entity) || item.qboIds.length === 0) return [];
  const e = item.entity;
  const main: TrayFixKind[] = (() => {
    switch (item.code) {
      case 'UNCATEGORIZED_LINE':
        return e === 'Bill' || e === 'Purchase' ? ['category'] : [];
      case 'PURCHASE_NO_PAYEE':
        return ['payee'];
      case 'MISSING_COUNTERPARTY':
        return e === 'Bill' ? ['vendor'] : e === 'Invoice' ? ['customer'] : [];
      case 'MISSING_DUE_DATE':
        return e === 'Bill' || e === 'Invoice' ? ['due-date'] : [];
      case 'INVOICE_NEVER_SENT':
        return ['send'];
      case 'PAYMENT_UNAPPLIED':
        return ['apply-payment'];
      case 'DUPLICATE_BILL':
        return item.qboIds.length === 2 ? ['delete-duplicate'] : [];
      default:
        return [];
    }
  })();
  return [...main, 'note'];
}

/** The record a one-record fix of this item changes (a duplicate's note goes on the first bill). */
const recordOf = (item: ItemRef & { id: number; businessId: string }) => ({
  businessId: item.businessId,
  entity: item.entity as FixEntity,
  qboId: item.qboIds[0]!,
  itemId: item.id,
});

/**
 * The fix requests one item's answer becomes. `uncategorizedLines`: the record's expense lines posted to
 * an uncategorized account (1-based, as planFix numbers them), one request each.
 */
export function fixRequestsOf(
  item: ItemRef & { id: number; businessId: string },
  input: TrayFixInput,
  uncategorizedLines: readonly number[] = [],
): FixRequest[] {
  const base = recordOf(item);
  switch (input.kind) {
    case 'category':
      return uncategorizedLines.map((line) => ({ ...base, accountId: input.accountId, line }));
    case 'payee':
      return [{ ...base, payeeId: input.vendorId }];
    case 'vendor':
      return [{ ...base, vendorId: input.vendorId }];
    case 'customer':
      return [{ ...base, customerId: input.customerId }];
    case 'due-date':
      return [{ ...base, dueDate: input.dueDate }];
    case 'send':
      return [{ ...base, send: true }];
    case 'apply-payment':
      return [{ ...base, applyTo: input.invoiceId }];
    case 'delete-duplicate':
      return [{ ...base, qboId: input.deleteId, delete: true, confirm: input.keepId }];
    case 'note':
      return [{ ...base, note: input.note }];
  }
}
