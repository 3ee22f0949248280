// Scenarios (issue 12 §4): the advisor's named what-ifs per client, saved, applied to today's forecast,
// compared side by side with the baseline. The rules are pure (core/forecast/scenario.ts); this file
// reads the forecast's parts once per call and keeps the scenarios (db/repositories/scenarios.ts).
// Every read here is a read: listing, comparing and forecasting with a scenario open no write transaction.
import {
  applyScenario,
  scenarioName,
  scenarioProblems,
  type Scenario,
} from '../../core/forecast/scenario.ts';
import { summaryOf } from '../../core/forecast/scenario-moves.ts';
import type {
  ForecastSummary,
  SavedScenario,
  ScenarioComparison,
} from '../../core/forecast/scenario-view.ts';
import { projectCash } from '../../core/forecast/projection.ts';
import { CodedError } from '../../core/result.ts';
import type { Db } from '../db/open.ts';
import {
  deleteScenario as deleteScenarioRow,
  findScenario,
  listScenarios,
  saveScenario as saveScenarioRow,
  type ScenarioRow,
} from '../db/repositories/scenarios.ts';
import type { Scope } from '../db/scope.ts';
import { customerNames } from '../db/repositories/forecast-history.ts';
import {
  forecastParts,
  forecastView,
  type ClientForecast,
  type ForecastParts,
} from './forecast.ts';

const saved = (parts: ForecastParts, row: ScenarioRow): SavedScenario => ({
  ...row,
  homeCurrency: parts.homeCurrency,
  noLongerApplies: applyScenario(parts.input, row.changes).noLongerApplies,
});

function scenarioNamed(db: Db, s: Scope, name: string): ScenarioRow {
  const row = findScenario(db, s, scenarioName(name));
  if (!row)
    throw new CodedError(
      'NOT_FOUND',
      `No scenario "${scenarioName(name)}" for client ${s.businessId} (see rowcol scenario list).`,
    );
  return row;
}

export function scenarioList(db: Db, s: Scope, now: Date): SavedScenario[] {
  const parts = forecastParts(db, s, now);
  return listScenarios(db, s).map((row) => saved(parts, row));
}

/**
 * Creates or replaces the scenario of that name. Refuses (nothing saved) a scenario with a problem
 * (scenarioProblems) or naming a bill or invoice that is not open in the client's forecast now: a typo
 * would otherwise be kept as a change that never applies.
 */
export function saveScenario(db: Db, s: Scope, scenario: Scenario, now: Date): SavedScenario {
  const parts = forecastParts(db, s, now);
  const clean: Scenario = { name: scenarioName(scenario.name), changes: scenario.changes };
  const problems = scenarioProblems(clean, parts.input.today, parts.homeCurrency);
  // The dates are scenarioProblems' to judge; here only the bills and invoices named.
  const notOpen = applyScenario(parts.input, clean.changes)
    .noLongerApplies.map(({ index, change: c }) =>
      c.kind === 'invoice-paid'
        ? `change ${index + 1}: invoice ${c.invoiceId} is not an open invoice of this client`
        : c.kind === 'delay-bill' || c.kind === 'delay-bill-by'
          ? `change ${index + 1}: bill ${c.billId} is not an open bill of this client`
          : null,
    )
    .filter((line): line is string => line !== null);
  const all = [...problems, ...notOpen];
  if (all.length > 0)
    throw new CodedError('INVALID_INPUT', `Scenario "${clean.name}" not saved: ${all.join('; ')}.`);
  saveScenarioRow(db, s, clean, now.toISOString());
  return saved(parts, findScenario(db, s, clean.name)!);
}

/** Deletes the scenario of that name; the ones left. */
export function deleteScenario(db: Db, s: Scope, name: string, now: Date): SavedScenario[] {
  const parts = forecastParts(db, s, now);
  if (!deleteScenarioRow(db, s, scenarioName(name)))
    throw new CodedError(
      'NOT_FOUND',
      `No scenario "${scenarioName(name)}" for client ${s.businessId} (see rowcol scenario list).`,
    );
  return listScenarios(db, s).map((row) => saved(parts, row));
}

/** The client's forecast with a saved scenario applied (its stale changes left out, and named). */
export function scenarioForecast(db: Db, s: Scope, now: Date, name: string): ClientForecast {
  const parts = forecastParts(db, s, now);
  const row = scenarioNamed(db, s, name);
  const applied = applyScenario(parts.input, row.changes);
  return {
    ...forecastView(parts, s.businessId, customerNames(db, s), applied.input),
    scenario: { name: row.name, noLongerApplies: applied.noLongerApplies },
  };
}

const endCash = (f: ForecastSummary): number => f.projection.at(-1)!.cashCents;

/** The baseline and the named scenarios (every saved one when none is named), side by side. */
export function compareScenarios(
  db: Db,
  s: Scope,
  now: Date,
  names?: readonly string[],
): ScenarioComparison {
  const parts = forecastParts(db, s, now);
  const rows = names?.length ? names.map((n) => scenarioNamed(db, s, n)) : listScenarios(db, s);
  const baseline = summaryOf(projectCash(parts.input));
  return {
    businessId: s.businessId,
    homeCurrency: parts.homeCurrency,
    today: parts.input.today,
    openingCashCents: parts.input.openingCashCents,
    baseline,
    scenarios: rows.map((row) => {
      const applied = applyScenario(parts.input, row.changes);
      const summary = summaryOf(projectCash(applied.input));
      return {
        name: row.name,
        summary,
        vsBaseline: {
          lowestChangeCents: summary.lowest.cashCents - baseline.lowest.cashCents,
          runwayChangeDays:
            summary.runwayDays === null || baseline.runwayDays === null
              ? null
              : summary.runwayDays - baseline.runwayDays,
          endCashChangeCents: endCash(summary) - endCash(baseline),
        },
        noLongerApplies: applied.noLongerApplies,
      };
    }),
  };
}
