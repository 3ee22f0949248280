// Hygiene fixes written back to QuickBooks (issue 11), as pure functions: what a fix request changes in
// a record, in QBO's own JSON as a sparse update sends it (docs/qbo-api.md §5.9), and what QBO had there.
// Checks that need other records (a vendor that exists and is active) are the caller's: it passes them in.
import { isIsoDay } from './dates.ts';
import { CodedError } from './result.ts';

export const fixEntities = ['Bill', 'Invoice', 'Purchase', 'Payment'] as const;
export type FixEntity = (typeof fixEntities)[number];

/** What the advisor asks for; at most one of send / applyTo / delete, and then nothing else. */
export type FixRequest = {
  businessId: string;
  entity: FixEntity;
  qboId: string;
  /** The tray item that found the problem, when the fix is made from it (it must name this record). */
  itemId?: number;
  dueDate?: string;
  vendorId?: string;
  customerId?: string;
  payeeId?: string;
  /** Recategorize line `line` (1-based, as QBO numbers them on screen) to this account. */
  accountId?: string;
  line?: number;
  note?: string;
  send?: boolean;
  /** Apply this payment's unapplied amount to that invoice. */
  applyTo?: string;
  delete?: boolean;
  /** The bill this one duplicates: deleting needs it named. */
  confirm?: string;
};

export type Json = Record<string, unknown>;

export type FixOperation = 'update' | 'send' | 'delete';
export const fixStates = [
  'pending',
  'sending',
  'applied',
  'failed',
  'conflict',
  'discarded',
] as const;
export type FixState = (typeof fixStates)[number];

/** A fix in the outbox, as every screen and `rowcol outbox --json` show it. */
export type OutboxFix = {
  id: number;
  businessId: string;
  entity: string;
  qboId: string;
  operation: FixOperation;
  /** One line for a person: what this fix does. */
  summary: string;
  /** The fields sent (QBO's JSON), e.g. { DueDate: '2026-12-20' }. */
  changes: Json;
  /** What QBO had in those fields when the advisor decided. */
  before: Json;
  /** The SyncToken the fix is based on. */
  baseVersion: string;
  requestId: string;
  state: FixState;
  reason: string | null;
  /** QBO's newer values of the same fields, while in conflict. */
  theirs: Json | null;
  theirsVersion: string | null;
  attempts: number;
  createdAt: string;
  updatedAt: string;
  appliedVersion: string | null;
};

/** A name-list record as the mirror holds it (Vendor, Customer, Account), for references. */
export type Named = { id: string; name: string; active: boolean; email?: string | null };

export type FixPlan = {
  operation: 'update' | 'send' | 'delete';
  summary: string;
  changes: Json;
  before: Json;
};

const refused = (message: string): never => {
  throw new CodedError('INVALID_INPUT', message);
};

const accountLineDetail = 'AccountBasedExpenseLineDetail';

/** The reference to send for a name-list record, refused unless it exists and is active. */
function reference(
  kind: string,
  id: string,
  named: Named | undefined,
): { value: string; name: string } {
  if (!named) return refused(`No ${kind} ${id} in this client's books (as last synced).`);
  if (!named.active)
    return refused(
      `${kind[0]!.toUpperCase()}${kind.slice(1)} ${id} (${named.name}) is inactive in QuickBooks.`,
    );
  return { value: named.id, name: named.name };
}

export type FixContext = {
  /** The record as the advisor sees it (the mirror), with its SyncToken. */
  record: Json;
  vendor?: (id: string) => Named | undefined;
  customer?: (id: string) => Named | undefined;
  account?: (id: string) => Named | undefined;
  /** For applyTo: the invoice as the mirror holds it. */
  invoice?: (id: string) => Json | undefined;
  /** For delete: the bill it duplicates. */
  bill?: (id: string) => Json | undefined;
};

const label = (r: FixRequest) => `${r.entity} ${r.qboId}`;
const refId = (v: unknown): string | undefined =>
  ((v as { value?: unknown } | undefined)?.value as string | undefined) ?? undefined;
const cents = (v: unknown): number => Math.round(Number(v ?? 0) * 100);

/** Turns a request into the sparse update (or send, or delete) that carries it out, or refuses it. */
export function planFix(r: FixRequest, c: FixContext): FixPlan {
  const rec = c.record;
  const special = [r.send, r.applyTo !== undefined, r.delete].filter(Boolean).length;
  const fields = [r.dueDate, r.vendorId, r.customerId, r.payeeId, r.accountId, r.note].filter(
    (v) => v !== undefined,
  ).length;
  if (special > 1 || (special === 1 && fields > 0))
    refused('Give one fix at a time: --send, --apply-to and --delete each stand alone.');
  if (special === 0 && fields === 0)
    refused(
      'Say what to fix (--due-date, --vendor, --customer, --payee, --account with --line, --note, --send, --apply-to or --delete).',
    );

  if (r.send) {
    if (r.entity !== 'Invoice') refused('Only an invoice can be sent.');
    if (rec.EmailStatus === 'EmailSent') refused(`${label(r)} was already sent.`);
    const customer = c.customer?.(refId(rec.CustomerRef) ?? '');
    const to = (
      (rec.BillEmail as { Address?: string } | undefined)?.Address ??
      customer?.email ??
      ''
    ).trim();
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(to))
      refused(
        `${label(r)} has no customer e-mail address to send it to; add one in QuickBooks first.`,
      );
    return {
      operation: 'send',
      summary: `send invoice ${r.qboId} to ${to}`,
      changes: { sendTo: to },
      before: { EmailStatus: rec.EmailStatus ?? null },
    };
  }

  if (r.delete) {
    if (r.entity !== 'Bill') refused('Only a duplicate bill can be deleted.');
    if (!r.confirm) refused(`Deleting ${label(r)} needs --confirm naming the bill it duplicates.`);
    const other = c.bill?.(r.confirm!);
    if (!other || r.confirm === r.qboId)
      refused(`No other bill ${r.confirm} to keep in this client's books.`);
    if (
      refId(other!.VendorRef) !== refId(rec.VendorRef) ||
      cents(other!.TotalAmt) !== cents(rec.TotalAmt)
    )
      refused(`Bill ${r.confirm} is not a duplicate of ${label(r)} (vendor or total differ).`);
    if (Array.isArray(rec.LinkedTxn) && rec.LinkedTxn.length > 0)
      refused(`${label(r)} has payments linked to it; QuickBooks will not delete it.`);
    return {
      operation: 'delete',
      summary: `delete bill ${r.qboId}, a duplicate of bill ${r.confirm}`,
      changes: {},
      before: { TotalAmt: rec.TotalAmt ?? null },
    };
  }

  if (r.applyTo !== undefined) {
    if (r.entity !== 'Payment') refused('Only a customer payment can be applied to an invoice.');
    const unapplied = cents(rec.UnappliedAmt);
    if (unapplied <= 0) refused(`${label(r)} has nothing unapplied.`);
    const inv = c.invoice?.(r.applyTo);
    if (!inv) refused(`No invoice ${r.applyTo} in this client's books.`);
    if (refId(inv!.CustomerRef) !== refId(rec.CustomerRef))
      refused(`Invoice ${r.applyTo} belongs to another customer.`);
    const open = cents(inv!.Balance);
    if (open <= 0) refused(`Invoice ${r.applyTo} is already paid.`);
    const amount = Math.min(unapplied, open) / 100;
    const lines = Array.isArray(rec.Line) ? (rec.Line as Json[]) : [];
    return {
      operation: 'update',
      summary: `apply ${amount.toFixed(2)} of payment ${r.qboId} to invoice ${r.applyTo}`,
      changes: {
        Line: [...lines, { Amount: amount, LinkedTxn: [{ TxnId: r.applyTo, TxnType: 'Invoice' }] }],
      },
      before: { Line: rec.Line ?? null },
    };
  }

  const changes: Json = {};
  const said: string[] = [];
  if (r.dueDate !== undefined) {
    if (r.entity !== 'Bill' && r.entity !== 'Invoice')
      refused('Only a bill or an invoice has a due date.');
    if (!isIsoDay(r.dueDate)) refused(`Not a date (YYYY-MM-DD): ${r.dueDate}.`);
    changes.DueDate = r.dueDate;
    said.push(`due date ${r.dueDate}`);
  }
  if (r.vendorId !== undefined) {
    if (r.entity !== 'Bill') refused('Only a bill has a vendor (a purchase has a payee: --payee).');
    changes.VendorRef = reference('vendor', r.vendorId, c.vendor?.(r.vendorId));
    said.push(`vendor ${(changes.VendorRef as { name: string }).name}`);
  }
  if (r.customerId !== undefined) {
    if (r.entity !== 'Invoice') refused('Only an invoice has a customer.');
    changes.CustomerRef = reference('customer', r.customerId, c.customer?.(r.customerId));
    said.push(`customer ${(changes.CustomerRef as { name: string }).name}`);
  }
  if (r.payeeId !== undefined) {
    if (r.entity !== 'Purchase')
      refused('Only a purchase has a payee (a bill has a vendor: --vendor).');
    const ref = reference('vendor', r.payeeId, c.vendor?.(r.payeeId));
    changes.EntityRef = { ...ref, type: 'Vendor' };
    said.push(`payee ${ref.name}`);
  }
  if (r.accountId !== undefined || r.line !== undefined) {
    if (r.entity !== 'Bill' && r.entity !== 'Purchase')
      refused('Only a bill or a purchase line is recategorized here.');
    if (r.accountId === undefined || r.line === undefined)
      refused('Recategorizing needs both --account ID and --line N.');
    const lines = Array.isArray(rec.Line) ? (rec.Line as Json[]) : [];
    const target = lines.filter((l) => l.DetailType === accountLineDetail)[r.line! - 1];
    if (!target)
      refused(
        `${label(r)} has no expense line ${r.line} (it has ${lines.filter((l) => l.DetailType === accountLineDetail).length}).`,
      );
    const ref = reference('account', r.accountId!, c.account?.(r.accountId!));
    // A sparse update that replaces Line must still name what QBO requires beside it (docs/qbo-api.md §5.9).
    if (r.entity === 'Bill') changes.VendorRef = changes.VendorRef ?? rec.VendorRef;
    if (r.entity === 'Purchase')
      Object.assign(changes, {
        PaymentType: rec.PaymentType,
        AccountRef: rec.AccountRef,
        ...changes,
      });
    changes.Line = lines.map((l) =>
      l === target
        ? { ...l, [accountLineDetail]: { ...(l[accountLineDetail] as Json), AccountRef: ref } }
        : l,
    );
    said.push(`line ${r.line} to ${ref.name}`);
  }
  if (r.note !== undefined) {
    if (r.note.length > 4000) refused('A private note holds at most 4000 characters.');
    changes.PrivateNote = r.note;
    said.push('private note');
  }
  const before = Object.fromEntries(Object.keys(changes).map((k) => [k, rec[k] ?? null]));
  return {
    operation: 'update',
    summary: `set ${said.join(', ')} on ${label(r).toLowerCase()}`,
    changes,
    before,
  };
}

/** The record with a fix's fields written in: how the screens show it while the fix is pending. */
export const withChanges = (record: Json, changes: Json): Json => ({ ...record, ...changes });

const same = (a: unknown, b: unknown): boolean =>
  JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * A fix whose SyncToken is stale: did QBO change the same fields since the advisor saw them? Then it is a
 * conflict (both values shown); if QBO changed only other fields, the fix goes on the new version.
 */
export function sameFieldsChanged(
  before: Json,
  current: Json,
): { conflict: boolean; theirs: Json } {
  const theirs = Object.fromEntries(Object.keys(before).map((k) => [k, current[k] ?? null]));
  return { conflict: Object.keys(before).some((k) => !same(before[k], current[k])), theirs };
}
