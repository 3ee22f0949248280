// Writing QBO JSON as the real server writes it (qbo-api.md §2 "Wire number formatting", VERIFIED-WIRE):
// amounts with two decimals (300.00), zero as 0, UnitPrice/Qty minimal, MetaData times with an offset and
// no milliseconds, the envelope "time" with milliseconds. JSON.stringify would write 300 for 300.00, so
// this module writes the text itself.

export type Json = { [key: string]: unknown };

/** Keys whose numbers are money on the wire (two decimals; zero is written 0). */
const AMOUNT_KEYS = new Set([
  'Amount',
  'TotalAmt',
  'Balance',
  'BalanceWithJobs',
  'CurrentBalance',
  'CurrentBalanceWithSubAccounts',
  'UnappliedAmt',
  'TotalTax',
  'HomeTotalAmt',
  'HomeBalance',
  'OpenBalance',
  'OpeningBalance',
  'TaxableAmount',
  'NetAmountTaxable',
  'TaxAmount',
  'OverrideDeltaAmount',
]);

// An amount too large to scale (1e308 * 100 is Infinity) is served as given, not turned into 0 or null:
// the sync must see what a data file or a client sent (it refuses such a record, core/mirror/columns.ts).
export const round2 = (n: number): number =>
  Number.isFinite(n * 100) ? Math.round(n * 100 + (n >= 0 ? 1e-7 : -1e-7)) / 100 : n;

export function amountText(n: number): string {
  const r = round2(n);
  return r === 0 ? '0' : r.toFixed(2);
}

export function toWire(value: unknown, key = ''): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) return 'null';
      return AMOUNT_KEYS.has(key) ? amountText(value) : String(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + toWire(value[i], key);
        return out + ']';
      }
      let out = '{';
      let first = true;
      for (const k in value as Json) {
        const v = (value as Json)[k];
        if (v === undefined) continue;
        out += (first ? '' : ',') + JSON.stringify(k) + ':' + toWire(v, k);
        first = false;
      }
      return out + '}';
    }
    default:
      return 'null';
  }
}

// --- times: QBO answers in US Pacific time (the recorded offsets are -07:00 / -08:00).
const dstCache = new Map<number, [number, number]>();
function dstWindow(year: number): [number, number] {
  let w = dstCache.get(year);
  if (!w) {
    // US DST: second Sunday of March 02:00 PST (10:00 UTC) to first Sunday of November 02:00 PDT (09:00 UTC).
    const mar1 = new Date(Date.UTC(year, 2, 1)).getUTCDay();
    const startDay = 1 + ((7 - mar1) % 7) + 7;
    const nov1 = new Date(Date.UTC(year, 10, 1)).getUTCDay();
    const endDay = 1 + ((7 - nov1) % 7);
    w = [Date.UTC(year, 2, startDay, 10), Date.UTC(year, 10, endDay, 9)];
    dstCache.set(year, w);
  }
  return w;
}

export function pacificOffsetMinutes(ms: number): number {
  const [start, end] = dstWindow(new Date(ms).getUTCFullYear());
  return ms >= start && ms < end ? -420 : -480;
}

function localIso(ms: number): [string, string] {
  const off = pacificOffsetMinutes(ms);
  const local = new Date(ms + off * 60_000).toISOString();
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off);
  const offText = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return [local, offText];
}

/** MetaData time: `2020-09-29T05:58:07-07:00`. */
export function metaTime(ms: number): string {
  // Many records share a second (a payment and everything it touches): keep the last one formatted.
  const second = Math.floor(ms / 1000);
  if (second === lastMeta.second) return lastMeta.text;
  const [local, off] = localIso(ms);
  lastMeta = { second, text: local.slice(0, 19) + off };
  return lastMeta.text;
}
let lastMeta = { second: NaN, text: '' };

/** Envelope time: `2020-09-29T05:58:07.300-07:00`. */
export function envelopeTime(ms: number): string {
  const [local, off] = localIso(ms);
  return local.slice(0, 23) + off;
}

/** The Pacific calendar date of an instant, YYYY-MM-DD (what QBO calls "today"). */
export function pacificDate(ms: number): string {
  return localIso(ms)[0].slice(0, 10);
}

export const dayMs = 86_400_000;
export const dateToMs = (date: string): number => Date.parse(`${date}T00:00:00Z`);
export const msToDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
export const addDays = (date: string, days: number): string =>
  msToDate(dateToMs(date) + days * dayMs);
export const daysBetween = (from: string, to: string): number =>
  Math.round((dateToMs(to) - dateToMs(from)) / dayMs);

/** Parse an ISO date-time (or date) as QBO accepts in queries and CDC; NaN when it is not one. */
export function parseQboTime(text: string): number {
  const t = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) return Date.parse(`${t}T00:00:00-08:00`);
  // QBO's own docs write offsets without a colon (-0700); Date.parse wants -07:00.
  const fixed = t.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(fixed)) return NaN;
  return Date.parse(fixed);
}
