// The tray's search and filters, as pure functions over what tray:list and outbox:list gave: the screen
// narrows the list it has, so typing never waits for main.
import type { Severity } from '../../../../core/hygiene/codes.ts';
import type { OutboxFix } from '../../../../core/fixes.ts';
import type { TrayListItem } from '../../../../core/tray/tray-view.ts';
import { problemName } from '../../../../core/words.ts';

/** The statuses the advisor filters by: "fixed" is an item the data no longer shows. */
export type ShownStatus = 'open' | 'approved' | 'excluded' | 'fixed';
export const shownStatuses: readonly ShownStatus[] = ['open', 'approved', 'excluded', 'fixed'];
export const shownStatusWords: Record<ShownStatus, string> = {
  open: 'Open',
  approved: 'Approved',
  excluded: 'Excluded',
  fixed: 'Fixed',
};

export type TrayFilters = {
  query: string;
  severity: Severity | 'all';
  code: string | 'all';
  status: ShownStatus;
};

export const noFilters: TrayFilters = { query: '', severity: 'all', code: 'all', status: 'open' };

const unsettled = new Set(['pending', 'sending', 'conflict', 'failed']);

/** The fixes of each record, keyed `Entity:qboId`, newest last. */
export function fixesByRecord(fixes: readonly OutboxFix[]): Map<string, OutboxFix[]> {
  const m = new Map<string, OutboxFix[]>();
  for (const f of fixes)
    m.set(`${f.entity}:${f.qboId}`, [...(m.get(`${f.entity}:${f.qboId}`) ?? []), f]);
  return m;
}

/** The fixes recorded on an item's records since the tray found it (its own fixes, not older ones). */
export function fixesOf(item: TrayListItem, byRecord: Map<string, OutboxFix[]>): OutboxFix[] {
  if (!item.entity) return [];
  return item.qboIds
    .flatMap((id) => byRecord.get(`${item.entity}:${id}`) ?? [])
    .filter((f) => f.createdAt >= item.firstSeenAt && f.state !== 'discarded')
    .sort((a, b) => a.id - b.id);
}

/**
 * Where an item shows. One the data no longer shows because a fix recorded here is still on its way (or
 * stuck: failed, in conflict) stays open until QuickBooks has it: the advisor may still have to act.
 */
export function shownStatusOf(item: TrayListItem, fixes: readonly OutboxFix[]): ShownStatus {
  if (item.status !== 'resolved') return item.status;
  return fixes.some((f) => unsettled.has(f.state)) ? 'open' : 'fixed';
}

/** The words a search looks in: the title, the problem, the record and who it is with. */
const haystack = (i: TrayListItem): string =>
  [
    i.title,
    i.detail,
    problemName(i.code),
    i.entity,
    ...i.qboIds,
    i.docNumber,
    i.docNumber ? `#${i.docNumber}` : null,
    i.counterparty,
    i.lastNote,
  ]
    .filter(Boolean)
    .join(' ')
    .toLowerCase();

export function matches(
  item: TrayListItem,
  shown: ShownStatus,
  f: TrayFilters,
  ignoreStatus = false,
): boolean {
  if (!ignoreStatus && shown !== f.status) return false;
  if (f.severity !== 'all' && item.severity !== f.severity) return false;
  if (f.code !== 'all' && item.code !== f.code) return false;
  const words = f.query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const text = haystack(item);
  return words.every((w) => text.includes(w));
}
