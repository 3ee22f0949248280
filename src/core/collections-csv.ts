// The collections screen's CSV: exactly the rows on screen (filtered and sorted as shown), one invoice per
// line, with the figures as numbers a spreadsheet can sum (amount in the invoice's currency, days as a
// whole number) and the words the screen uses (the bucket, the call's outcome).
import type { CollectionEntry } from './collections.ts';
import { toCsv, type CsvCell } from './csv.ts';
import { callOutcomeText, overdueBucketWords } from './words.ts';

export const collectionsCsvHeader = [
  'Client',
  'Customer',
  'Contact',
  'E-mail',
  'Phone',
  'Mobile',
  'Invoice',
  'Due date',
  'Days overdue',
  'Overdue',
  'Amount',
  'Currency',
  'Last call',
  'Last call on',
  'Promised date',
  'Follow-up',
  'Note',
] as const;

/** The local calendar day of an ISO instant, as the screen shows "when". */
const dayOf = (iso: string): string => {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};

export function collectionsCsvRow(e: CollectionEntry): CsvCell[] {
  return [
    e.clientName,
    e.customerName,
    e.contact.name,
    e.contact.email,
    e.contact.phone,
    e.contact.mobile,
    e.docNumber ?? e.invoiceQboId,
    e.dueDate,
    e.daysOverdue,
    overdueBucketWords[e.bucket],
    e.balanceCents / 100,
    e.currency,
    e.lastCall ? callOutcomeText(e.lastCall.outcome) : null,
    e.lastCall ? dayOf(e.lastCall.calledAt) : null,
    e.lastCall?.promisedDate ?? null,
    e.lastCall?.followUpOn ?? null,
    e.lastCall?.note ?? null,
  ];
}

export const collectionsCsv = (entries: readonly CollectionEntry[]): string =>
  toCsv(collectionsCsvHeader, entries.map(collectionsCsvRow));

/** collections-2026-12-02.csv, or collections-<client>-2026-12-02.csv for one client's tab. */
export function collectionsCsvName(today: string, clientName?: string): string {
  const client = clientName
    ?.normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .replace(/\s+/g, '-')
    .slice(0, 60);
  return client ? `collections-${client}-${today}.csv` : `collections-${today}.csv`;
}
