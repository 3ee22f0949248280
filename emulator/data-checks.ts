// What a `--data` file may not hold because QBO never would: the loader refuses such a record with one
// line naming it, instead of serving books no real company has (issue 14 §3). The API's own validation
// (required fields, references, business rules in normalize.ts) runs after these checks; these cover
// what that validation lets through because it trusts records it generated itself: ids, dates and
// amounts given in the file.
import type { Json } from './wire.ts';

/** Fields that hold a calendar day on the wire (YYYY-MM-DD). */
const dayFields = new Set(['TxnDate', 'DueDate', 'ShipDate', 'ExpirationDate', 'AcceptedDate']);
/** Fields that hold a timestamp (ISO 8601 with a time). */
const timeFields = new Set(['CreateTime', 'LastUpdatedTime']);
/** Fields that hold an amount or a quantity: always a finite JSON number. */
const numberFields = new Set([
  'Amount',
  'TotalAmt',
  'Balance',
  'HomeBalance',
  'HomeTotalAmt',
  'OpeningBalance',
  'CurrentBalance',
  'UnitPrice',
  'Qty',
  'ExchangeRate',
  'TotalTax',
]);
/** Amounts QBO keeps zero or more on these documents (a credit is its own entity). */
const neverNegative = new Set(['TotalAmt', 'Balance', 'HomeBalance', 'HomeTotalAmt']);

const dayPattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const timePattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** A real calendar day (2026-02-30 is not one) within the years QBO accepts. */
export function isCalendarDay(s: string): boolean {
  const m = dayPattern.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const at = new Date(Date.UTC(y, mo - 1, d));
  return (
    y >= 1900 &&
    y <= 2099 &&
    at.getUTCFullYear() === y &&
    at.getUTCMonth() === mo - 1 &&
    at.getUTCDate() === d
  );
}

const shown = (v: unknown): string =>
  typeof v === 'string' ? `"${v}"` : typeof v === 'number' ? String(v) : String(JSON.stringify(v));

/** The first problem with one field's value, or null. `path` names it in the message. */
function valueProblem(field: string, value: unknown, path: string): string | null {
  if (dayFields.has(field)) {
    if (typeof value !== 'string' || !isCalendarDay(value))
      return `${path} is ${shown(value)}, not a calendar date written YYYY-MM-DD`;
  } else if (timeFields.has(field)) {
    if (
      typeof value !== 'string' ||
      !timePattern.test(value) ||
      !isCalendarDay(value.slice(0, 10)) ||
      Number.isNaN(Date.parse(value))
    )
      return `${path} is ${shown(value)}, not a date and time`;
  } else if (numberFields.has(field)) {
    // JSON cannot write NaN; 1e999 parses to Infinity, and "12.50" is a string QBO would refuse.
    if (typeof value !== 'number' || !Number.isFinite(value))
      return `${path} is ${shown(value)}, not a finite number`;
    if (neverNegative.has(field) && value < 0) return `${path} is ${value}, below zero`;
    if (field === 'ExchangeRate' && value <= 0) return `${path} is ${value}: a rate is above zero`;
  }
  return null;
}

/** Walks a record's fields (lines and nested details included) for the first bad value. */
function fieldsProblem(node: Json | Json[], path: string): string | null {
  if (Array.isArray(node)) {
    for (const [i, v] of node.entries()) {
      if (v && typeof v === 'object') {
        const p = fieldsProblem(v as Json, `${path}[${i}]`);
        if (p) return p;
      }
    }
    return null;
  }
  for (const [k, v] of Object.entries(node)) {
    const p = valueProblem(k, v, path ? `${path}.${k}` : k);
    if (p) return p;
    if (v && typeof v === 'object') {
      const inner = fieldsProblem(v as Json, path ? `${path}.${k}` : k);
      if (inner) return inner;
    }
  }
  return null;
}

/**
 * The problem with one record of the file, or null. `ids` are the Ids already taken in this company
 * for the record's entity (updated here): QBO never holds two records of one entity with one Id.
 */
export function dataRecordProblem(body: Json, ids: Set<string>): string | null {
  if (body.Id !== undefined) {
    if (
      (typeof body.Id !== 'string' && typeof body.Id !== 'number') ||
      !/^\d+$/.test(String(body.Id))
    )
      return `Id is ${shown(body.Id)}: QBO ids are whole numbers`;
    const id = String(body.Id);
    if (ids.has(id)) return `Id ${id} is used twice`;
    ids.add(id);
  }
  const problem = fieldsProblem(body, '');
  if (problem) return problem;
  const { TotalAmt: total, Balance: balance } = body;
  if (typeof total === 'number' && typeof balance === 'number' && balance > total)
    return `Balance ${balance} is more than TotalAmt ${total}: more cannot be owed than was billed`;
  return null;
}
