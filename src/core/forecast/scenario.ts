// Scenarios (issue 12 §4): named what-ifs of one client, each a list of changes applied to the forecast's
// input (then projectCash as usual), so a scenario is exactly "the forecast if these things happened".
import type { Direction } from './recurring.ts';

/** The cadences a scenario's recurring amount may take (every 2 weeks = biweekly). */
export const scenarioCadences = ['weekly', 'biweekly', 'monthly'] as const;
export type ScenarioCadence = (typeof scenarioCadences)[number];

export type ScenarioChange =
  /** Pay this bill on this date instead. */
  | { kind: 'delay-bill'; billId: string; date: string }
  /** Pay this bill N days after the day it lands in the forecast now (overdue: after today). */
  | { kind: 'delay-bill-by'; billId: string; days: number }
  /** This invoice is paid on this date (instead of the customer's habit or its due date). */
  | { kind: 'invoice-paid'; invoiceId: string; date: string }
  /** A one-off amount on a date: positive cents come in, negative go out. */
  | { kind: 'one-off'; amountCents: number; date: string; label?: string }
  /** An amount every week / 2 weeks / month from a date (the first occurrence), until a date if given. */
  | {
      kind: 'recurring';
      amountCents: number;
      cadence: ScenarioCadence;
      from: string;
      until?: string;
      label?: string;
    };

export type Scenario = { name: string; changes: ScenarioChange[] };

export const scenarioNameMax = 60;
export const scenarioChangesMax = 100;

export type { Direction };
