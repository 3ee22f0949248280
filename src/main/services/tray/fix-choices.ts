// What the tray's fix forms offer for some items of one client, read from the mirror: the record's expense
// lines (which are uncategorized), its due date and note, an invoice's address, a payment's customer's open
// invoices, a duplicate's bills, and the active vendors, customers and expense accounts to pick from.
// planFix (core/fixes.ts) checks the answer again when the fix is recorded.
import { isUncategorizedAccountName } from '../../../core/hygiene/codes.ts';
import { CodedError } from '../../../core/result.ts';
import type { FixChoices, ItemFixFacts } from '../../../core/tray/tray-view.ts';
import type { MirroredEntity } from '../../../core/mirror/entities.ts';
import type { Db } from '../../db/open.ts';
import { clientExists } from '../../db/repositories/clients.ts';
import { listHygieneItems } from '../../db/repositories/hygiene-items.ts';
import { readMirrorRecord } from '../../db/repositories/mirror.ts';
import {
  activeCustomers,
  activeVendors,
  expenseAccounts,
  openInvoicesOf,
} from '../../db/repositories/tray-records.ts';
import type { Scope } from '../../db/scope.ts';

type Json = Record<string, unknown>;
const cents = (v: unknown): number => Math.round(Number(v ?? 0) * 100);
const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);
const ref = (v: unknown) => v as { value?: string; name?: string } | undefined;

function factsOf(
  db: Db,
  s: Scope,
  itemId: number,
  entity: string | null,
  ids: string[],
): ItemFixFacts {
  const facts: ItemFixFacts = {
    itemId,
    lines: [],
    dueDate: null,
    privateNote: null,
    sendTo: null,
    openInvoices: [],
    bills: [],
  };
  if (!entity || ids.length === 0) return facts;
  const read = (e: MirroredEntity, id: string): Json | undefined => {
    const r = readMirrorRecord(db, s, e, id);
    return r && !r.deleted ? r.data : undefined;
  };
  const rec = ['Bill', 'Invoice', 'Purchase', 'Payment'].includes(entity)
    ? read(entity as MirroredEntity, ids[0]!)
    : undefined;
  if (!rec) return facts;
  const lines = Array.isArray(rec.Line) ? (rec.Line as Json[]) : [];
  facts.lines = lines
    .filter((l) => l.DetailType === 'AccountBasedExpenseLineDetail')
    .map((l, i) => {
      const account = ref((l.AccountBasedExpenseLineDetail as Json | undefined)?.AccountRef);
      return {
        line: i + 1,
        description: str(l.Description),
        amountCents: cents(l.Amount),
        account: account?.name ?? null,
        uncategorized: account?.name ? isUncategorizedAccountName(account.name) : false,
      };
    });
  facts.dueDate = str(rec.DueDate);
  facts.privateNote = str(rec.PrivateNote);
  if (entity === 'Invoice') {
    const customer = ref(rec.CustomerRef)?.value;
    const c = customer ? read('Customer', customer) : undefined;
    facts.sendTo =
      str((rec.BillEmail as Json | undefined)?.Address) ??
      str((c?.PrimaryEmailAddr as Json | undefined)?.Address);
  }
  if (entity === 'Payment') {
    const customer = ref(rec.CustomerRef)?.value;
    if (customer) facts.openInvoices = openInvoicesOf(db, s, customer);
  }
  if (entity === 'Bill' && ids.length > 1)
    facts.bills = ids.flatMap((id) => {
      const b = read('Bill', id);
      return b
        ? [
            {
              qboId: id,
              docNumber: str(b.DocNumber),
              txnDate: str(b.TxnDate),
              totalCents: b.TotalAmt === undefined ? null : cents(b.TotalAmt),
            },
          ]
        : [];
    });
  return facts;
}

export function fixChoices(db: Db, s: Scope, itemIds: readonly number[]): FixChoices {
  if (!clientExists(db, s.advisorId, s.businessId))
    throw new CodedError('NOT_FOUND', `No client ${s.businessId}.`);
  const items = new Map(
    listHygieneItems(db, s, ['open', 'approved', 'excluded', 'resolved']).map((i) => [i.id, i]),
  );
  const unknown = itemIds.filter((id) => !items.has(id));
  if (unknown.length)
    throw new CodedError(
      'NOT_FOUND',
      `No tray item${unknown.length === 1 ? '' : 's'} ${unknown.join(', ')} for client ${s.businessId}.`,
    );
  return {
    accounts: expenseAccounts(db, s).filter((a) => !isUncategorizedAccountName(a.name)),
    vendors: activeVendors(db, s),
    customers: activeCustomers(db, s),
    items: [...new Set(itemIds)].map((id) => {
      const i = items.get(id)!;
      return factsOf(db, s, id, i.entity, i.qboIds);
    }),
  };
}
