// What the bulk re-date and the scenario channels return (the contract's console:preview-moves,
// decisions:record-moves, scenarios:*, forecast:compare), shared by the window and `rowcol … --json`.
import type { DecisionAction } from '../advisor-work.ts';
import type { BillMove } from './impact.ts';
import type { CashWalk, DayCash } from './projection.ts';
import type { Scenario, StaleChange } from './scenario.ts';

/** A forecast reduced to what a comparison shows and a chart draws. */
export type ForecastSummary = CashWalk & { projection: DayCash[] };

/** One bill of a bulk re-date: where it lands in the forecast now, and where the move puts it. */
export type MovedBill = {
  billId: string;
  amountCents: number;
  /** The day it is paid in the forecast now (its decision, else its due date; overdue → today). */
  fromDate: string;
  /** The day the move puts it on (pay now → today). */
  toDate: string;
};

/** The combined effect of moving bills, against the forecast as it is. */
export type MovesPreview = {
  businessId: string;
  homeCurrency: string;
  today: string;
  before: ForecastSummary;
  after: ForecastSummary;
  /** after.lowest - before.lowest (positive: the lowest point is higher). */
  lowestChangeCents: number;
  /** Days of runway gained (negative: lost); null when either runway is unbounded in the 91 days. */
  runwayChangeDays: number | null;
  moved: MovedBill[];
  /** Move ids that name no open bill in the client's forecast (left out of `after`). */
  unknownBillIds: string[];
};

/** decisions:record-moves: one decision per bill, all written in one transaction, and their effect. */
export type RecordedMoves = {
  recorded: {
    billId: string;
    decisionId: number;
    action: Extract<DecisionAction, 'pay_now' | 'delay'>;
    plannedDate: string | null;
  }[];
  /** Computed before writing: `before` is the forecast without these decisions, `after` with them. */
  impact: MovesPreview;
};

export type SavedScenario = Scenario & {
  savedAt: string;
  /** The client's home currency: the currency of every amount in the changes. */
  homeCurrency: string;
  /** Changes left out when the scenario is applied today, each with why. */
  noLongerApplies: StaleChange[];
};

export type ScenarioOutcome = {
  name: string;
  summary: ForecastSummary;
  /** Against the baseline: positive lowest/end change = more cash; runway null when either is unbounded. */
  vsBaseline: {
    lowestChangeCents: number;
    runwayChangeDays: number | null;
    endCashChangeCents: number;
  };
  noLongerApplies: StaleChange[];
};

export type ScenarioComparison = {
  businessId: string;
  homeCurrency: string;
  today: string;
  openingCashCents: number;
  baseline: ForecastSummary;
  scenarios: ScenarioOutcome[];
};

export type { BillMove, StaleChange };

/**
 * An open bill or invoice a scenario can change (scenarios:open-records), as the forecast places it now:
 * `paidOn` is the day it lands in the baseline (null: after the 13 weeks, or left out).
 */
export type ScenarioRecord = {
  qboId: string;
  docNumber: string | null;
  /** The vendor (a bill) or the customer (an invoice). */
  name: string | null;
  dueDate: string | null;
  /** Home currency (the forecast's). */
  amountCents: number;
  paidOn: string | null;
};

export type ScenarioRecords = {
  businessId: string;
  homeCurrency: string;
  today: string;
  bills: ScenarioRecord[];
  invoices: ScenarioRecord[];
};
