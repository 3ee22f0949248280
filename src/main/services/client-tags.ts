// The advisor's tags on a client (clients:tag): checked by core/client-tags.ts, kept on the client row.
import { cleanTag, combineTags } from '../../core/client-tags.ts';
import { CodedError } from '../../core/result.ts';
import type { Db } from '../db/open.ts';
import { clientTags, setClientTags } from '../db/repositories/client-summaries.ts';
import type { Scope } from '../db/scope.ts';
import { writeTransaction } from '../db/transaction.ts';

function cleaned(texts: readonly string[]): string[] {
  return texts.map((t) => {
    const c = cleanTag(t);
    if ('problem' in c) throw new CodedError('INVALID_INPUT', c.problem);
    return c.tag;
  });
}

/** Adds and removes tags on one client; returns the client's tags. Nothing changes when one is refused. */
export function tagClient(
  db: Db,
  s: Scope,
  add: readonly string[] = [],
  remove: readonly string[] = [],
): string[] {
  const toAdd = cleaned(add);
  const toRemove = cleaned(remove);
  return writeTransaction(db, () => {
    const current = clientTags(db, s);
    if (!current) throw new CodedError('NOT_FOUND', `No client ${s.businessId}.`);
    const next = combineTags(current, toAdd, toRemove);
    if ('problem' in next) throw new CodedError('INVALID_INPUT', next.problem);
    setClientTags(db, s, next.tags);
    return next.tags;
  });
}
