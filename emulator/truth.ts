// What the generator planted that the books alone do not say: which habit each customer was given and
// which counterparties' money recurs. The planted manifest (planted.ts) reads it and computes the figures
// (amounts, median days) from the current books, so detection in the product is scored against a known truth.
export type Habit = 'early' | 'on_time' | 'late' | 'erratic';
export type Cadence = 'monthly' | 'biweekly';
export type RecurringKind =
  'rent' | 'insurance' | 'software' | 'payroll' | 'subscription' | 'loan' | 'customer';

/** A counterparty whose records (`entity`) recur: bills or purchases out, customer payments in. */
export type RecurringTruth = {
  counterpartyId: string;
  kind: RecurringKind;
  direction: 'in' | 'out';
  cadence: Cadence;
  entity: 'Bill' | 'Purchase' | 'Payment';
};

export type PlantedTruth = { recurring: RecurringTruth[]; habits: Map<string, Habit> };

export const emptyTruth = (): PlantedTruth => ({ recurring: [], habits: new Map() });
