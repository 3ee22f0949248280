// The advisor's choices about recurring money (migration 012), one per item key.
import type { RecurringChoice } from '../../../core/forecast/recurring.ts';
import type { Db } from '../open.ts';
import type { Scope } from '../scope.ts';
import { stmt } from '../statements.ts';

export function recurringChoices(db: Db, s: Scope): RecurringChoice[] {
  const rows = stmt(
    db,
    `SELECT item_key AS key, choice, amount_cents AS amountCents FROM recurring_choices WHERE advisor_id = ? AND business_id = ? ORDER BY chosen_at`,
  ).all(s.advisorId, s.businessId) as {
    key: string;
    choice: RecurringChoice['choice'];
    amountCents: number | null;
  }[];
  return rows.map((r) =>
    r.choice === 'amount'
      ? { key: r.key, choice: 'amount', amountCents: r.amountCents ?? 0 }
      : { key: r.key, choice: r.choice },
  );
}

export function saveRecurringChoice(db: Db, s: Scope, c: RecurringChoice, now: string): void {
  stmt(
    db,
    `INSERT INTO recurring_choices (advisor_id, business_id, item_key, choice, amount_cents, chosen_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (advisor_id, business_id, item_key) DO UPDATE SET choice = excluded.choice, amount_cents = excluded.amount_cents, chosen_at = excluded.chosen_at`,
  ).run(
    s.advisorId,
    s.businessId,
    c.key,
    c.choice,
    c.choice === 'amount' ? c.amountCents : null,
    now,
  );
}
