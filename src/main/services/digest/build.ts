// Digests for one client or every client: each built from that client's tray, console and call list
// (the services' outputs, not the mirror). Saved as the baseline for the next digest's "what changed" only
// when asked (`save: true`): the CLI saves after the HTML/PDF files are written (saveDigests), never a
// digest nobody received.
import type { CallListEntry } from '../../../core/advisor-work.ts';
import { buildDigest, type DigestModel } from '../../../core/digest/model.ts';
import { CodedError } from '../../../core/result.ts';
import type { Db } from '../../db/open.ts';
import { clientCurrencies } from '../../db/repositories/clients.ts';
import { lastDigest, saveDigest } from '../../db/repositories/digests.ts';
import { inTransaction, writeTransaction } from '../../db/transaction.ts';
import { callList } from '../collections.ts';
import { consoleView } from '../console.ts';
import { trayItems } from '../tray/tray.ts';

export type DigestRequest = { businessId?: string; all?: boolean; save?: boolean };

export function buildDigests(
  db: Db,
  advisorId: string,
  now: Date,
  req: DigestRequest,
): DigestModel[] {
  if (Boolean(req.businessId) === Boolean(req.all))
    throw new CodedError(
      'INVALID_INPUT',
      'Give one client or all clients, not both and not neither.',
    );
  const clients = clientCurrencies(db, advisorId);
  const wanted = req.all ? clients : clients.filter((c) => c.businessId === req.businessId);
  if (wanted.length === 0 && req.businessId)
    throw new CodedError('NOT_FOUND', `No client ${req.businessId}.`);
  // One call list for the batch (it spans every client), split per client.
  const calls = new Map<string, CallListEntry[]>();
  for (const e of callList(db, advisorId, now, req.all ? undefined : req.businessId).entries)
    calls.set(e.businessId, [...(calls.get(e.businessId) ?? []), e]);
  const generatedAt = now.toISOString();
  return inTransaction(db, () =>
    wanted.map((c) => {
      const s = { advisorId, businessId: c.businessId };
      const previous = lastDigest(db, s);
      const model = buildDigest({
        console: consoleView(db, s, now, undefined, { dayImpacts: false }),
        tray: trayItems(db, s, ['open']),
        calls: calls.get(c.businessId) ?? [],
        previous: previous
          ? {
              createdAt: previous.createdAt,
              cashCents: previous.cashCents,
              runwayWeeks: previous.runwayWeeks,
            }
          : null,
        homeCurrency: c.homeCurrency,
        generatedAt,
      });
      if (req.save === true)
        saveDigest(db, s, {
          createdAt: generatedAt,
          cashCents: model.cashCents,
          runwayWeeks: model.runwayWeeks,
          data: model,
        });
      return model;
    }),
  );
}

/** Saves digests already delivered as the baseline the next ones compare with, in one transaction. */
export function saveDigests(db: Db, advisorId: string, digests: readonly DigestModel[]): void {
  writeTransaction(db, () => {
    for (const d of digests)
      saveDigest(
        db,
        { advisorId, businessId: d.businessId },
        { createdAt: d.generatedAt, cashCents: d.cashCents, runwayWeeks: d.runwayWeeks, data: d },
      );
  });
}
