// Digests for one client or every client: each built from that client's tray, console, daily forecast and
// call list (the services' outputs, not the mirror), the week's recorded work and the baseline digest.
// Saved as the baseline for a later digest's "what changed" only when asked (`save: true`): the CLI saves
// after the HTML/PDF files are written (saveDigests), never a digest nobody received.
//
// The baseline (week over week): the latest digest delivered on a local day at least 6 days before
// today's, so a weekly digest compares with last week's even when it was run again in between (or twice
// today); when none is that old, the latest delivered before today. A digest delivered today is never
// the baseline: a second run the same day shows the same comparison as the first.
import type { CallListEntry } from '../../../core/advisor-work.ts';
import { addDays, localDay } from '../../../core/dates.ts';
import {
  billsToDecide,
  buildDigest,
  weekDays,
  type Baseline,
  type BillImpact,
  type DigestModel,
  type Paper,
} from '../../../core/digest/model.ts';
import type { DateFormat } from '../../../core/settings.ts';
import { projectCash, type ForecastInput } from '../../../core/forecast/projection.ts';
import { applyScenario, scenarioName } from '../../../core/forecast/scenario.ts';
import { dayImpactOf } from '../../../core/forecast/view.ts';
import { CodedError } from '../../../core/result.ts';
import type { Db } from '../../db/open.ts';
import {
  baselineBefore,
  digestClients,
  saveDigest,
  weekWork,
} from '../../db/repositories/digests.ts';
import { listHygieneItems } from '../../db/repositories/hygiene-items.ts';
import { findScenario } from '../../db/repositories/scenarios.ts';
import type { Scope } from '../../db/scope.ts';
import { inTransaction, writeTransaction } from '../../db/transaction.ts';
import { callList } from '../collections.ts';
import { consoleView } from '../console.ts';
import { billImpacts, forecastParts } from '../forecast.ts';
import { loadClientMoney } from '../runway-inputs.ts';

export type DigestRequest = {
  businessId?: string;
  all?: boolean;
  save?: boolean;
  /**
   * A saved scenario's name: each client with one by that name shows it beside the baseline; for one
   * client (`businessId`) a missing scenario is an error, for all clients the others simply have none.
   */
  scenario?: string;
};

/** A baseline is at least this many local days older than today's digest, when one is. */
export const baselineMinDays = 6;

/** Midnight starting a local calendar day, as an ISO instant (created_at is written so). */
function startOfLocalDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d).toISOString();
}

export function baselineFor(db: Db, s: Scope, now: Date): Baseline | null {
  const today = localDay(now);
  return (
    baselineBefore(db, s, startOfLocalDay(addDays(today, -(baselineMinDays - 1)))) ??
    baselineBefore(db, s, startOfLocalDay(today)) ??
    null
  );
}

const asDay = dayImpactOf;

/** Runway in whole weeks for the digests table's runway_weeks column (null: never below zero). */
export const wholeWeeks = (runwayDays: number | null): number | null =>
  runwayDays === null ? null : Math.floor(runwayDays / 7);

/**
 * `paper`: the advisor's paper size when one is set (settings); without it each digest takes its client's
 * default (Letter for a US-dollar home currency, A4 otherwise). `dateFormat`: the advisor's (settings).
 */
export function buildDigests(
  db: Db,
  advisorId: string,
  now: Date,
  req: DigestRequest,
  { paper, dateFormat }: { paper?: Paper; dateFormat?: DateFormat } = {},
): DigestModel[] {
  if (Boolean(req.businessId) === Boolean(req.all))
    throw new CodedError(
      'INVALID_INPUT',
      'Give one client or all clients, not both and not neither.',
    );
  const clients = digestClients(db, advisorId);
  const wanted = req.all ? clients : clients.filter((c) => c.businessId === req.businessId);
  if (wanted.length === 0 && req.businessId)
    throw new CodedError('NOT_FOUND', `No client ${req.businessId}.`);
  const one = req.all ? undefined : req.businessId;
  const generatedAt = now.toISOString();
  const weekFrom = new Date(now.getTime() - weekDays * 86_400_000).toISOString();
  return inTransaction(db, () => {
    // Read for the batch at once (each spans every client), then split per client.
    const calls = new Map<string, CallListEntry[]>();
    for (const e of callList(db, advisorId, now, one).entries)
      calls.set(e.businessId, [...(calls.get(e.businessId) ?? []), e]);
    const work = weekWork(db, advisorId, weekFrom, generatedAt, one);
    const money = loadClientMoney(db, advisorId, now, one);
    return wanted.map((c) => {
      const s = { advisorId, businessId: c.businessId };
      const own = money.get(c.businessId);
      const view = consoleView(db, s, now, undefined, { dayImpacts: false, money: own });
      const parts = forecastParts(db, s, now, own);
      // Day-level impacts only for the few bills the digest lists (the console's are for every bill).
      const toDecide = billsToDecide(view);
      const impacts = new Map<string, BillImpact>();
      if (toDecide.length > 0)
        for (const [id, m] of billImpacts(
          parts,
          new Map(toDecide.map((b) => [b.qboId, b.delayTo])),
        ))
          impacts.set(id, { payNow: asDay(m.payNow), delay: asDay(m.delay) });
      const model = buildDigest({
        scenario: req.scenario ? scenarioBeside(db, s, parts.input, req) : null,
        console: view,
        forecast: projectCash(parts.input),
        impacts,
        // The open items as stored (the tray screen's fixes-on-the-way are not shown here).
        tray: listHygieneItems(db, s, ['open']),
        calls: calls.get(c.businessId) ?? [],
        week: {
          from: weekFrom,
          to: generatedAt,
          ...(work.get(c.businessId) ?? { decisions: [], calls: [], fixes: [] }),
        },
        baseline: baselineFor(db, s, now),
        books: { syncedAt: c.syncedAt, environment: c.environment },
        homeCurrency: c.homeCurrency,
        generatedAt,
        paper,
        dateFormat,
      });
      if (req.save === true) save(db, advisorId, model);
      return model;
    });
  });
}

/** The named scenario's runway and lowest point for this client, or null when it has none by that name. */
function scenarioBeside(
  db: Db,
  s: Scope,
  input: ForecastInput,
  req: DigestRequest,
): DigestModel['scenario'] {
  const row = findScenario(db, s, scenarioName(req.scenario ?? ''));
  if (!row) {
    if (req.businessId)
      throw new CodedError(
        'NOT_FOUND',
        `No scenario "${scenarioName(req.scenario ?? '')}" for client ${s.businessId} (see rowcol scenario list).`,
      );
    return null;
  }
  const f = projectCash(applyScenario(input, row.changes).input);
  return { name: row.name, runwayDays: f.runwayDays, lowest: f.lowest };
}

function save(db: Db, advisorId: string, d: DigestModel): void {
  saveDigest(
    db,
    { advisorId, businessId: d.businessId },
    {
      createdAt: d.generatedAt,
      cashCents: d.cashCents,
      runwayWeeks: wholeWeeks(d.runwayDays),
      data: d,
    },
  );
}

/** Saves digests already delivered as the baseline later ones compare with, in one transaction. */
export function saveDigests(db: Db, advisorId: string, digests: readonly DigestModel[]): void {
  writeTransaction(db, () => {
    for (const d of digests) save(db, advisorId, d);
  });
}
