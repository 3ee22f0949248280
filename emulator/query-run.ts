// Running a parsed query over one company's books and writing the envelope as recorded:
// maxResults = rows returned, no totalCount except COUNT(*), a page past the end is {"QueryResponse":{}},
// inactive name-list rows left out unless Active is filtered (qbo-api.md §3, fixtures query_*).
import { isList } from './entities.ts';
import type { Condition, Literal, Query } from './query.ts';
import { recJson, type Books, type Rec } from './store.ts';
import { envelopeTime, parseQboTime, type Json } from './wire.ts';

function fieldValue(data: Json, path: string): unknown {
  let v: unknown = data;
  for (const part of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    const obj = v as Json;
    // Field names are case-insensitive in queries (Metadata.LastUpdatedTime in Intuit's own example, DOC [D17]).
    v =
      part in obj
        ? obj[part]
        : obj[Object.keys(obj).find((k) => k.toLowerCase() === part.toLowerCase()) ?? ''];
  }
  if (v && typeof v === 'object' && !Array.isArray(v) && 'value' in (v as Json))
    return (v as Json).value;
  return v;
}

const isTimeField = (path: string): boolean => /time$/i.test(path);
const numericText = (s: string): boolean => /^-?\d+(\.\d+)?$/.test(s);

/** -1, 0, 1, or NaN when the two cannot be compared. */
function compare(value: unknown, lit: Literal, path: string): number {
  if (value === undefined || value === null) return NaN;
  if (typeof value === 'number') {
    const n = typeof lit === 'number' ? lit : Number(lit);
    return Number.isNaN(n) ? NaN : Math.sign(value - n);
  }
  if (typeof value === 'boolean') return String(value) === String(lit).toLowerCase() ? 0 : NaN;
  const text = String(value);
  const other = String(lit);
  if (isTimeField(path)) {
    const a = parseQboTime(text);
    const b = parseQboTime(other);
    return Number.isNaN(a) || Number.isNaN(b) ? NaN : Math.sign(a - b);
  }
  if (numericText(text) && numericText(other)) return Math.sign(Number(text) - Number(other));
  const a = text.toLowerCase();
  const b = other.toLowerCase();
  return a < b ? -1 : a > b ? 1 : 0;
}

function likeRegex(pattern: string): RegExp {
  const body = pattern
    .split('%')
    .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`, 'is');
}

function matcher(c: Condition): (data: Json) => boolean {
  switch (c.op) {
    case 'IN':
      return (d) => c.values.some((v) => compare(fieldValue(d, c.field), v, c.field) === 0);
    case 'LIKE': {
      const re = likeRegex(String(c.values[0]));
      return (d) => {
        const v = fieldValue(d, c.field);
        return v !== undefined && v !== null && re.test(String(v));
      };
    }
    default: {
      const lit = c.values[0] as Literal;
      const test = {
        '=': (r: number) => r === 0,
        '!=': (r: number) => r !== 0 && !Number.isNaN(r),
        '<': (r: number) => r < 0,
        '>': (r: number) => r > 0,
        '<=': (r: number) => r <= 0,
        '>=': (r: number) => r >= 0,
      }[c.op];
      return (d) => test(compare(fieldValue(d, c.field), lit, c.field));
    }
  }
}

/** `ORDERBY Id` (ascending), as a paged full load asks. */
const byIdAscending = (q: Query): boolean =>
  q.orderBy.length === 1 && q.orderBy[0]!.field.toLowerCase() === 'id' && !q.orderBy[0]!.desc;

/**
 * Whether these rows are already in numeric Id order (a table keeps its rows as they were created, and
 * QBO's Ids grow): then `ORDERBY Id` needs no sort. Sorting 160,000 bills for every page of a 16× full
 * load cost the emulator ~100 ms a page, which a real QBO does not charge.
 */
function inIdOrder(rows: readonly Rec[]): boolean {
  // Checked once per table length: the store only appends (sorting when an Id comes out of order) or
  // removes, either of which changes the length, and an edit never changes an Id.
  const known = idOrderChecked.get(rows);
  if (known?.length === rows.length) return known.ok;
  const ok = checkIdOrder(rows);
  idOrderChecked.set(rows, { length: rows.length, ok });
  return ok;
}
const idOrderChecked = new WeakMap<readonly Rec[], { length: number; ok: boolean }>();

function checkIdOrder(rows: readonly Rec[]): boolean {
  let last = Number.NEGATIVE_INFINITY;
  for (const r of rows) {
    const id = r.data.Id;
    if (typeof id !== 'string' || !/^\d+$/.test(id)) return false;
    const n = Number(id);
    if (n <= last) return false;
    last = n;
  }
  return true;
}

export function selectRows(books: Books, q: Query): Rec[] {
  const rows = books.table(q.entity).rows;
  const tests = q.where.map(matcher);
  const hideInactive = isList(q.entity) && !q.where.some((c) => c.field.toLowerCase() === 'active');
  let out: Rec[] =
    tests.length === 0 && !hideInactive
      ? rows
      : rows.filter(
          (r) => (!hideInactive || r.data.Active !== false) && tests.every((t) => t(r.data)),
        );
  if (q.orderBy.length && !(byIdAscending(q) && inIdOrder(out))) {
    const keys = q.orderBy;
    out = [...out].sort((a, b) => {
      for (const k of keys) {
        const av = fieldValue(a.data, k.field);
        const bv = fieldValue(b.data, k.field);
        let r =
          av === undefined
            ? bv === undefined
              ? 0
              : -1
            : bv === undefined
              ? 1
              : compare(av, bv as Literal, k.field);
        if (Number.isNaN(r)) r = 0;
        if (r !== 0) return k.desc ? -r : r;
      }
      return Number(a.data.Id) - Number(b.data.Id);
    });
  }
  return out;
}

export function queryResponse(books: Books, q: Query, nowMs: number): string {
  const rows = selectRows(books, q);
  const time = envelopeTime(nowMs);
  if (q.count) return `{"QueryResponse":{"totalCount":${rows.length}},"time":"${time}"}`;
  const page = rows.slice(q.start - 1, q.start - 1 + q.max);
  if (page.length === 0) return `{"QueryResponse":{},"time":"${time}"}`;
  let items = '';
  for (let i = 0; i < page.length; i++) items += (i ? ',' : '') + recJson(page[i] as Rec);
  return `{"QueryResponse":{"${q.entity}":[${items}],"startPosition":${q.start},"maxResults":${page.length}},"time":"${time}"}`;
}
