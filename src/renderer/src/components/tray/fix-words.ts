// A fix's fields in the advisor's words, for a conflict's two values side by side: "Due date: Dec 20,
// 2026", "Vendor: Hicks Hardware", "Category: Office Supplies". QBO's JSON never reaches the screen.
import type { Json } from '../../../../core/fixes.ts';
import { longDate } from '../../format.ts';

const fieldNames: Record<string, string> = {
  DueDate: 'Due date',
  VendorRef: 'Vendor',
  CustomerRef: 'Customer',
  EntityRef: 'Payee',
  PrivateNote: 'Private note',
  Line: 'Lines',
  EmailStatus: 'Sent',
};

/** Fields a fix carries only because QBO requires them beside a replaced Line: never what changed. */
const carried = new Set(['PaymentType', 'AccountRef']);

export const fieldName = (key: string): string => fieldNames[key] ?? key;

const refName = (v: unknown): string | null => {
  const r = v as { name?: string; value?: string } | null | undefined;
  return r ? (r.name ?? r.value ?? null) : null;
};

function lineWords(lines: unknown): string {
  if (!Array.isArray(lines)) return 'none';
  const words = (lines as Json[])
    .filter((l) => l.DetailType === 'AccountBasedExpenseLineDetail')
    .map((l, i) => {
      const account = refName((l.AccountBasedExpenseLineDetail as Json | undefined)?.AccountRef);
      return `line ${i + 1}: ${account ?? 'no category'}`;
    });
  const linked = (lines as Json[]).filter((l) => Array.isArray(l.LinkedTxn)).length;
  return (
    [...words, ...(linked ? [`applied to ${linked} invoice${linked === 1 ? '' : 's'}`] : [])].join(
      '; ',
    ) || 'none'
  );
}

export function valueWords(key: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return 'empty';
  if (key === 'DueDate' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v))
    return longDate(v);
  if (key.endsWith('Ref')) return refName(v) ?? 'none';
  if (key === 'Line') return lineWords(v);
  if (key === 'EmailStatus') return v === 'EmailSent' ? 'yes' : 'no';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The fields where mine and QuickBooks' differ, in words. */
export function conflictRows(
  mine: Json,
  theirs: Json | null,
): { field: string; mine: string; theirs: string }[] {
  return Object.keys(mine)
    .filter((k) => !carried.has(k) && !same(mine[k], theirs?.[k]))
    .map((k) => ({
      field: fieldName(k),
      mine: valueWords(k, mine[k]),
      theirs: valueWords(k, theirs?.[k]),
    }));
}
