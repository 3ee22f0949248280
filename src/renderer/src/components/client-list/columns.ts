// The client list's columns: header, tooltip, how each sorts (a client without numbers always last, in
// either direction) and which step aside in a narrow window; the filters by search, health and tag.
import {
  createSortedRowModel,
  rowSortingFeature,
  tableFeatures,
  type ColumnDef,
} from '@tanstack/react-table';
import type { ClientOverview } from '../../../../core/advisor-work.ts';
import { confidenceWords } from '../../../../core/digest/confidence.ts';
import { horizonDays } from '../../../../core/forecast/projection.ts';
import type { HealthFilter, SortKey } from '../../stores/clients.ts';

export const features = tableFeatures({
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
});
type Column = ColumnDef<typeof features, ClientOverview>;

export const byName = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
const healthRank = { red: 0, amber: 1, green: 2 } as const;
const levelRank = { High: 0, Medium: 1, Low: 2 } as const;

/** Each column: its header, how it sorts (a client without figures always last), and its cell. */
export type ColumnSpec = {
  key: SortKey;
  header: string;
  title?: string;
  numeric?: boolean;
  /** Most urgent first when first clicked (largest amounts, most items). */
  descFirst?: boolean;
  /** Left out below 1,100 px (the client view's header shows it): the rest keep readable widths. */
  optional?: boolean;
  value: (c: ClientOverview) => number | string | undefined;
};

export const columnSpecs: ColumnSpec[] = [
  {
    key: 'name',
    header: 'Client',
    value: (c) => c.displayName,
  },
  {
    key: 'cash',
    header: 'Cash',
    numeric: true,
    value: (c) => c.figures?.cashCents,
  },
  {
    key: 'runway',
    header: 'Runway',
    title: `Days until cash first goes below zero (${horizonDays}+: not within the forecast)`,
    numeric: true,
    value: (c) => (c.figures ? (c.figures.runwayDays ?? horizonDays) : undefined),
  },
  {
    key: 'lowest',
    header: 'Lowest point',
    title: 'The lowest cash of the next 13 weeks, and its day',
    numeric: true,
    value: (c) => c.figures?.lowest.cashCents,
  },
  {
    key: 'confidence',
    header: 'Confidence',
    title: 'How much of the forecast rests on guesses: High, Medium or Low',
    value: (c) => {
      if (!c.figures) return undefined;
      const w = confidenceWords(c.figures.confidence);
      return levelRank[w.level] * 10 + w.guessShare;
    },
  },
  {
    key: 'items',
    header: 'Open items',
    title: 'Open tray items: high, medium, low',
    descFirst: true,
    value: (c) => c.openItems.high * 1e6 + c.openItems.medium * 1e3 + c.openItems.low,
  },
  {
    key: 'due',
    header: 'Due 7 days',
    title: 'Bills due in the next 7 days',
    numeric: true,
    descFirst: true,
    optional: true,
    value: (c) => c.figures?.billsDueThisWeek.cents,
  },
  {
    key: 'overdue',
    header: 'Overdue AR',
    title: 'Invoices past their due date (receivables)',
    numeric: true,
    descFirst: true,
    optional: true,
    value: (c) => c.figures?.overdueReceivables.cents,
  },
  {
    key: 'synced',
    header: 'Last sync',
    title: 'When the numbers were synced, or what the connection needs',
    descFirst: true,
    value: (c) => (c.lastSyncAt ? Date.parse(c.lastSyncAt) : undefined),
  },
];

const compare = (a: unknown, b: unknown): number =>
  typeof a === 'string' && typeof b === 'string'
    ? byName.compare(a, b)
    : (a as number) - (b as number);

export const columns: Column[] = [
  {
    id: 'health',
    accessorFn: (c) => (c.figures ? healthRank[c.health] : undefined),
    sortUndefined: 'last',
    // Health, then the shortest runway first: the client to call first is on top.
    sortFn: (a, b) =>
      compare(a.getValue('health'), b.getValue('health')) ||
      compare(
        a.original.figures?.runwayDays ?? horizonDays,
        b.original.figures?.runwayDays ?? horizonDays,
      ),
  },
  ...columnSpecs.map((s): Column => ({
    id: s.key,
    accessorFn: s.value,
    sortUndefined: 'last',
    sortDescFirst: Boolean(s.descFirst),
    sortFn: (a, b, id) => compare(a.getValue(id), b.getValue(id)),
  })),
];

export const healthFilters: { value: HealthFilter; label: string }[] = [
  { value: 'all', label: 'Any health' },
  { value: 'red', label: 'Needs attention' },
  { value: 'amber', label: 'Watch' },
  { value: 'green', label: 'Healthy' },
  { value: 'unsynced', label: 'Not synced yet' },
];

export function matches(
  c: ClientOverview,
  query: string,
  health: HealthFilter,
  tag: string,
): boolean {
  if (
    health === 'unsynced'
      ? c.figures !== null
      : health !== 'all' && (c.figures === null || c.health !== health)
  )
    return false;
  if (tag && !c.tags.some((t) => t.toLowerCase() === tag.toLowerCase())) return false;
  if (!query) return true;
  const q = query.toLowerCase();
  return (
    c.displayName.toLowerCase().includes(q) ||
    c.businessId.toLowerCase().includes(q) ||
    c.tags.some((t) => t.toLowerCase().includes(q))
  );
}
