// The QBO query language (qbo-api.md §3, DOC [D5] and VERIFIED-WIRE behaviour):
//   SELECT * | COUNT(*) FROM Entity [WHERE a op v AND …] [ORDERBY f [ASC|DESC], …] [STARTPOSITION n] [MAXRESULTS n]
// operators = < > <= >= != IN LIKE ('%' only), keywords in any case, 'It\'s' escapes, no OR.
import { entityByName, type EntityName } from './entities.ts';
import { invalidQuery, parseError } from './errors.ts';

export type Literal = string | number | boolean;
export type Condition = {
  field: string;
  op: '=' | '!=' | '<' | '>' | '<=' | '>=' | 'IN' | 'LIKE';
  values: Literal[];
};
export type Query = {
  count: boolean;
  entity: EntityName;
  where: Condition[];
  orderBy: { field: string; desc: boolean }[];
  start: number;
  max: number;
};

type Token = { kind: 'word' | 'string' | 'number' | 'punct'; text: string; pos: number };

export const DEFAULT_PAGE = 100;
export const MAX_PAGE = 1000;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === "'") {
      let value = '';
      let j = i + 1;
      for (;;) {
        if (j >= text.length)
          throw parseError(
            `Lexical error at line 1, column ${i + 1}.  Encountered: <EOF> after : "${text.slice(i)}"`,
          );
        const d = text[j] as string;
        if (d === '\\' && j + 1 < text.length) {
          value += text[j + 1];
          j += 2;
          continue;
        }
        if (d === "'") break;
        value += d;
        j++;
      }
      tokens.push({ kind: 'string', text: value, pos: i });
      i = j + 1;
      continue;
    }
    const two = text.slice(i, i + 2);
    if (two === '<=' || two === '>=' || two === '!=' || two === '<>') {
      tokens.push({ kind: 'punct', text: two === '<>' ? '!=' : two, pos: i });
      i += 2;
      continue;
    }
    if ('=<>(),*'.includes(c)) {
      tokens.push({ kind: 'punct', text: c, pos: i });
      i++;
      continue;
    }
    const m = /^(-?\d+(\.\d+)?)/.exec(text.slice(i));
    if (m && (c === '-' || /\d/.test(c))) {
      tokens.push({ kind: 'number', text: m[1] as string, pos: i });
      i += (m[1] as string).length;
      continue;
    }
    const w = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(text.slice(i));
    if (!w) throw parseError(`Lexical error at line 1, column ${i + 1}.  Encountered: "${c}"`);
    tokens.push({ kind: 'word', text: w[0], pos: i });
    i += w[0].length;
  }
  return tokens;
}

export function parseQuery(text: string): Query {
  const tokens = tokenize(text);
  let p = 0;
  const peek = (): Token | undefined => tokens[p];
  const encountered = (t: Token | undefined): never => {
    throw parseError(
      t
        ? `Encountered " ${t.kind === 'string' ? `'${t.text}'` : t.text} " at line 1, column ${t.pos + 1}.`
        : 'Encountered "<EOF>" at end of query.',
    );
  };
  const isWord = (t: Token | undefined, w: string): boolean =>
    t?.kind === 'word' && t.text.toUpperCase() === w;
  const expectWord = (w: string): void => {
    if (!isWord(peek(), w)) encountered(peek());
    p++;
  };
  const expectPunct = (s: string): void => {
    const t = peek();
    if (t?.kind !== 'punct' || t.text !== s) encountered(t);
    p++;
  };
  const literal = (): Literal => {
    const t = peek();
    if (!t) return encountered(t);
    p++;
    if (t.kind === 'string') return t.text;
    if (t.kind === 'number') return Number(t.text);
    if (t.kind === 'word' && /^(true|false)$/i.test(t.text)) return t.text.toLowerCase() === 'true';
    return encountered(t);
  };
  const positiveInt = (): number => {
    const t = peek();
    if (t?.kind !== 'number' || !/^\d+$/.test(t.text)) encountered(t);
    p++;
    return Number((t as Token).text);
  };

  expectWord('SELECT');
  let count = false;
  if (peek()?.text === '*') p++;
  else if (isWord(peek(), 'COUNT')) {
    p++;
    expectPunct('(');
    expectPunct('*');
    expectPunct(')');
    count = true;
  } else {
    // QBO always returns every property (no projections, DOC [D17]).
    const t = peek();
    if (t?.kind === 'word') throw invalidQuery(`projection is not supported: ${t.text}`);
    encountered(t);
  }
  expectWord('FROM');
  const entityToken = peek();
  if (entityToken?.kind !== 'word') return encountered(entityToken);
  p++;
  const entity = entityByName(entityToken.text);
  if (!entity) throw invalidQuery(`invalid context declaration: ${entityToken.text}`);

  const where: Condition[] = [];
  const orderBy: Query['orderBy'] = [];
  let start = 1;
  let max = DEFAULT_PAGE;
  if (isWord(peek(), 'WHERE')) {
    p++;
    for (;;) {
      const f = peek();
      if (f?.kind !== 'word') encountered(f);
      p++;
      const field = (f as Token).text;
      const opToken = peek();
      let condition: Condition;
      if (isWord(opToken, 'IN')) {
        p++;
        expectPunct('(');
        const values: Literal[] = [literal()];
        while (peek()?.text === ',') {
          p++;
          values.push(literal());
        }
        expectPunct(')');
        condition = { field, op: 'IN', values };
      } else if (isWord(opToken, 'LIKE')) {
        p++;
        const v = literal();
        if (typeof v !== 'string') throw invalidQuery(`LIKE needs a string: ${field}`);
        condition = { field, op: 'LIKE', values: [v] };
      } else if (
        opToken?.kind === 'punct' &&
        ['=', '!=', '<', '>', '<=', '>='].includes(opToken.text)
      ) {
        p++;
        condition = { field, op: opToken.text as Condition['op'], values: [literal()] };
      } else return encountered(opToken);
      where.push(condition);
      if (isWord(peek(), 'AND')) {
        p++;
        continue;
      }
      if (isWord(peek(), 'OR')) throw invalidQuery('OR operation is not supported');
      break;
    }
  }
  if (isWord(peek(), 'ORDERBY') || (isWord(peek(), 'ORDER') && isWord(tokens[p + 1], 'BY'))) {
    p += isWord(peek(), 'ORDER') ? 2 : 1;
    for (;;) {
      const f = peek();
      if (f?.kind !== 'word') encountered(f);
      p++;
      let desc = false;
      if (isWord(peek(), 'DESC')) {
        desc = true;
        p++;
      } else if (isWord(peek(), 'ASC')) p++;
      orderBy.push({ field: (f as Token).text, desc });
      if (peek()?.text === ',') {
        p++;
        continue;
      }
      break;
    }
  }
  for (let k = 0; k < 2; k++) {
    if (isWord(peek(), 'STARTPOSITION')) {
      p++;
      start = Math.max(1, positiveInt());
    } else if (isWord(peek(), 'MAXRESULTS')) {
      p++;
      // Above 1000 is clamped to QBO's maximum page (the real server's choice between clamp and error is UNVERIFIED, qbo-api.md §3).
      max = Math.min(MAX_PAGE, positiveInt());
    }
  }
  if (p < tokens.length) encountered(peek());
  return { count, entity, where, orderBy, start, max };
}
