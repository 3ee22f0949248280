// What the tray screen exchanges over the contract beyond the item itself (issue 13 §4 "Tray"): the record
// it is about in words, its QuickBooks link, its notes and its history, and what the fix forms offer.
import type { TrayItem, TrayStatus } from '../advisor-work.ts';
import type { FixState } from '../fixes.ts';

/** A tray item as tray:list gives it: the stored item and what the screen shows beside it. */
export type TrayListItem = TrayItem & {
  /** The record's number (bill or invoice #), when it has one. */
  docNumber: string | null;
  /** Who the record is with: the vendor, customer or payee, as the mirror names them. */
  counterparty: string | null;
  /** The record's page in QuickBooks Online (src/core/tray/qbo-links.ts); null for the demo books. */
  qboUrl: string | null;
  noteCount: number;
  lastNote: string | null;
  fixes: { id: number; state: string; summary: string }[];
};

export type TrayNote = {
  id: number;
  itemId: number;
  text: string;
  by: string;
  at: string;
};

export type TrayDecision = 'approve' | 'exclude' | 'reopen';

/**
 * One line of an item's history, oldest first. Stored: the advisor's decisions and notes (migration 015).
 * From the data: when the tray found it, when the data no longer showed it, and each fix of its records.
 */
export type TrayHistoryEntry = {
  at: string;
  /** The advisor's id, or "rowcol" for what the tray's check saw in the data. */
  by: string;
  kind: 'found' | 'decided' | 'note' | 'fix' | 'resolved';
  decision: TrayDecision | null;
  from: TrayStatus | null;
  to: TrayStatus | null;
  note: string | null;
  fix: { id: number; state: FixState; summary: string } | null;
};

/** A name-list record a fix form can pick (active only). */
export type NamedChoice = { id: string; name: string };

/** What one item's fix form needs to know about its record. */
export type ItemFixFacts = {
  itemId: number;
  /** Expense lines (as planFix numbers them, from 1), with their account. */
  lines: {
    line: number;
    description: string | null;
    amountCents: number;
    account: string | null;
    uncategorized: boolean;
  }[];
  dueDate: string | null;
  privateNote: string | null;
  /** An invoice's e-mail address to send it to (BillEmail, else the customer's). */
  sendTo: string | null;
  /** A payment's customer's open invoices, to apply it to. */
  openInvoices: {
    qboId: string;
    docNumber: string | null;
    dueDate: string | null;
    balanceCents: number;
  }[];
  /** A duplicate's bills. */
  bills: {
    qboId: string;
    docNumber: string | null;
    txnDate: string | null;
    totalCents: number | null;
  }[];
};

export type FixChoices = {
  /** Accounts a line can be moved to: active expense and cost-of-sales accounts, none uncategorized. */
  accounts: NamedChoice[];
  vendors: NamedChoice[];
  customers: NamedChoice[];
  items: ItemFixFacts[];
};
