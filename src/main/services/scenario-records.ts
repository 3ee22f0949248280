// The open bills and invoices a scenario can change (issue 12 §4), named as the advisor knows them
// (vendor or customer, document number) and dated where the baseline forecast places them, for the
// window's scenario form. A read: no write transaction.
import { projectCash } from '../../core/forecast/projection.ts';
import type { ScenarioRecord, ScenarioRecords } from '../../core/forecast/scenario-view.ts';
import { CodedError } from '../../core/result.ts';
import type { Db } from '../db/open.ts';
import type { Scope } from '../db/scope.ts';
import { forecastParts } from './forecast.ts';
import { loadClientMoney, type OpenRecord } from './runway-inputs.ts';

export function scenarioRecords(db: Db, s: Scope, now: Date): ScenarioRecords {
  const money = loadClientMoney(db, s.advisorId, now, s.businessId).get(s.businessId);
  if (!money) throw new CodedError('NOT_FOUND', `No client ${s.businessId}.`);
  const parts = forecastParts(db, s, now, money);
  const placed = new Map(
    projectCash(parts.input)
      .placements.filter((p) => p.kind === 'bill' || p.kind === 'invoice')
      .map((p) => [`${p.kind}:${p.id}`, p.date]),
  );
  // Only what the forecast counts (a foreign amount without a rate is not in it, so no scenario moves it).
  const inForecast = (kind: 'bill' | 'invoice', r: OpenRecord) =>
    r.homeCents !== null
      ? [
          {
            qboId: r.qboId,
            docNumber: r.docNumber,
            name: r.counterpartyName,
            dueDate: r.dueDate,
            amountCents: r.homeCents,
            paidOn: placed.get(`${kind}:${r.qboId}`) ?? null,
          } satisfies ScenarioRecord,
        ]
      : [];
  const byDate = (a: ScenarioRecord, b: ScenarioRecord) =>
    (a.paidOn ?? '9999').localeCompare(b.paidOn ?? '9999') || a.qboId.localeCompare(b.qboId);
  return {
    businessId: s.businessId,
    homeCurrency: parts.homeCurrency,
    today: parts.input.today,
    bills: money.bills.flatMap((b) => inForecast('bill', b)).sort(byDate),
    invoices: money.invoices.flatMap((i) => inForecast('invoice', i)).sort(byDate),
  };
}
