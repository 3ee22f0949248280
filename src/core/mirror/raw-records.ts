// The records of a QBO query answer as the text QBO sent, so the sync stores each record's own JSON
// instead of parsing the page and writing every record out again (issue 14 §1). One pass over the answer
// finds the array `QueryResponse.<entity>` and the text of each of its elements; what is left (the
// envelope: `time`, `startPosition`, a `Fault`) is parsed on its own. Any surprise in the text (it is
// not the shape QBO sends) answers null, and the caller parses the answer whole as before.

export type SplitAnswer = {
  /** The answer without the records (the array left empty), for its `time` and any `Fault`. */
  envelope: string;
  /** Each record's JSON text, in order; empty when the answer holds no such array. */
  records: string[];
};

const quote = 34; // "
const backslash = 92;
const comma = 44;
const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;

/** Index just past the string that starts at `i` (a quote), or -1 when it never ends. */
function skipString(text: string, i: number): number {
  for (let j = i + 1; j < text.length;) {
    const next = text.indexOf('"', j);
    if (next < 0) return -1;
    // A quote preceded by an odd number of backslashes is escaped.
    let slashes = 0;
    for (let k = next - 1; k > i && text.charCodeAt(k) === backslash; k--) slashes++;
    if (slashes % 2 === 0) return next + 1;
    j = next + 1;
  }
  return -1;
}

/**
 * Splits `{"QueryResponse":{"<key>":[…],…},…}` into the envelope and the array's element texts; null
 * when the text is not of that shape (the caller then parses it whole).
 */
export function splitQueryAnswer(text: string, key: string): SplitAnswer | null {
  const marker = `"${key}"`;
  let depth = 0;
  let inQueryResponse = false;
  for (let i = 0; i < text.length;) {
    const c = text.charCodeAt(i);
    if (c === quote) {
      const end = skipString(text, i);
      if (end < 0) return null;
      // A key at depth 1 named QueryResponse, or the entity's key at depth 2 inside it.
      if (depth === 1) inQueryResponse = text.startsWith('"QueryResponse"', i) && end - i === 15;
      if (
        depth === 2 &&
        inQueryResponse &&
        end - i === marker.length &&
        text.startsWith(marker, i)
      ) {
        let j = end;
        while (isSpace(text.charCodeAt(j))) j++;
        if (text.charCodeAt(j) !== 58 /* : */) return null;
        j++;
        while (isSpace(text.charCodeAt(j))) j++;
        if (text.charCodeAt(j) !== 91 /* [ */) return null;
        const elements = splitArray(text, j);
        if (!elements) return null;
        const envelope = `${text.slice(0, j)}[]${text.slice(elements.end)}`;
        return { envelope, records: elements.records };
      }
      i = end;
      continue;
    }
    if (c === 123 || c === 91) depth++;
    else if (c === 125 || c === 93) depth--;
    i++;
  }
  return depth === 0 ? { envelope: text, records: [] } : null;
}

/** The element texts of the array opening at `open`, and the index just past its `]`. */
function splitArray(text: string, open: number): { records: string[]; end: number } | null {
  const records: string[] = [];
  let depth = 0;
  let start = open + 1;
  for (let i = open + 1; i < text.length;) {
    const c = text.charCodeAt(i);
    if (c === quote) {
      const end = skipString(text, i);
      if (end < 0) return null;
      i = end;
      continue;
    }
    if (c === 123 || c === 91) depth++;
    else if (c === 125 || c === 93) {
      if (depth === 0) {
        // The array's own `]` (a `}` here would be text that is not JSON).
        if (c !== 93) return null;
        const last = text.slice(start, i).trim();
        if (last) records.push(last);
        else if (records.length) return null; // a trailing comma
        return { records, end: i + 1 };
      }
      depth--;
    } else if (c === comma && depth === 0) {
      const element = text.slice(start, i).trim();
      if (!element) return null;
      records.push(element);
      start = i + 1;
    }
    i++;
  }
  return null;
}
