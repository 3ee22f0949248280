// The records of a QBO query answer as the text QBO sent, so the sync stores each record's own JSON
// instead of parsing the page and writing every record out again (issue 14 §1). One pass over the
// answer's bytes finds the array `QueryResponse.<entity>` and each of its elements; what is left (the
// envelope: `time`, `startPosition`, a `Fault`) is parsed on its own. Working on the bytes, a page never
// becomes one large string: each record is decoded alone, a short string the collector frees young.
// (UTF-8 never puts a byte below 0x80 inside a multi-byte character, so the structural characters are
// found byte by byte.) Any surprise in the text answers null, and the caller parses the answer whole.

export type SplitAnswer = {
  /** The answer without the records (the array left empty), for its `time` and any `Fault`. */
  envelope: string;
  /** How many records the array holds. */
  count: number;
  /**
   * Each record's JSON text, in order (empty when the answer holds no such array), decoded when asked:
   * a page waiting its turn holds only its bytes (outside the JavaScript heap) and where its records are.
   */
  texts(): string[];
};

const quote = 34; // "
const backslash = 92;
const comma = 44;
const colon = 58;
const isSpace = (c: number | undefined) => c === 32 || c === 10 || c === 13 || c === 9;
const isOpen = (c: number) => c === 123 || c === 91; // { [
const isClose = (c: number) => c === 125 || c === 93; // } ]

const utf8 = new TextDecoder('utf-8', { fatal: false });
const decode = (bytes: Uint8Array, from: number, to: number) =>
  utf8.decode(bytes.subarray(from, to));
const encode = (s: string) => new TextEncoder().encode(s);

/** Index just past the string that starts at `i` (a quote), or -1 when it never ends. */
function skipString(bytes: Uint8Array, i: number): number {
  for (let j = i + 1; j < bytes.length;) {
    const next = bytes.indexOf(quote, j);
    if (next < 0) return -1;
    // A quote preceded by an odd number of backslashes is escaped.
    let slashes = 0;
    for (let k = next - 1; k > i && bytes[k] === backslash; k--) slashes++;
    if (slashes % 2 === 0) return next + 1;
    j = next + 1;
  }
  return -1;
}

const sameBytes = (bytes: Uint8Array, at: number, word: Uint8Array) => {
  for (let k = 0; k < word.length; k++) if (bytes[at + k] !== word[k]) return false;
  return true;
};
const queryResponseKey = encode('"QueryResponse"');

/**
 * Splits `{"QueryResponse":{"<key>":[…],…},…}` (as text or as its UTF-8 bytes) into the envelope and the
 * array's element texts; null when it is not of that shape (the caller then parses it whole).
 */
export function splitQueryAnswer(answer: string | Uint8Array, key: string): SplitAnswer | null {
  const bytes = typeof answer === 'string' ? encode(answer) : answer;
  const marker = encode(`"${key}"`);
  let depth = 0;
  let inQueryResponse = false;
  for (let i = 0; i < bytes.length;) {
    const c = bytes[i]!;
    if (c === quote) {
      const end = skipString(bytes, i);
      if (end < 0) return null;
      // A key at depth 1 named QueryResponse, or the entity's key at depth 2 inside it.
      if (depth === 1)
        inQueryResponse =
          end - i === queryResponseKey.length && sameBytes(bytes, i, queryResponseKey);
      if (
        depth === 2 &&
        inQueryResponse &&
        end - i === marker.length &&
        sameBytes(bytes, i, marker)
      ) {
        let j = end;
        while (isSpace(bytes[j])) j++;
        if (bytes[j] !== colon) return null;
        j++;
        while (isSpace(bytes[j])) j++;
        if (bytes[j] !== 91 /* [ */) return null;
        const elements = splitArray(bytes, j);
        if (!elements) return null;
        const envelope = `${decode(bytes, 0, j)}[]${decode(bytes, elements.end, bytes.length)}`;
        const bounds = elements.bounds;
        return {
          envelope,
          count: bounds.length / 2,
          texts: () =>
            Array.from({ length: bounds.length / 2 }, (_, k) =>
              decode(bytes, bounds[2 * k]!, bounds[2 * k + 1]!),
            ),
        };
      }
      i = end;
      continue;
    }
    if (isOpen(c)) depth++;
    else if (isClose(c)) depth--;
    i++;
  }
  return depth === 0
    ? { envelope: decode(bytes, 0, bytes.length), count: 0, texts: () => [] }
    : null;
}

/** Where each element of the array opening at `open` starts and ends, and the index just past its `]`. */
function splitArray(bytes: Uint8Array, open: number): { bounds: number[]; end: number } | null {
  const bounds: number[] = [];
  let depth = 0;
  let start = open + 1;
  /** Notes the element from `start` to `end`, without the spaces around it; false when it is empty. */
  const element = (end: number): boolean => {
    let s = start;
    let e = end;
    while (s < e && isSpace(bytes[s])) s++;
    while (e > s && isSpace(bytes[e - 1])) e--;
    if (s === e) return false;
    bounds.push(s, e);
    return true;
  };
  for (let i = open + 1; i < bytes.length;) {
    const c = bytes[i]!;
    if (c === quote) {
      const end = skipString(bytes, i);
      if (end < 0) return null;
      i = end;
      continue;
    }
    if (isOpen(c)) depth++;
    else if (isClose(c)) {
      if (depth === 0) {
        // The array's own `]` (a `}` here would be text that is not JSON).
        if (c !== 93) return null;
        // Empty only when the array is: `[]`, not `[x,]`.
        if (!element(i) && bounds.length) return null;
        return { bounds, end: i + 1 };
      }
      depth--;
    } else if (c === comma && depth === 0) {
      if (!element(i)) return null;
      start = i + 1;
    }
    i++;
  }
  return null;
}
