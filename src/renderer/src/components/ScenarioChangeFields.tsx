// One change of a scenario in the form: its fields (each labelled, with its one-line problem under it)
// and its Remove button; `Field` is the labelled control both this and the form's name use.
import { useId, type ReactNode } from 'react';
import type { ScenarioRecords } from '../../../core/forecast/scenario-view.ts';
import { money, shortDate } from '../format.ts';
import type { DraftChange, DraftKind, DraftProblems } from '../scenario-draft.ts';
import { recordName } from '../scenario-words.ts';

export const kindWords: Record<DraftKind, string> = {
  'delay-bill': 'Delay a bill',
  'invoice-paid': 'An invoice paid on a date',
  'one-off': 'A one-off amount',
  recurring: 'A recurring amount',
};

/** A labelled control with its one-line problem. */
export function Field({
  label,
  problem,
  children,
  wide,
}: {
  label: string;
  problem: string | undefined;
  children: (ids: { id: string; problemId: string | undefined }) => ReactNode;
  wide?: boolean;
}) {
  const id = useId();
  const problemId = useId();
  return (
    <div className={`form-field${wide ? ' wide' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, problemId: problem ? problemId : undefined })}
      {problem && (
        <div id={problemId} className="field-problem">
          {problem}
        </div>
      )}
    </div>
  );
}

export const invalid = (problemId: string | undefined) => ({
  'aria-invalid': problemId !== undefined,
  'aria-describedby': problemId,
});

export function ChangeFields({
  change: c,
  index,
  records,
  currency,
  problems,
  onChange,
  onRemove,
}: {
  change: DraftChange;
  index: number;
  records: ScenarioRecords | undefined;
  currency: string;
  problems: DraftProblems;
  onChange: (c: DraftChange) => void;
  onRemove: () => void;
}) {
  const p = (field: string) => problems[`${c.key}.${field}`];
  const set = (patch: Partial<DraftChange>) => onChange({ ...c, ...patch } as DraftChange);
  const options = (kind: 'bill' | 'invoice', chosen: string) => {
    const list = kind === 'bill' ? records?.bills : records?.invoices;
    const known = list?.some((r) => r.qboId === chosen);
    return (
      <>
        <option value="">
          {list === undefined
            ? 'Loading…'
            : list.length === 0
              ? `No open ${kind}s`
              : `Pick ${kind === 'bill' ? 'a bill' : 'an invoice'}…`}
        </option>
        {chosen !== '' && !known && (
          <option value={chosen}>{`${kind} ${chosen} (not open any more)`}</option>
        )}
        {list?.map((r) => (
          <option key={r.qboId} value={r.qboId}>
            {`${recordName(kind, r.qboId, r)} · ${money(r.amountCents, currency)} · ${
              r.paidOn
                ? `${kind === 'bill' ? 'paid' : 'expected'} ${shortDate(r.paidOn)}`
                : 'after 13 weeks'
            }`}
          </option>
        ))}
      </>
    );
  };
  const direction = (value: 'in' | 'out') => (
    <Field label="In or out" problem={undefined}>
      {({ id }) => (
        <select
          id={id}
          value={value}
          onChange={(e) => set({ direction: e.target.value as 'in' | 'out' })}
        >
          <option value="out">Money out</option>
          <option value="in">Money in</option>
        </select>
      )}
    </Field>
  );
  const amount = (value: string) => (
    <Field label={`Amount (${currency})`} problem={p('amount')}>
      {({ id, problemId }) => (
        <input
          id={id}
          inputMode="decimal"
          size={10}
          value={value}
          placeholder="1250.00"
          onChange={(e) => set({ amountText: e.target.value })}
          {...invalid(problemId)}
        />
      )}
    </Field>
  );
  const date = (label: string, field: string, value: string, key: string) => (
    <Field label={label} problem={p(field)}>
      {({ id, problemId }) => (
        <input
          id={id}
          type="date"
          value={value}
          onChange={(e) => set({ [key]: e.target.value } as Partial<DraftChange>)}
          {...invalid(problemId)}
        />
      )}
    </Field>
  );
  const label = (value: string) => (
    <Field label="What it is (optional)" problem={undefined} wide>
      {({ id }) => (
        <input
          id={id}
          value={value}
          maxLength={200}
          placeholder="New contract, van, loan…"
          onChange={(e) => set({ label: e.target.value })}
        />
      )}
    </Field>
  );
  return (
    <fieldset className="scenario-change" data-change={c.kind}>
      <legend>
        {index + 1}. {kindWords[c.kind]}
      </legend>
      <div className="change-fields">
        {c.kind === 'delay-bill' && (
          <>
            <Field label="Bill" problem={p('bill')} wide>
              {({ id, problemId }) => (
                <select
                  id={id}
                  value={c.billId}
                  onChange={(e) => set({ billId: e.target.value })}
                  {...invalid(problemId)}
                >
                  {options('bill', c.billId)}
                </select>
              )}
            </Field>
            <Field label="Move it" problem={undefined}>
              {({ id }) => (
                <select
                  id={id}
                  value={c.how}
                  onChange={(e) => set({ how: e.target.value as 'date' | 'days' })}
                >
                  <option value="days">by a number of days</option>
                  <option value="date">to a date</option>
                </select>
              )}
            </Field>
            {c.how === 'days' ? (
              <Field label="Days later" problem={p('days')}>
                {({ id, problemId }) => (
                  <input
                    id={id}
                    inputMode="numeric"
                    size={5}
                    value={c.daysText}
                    onChange={(e) => set({ daysText: e.target.value })}
                    {...invalid(problemId)}
                  />
                )}
              </Field>
            ) : (
              date('Pay it on', 'date', c.date, 'date')
            )}
          </>
        )}
        {c.kind === 'invoice-paid' && (
          <>
            <Field label="Invoice" problem={p('invoice')} wide>
              {({ id, problemId }) => (
                <select
                  id={id}
                  value={c.invoiceId}
                  onChange={(e) => set({ invoiceId: e.target.value })}
                  {...invalid(problemId)}
                >
                  {options('invoice', c.invoiceId)}
                </select>
              )}
            </Field>
            {date('Paid on', 'date', c.date, 'date')}
          </>
        )}
        {c.kind === 'one-off' && (
          <>
            {direction(c.direction)}
            {amount(c.amountText)}
            {date('On', 'date', c.date, 'date')}
            {label(c.label)}
          </>
        )}
        {c.kind === 'recurring' && (
          <>
            {direction(c.direction)}
            {amount(c.amountText)}
            <Field label="How often" problem={undefined}>
              {({ id }) => (
                <select
                  id={id}
                  value={c.cadence}
                  onChange={(e) => set({ cadence: e.target.value as typeof c.cadence })}
                >
                  <option value="weekly">Every week</option>
                  <option value="biweekly">Every 2 weeks</option>
                  <option value="monthly">Every month</option>
                </select>
              )}
            </Field>
            {date('From', 'from', c.from, 'from')}
            {date('Until (optional)', 'until', c.until, 'until')}
            {label(c.label)}
          </>
        )}
        <button
          type="button"
          className="remove-change"
          aria-label={`Remove change ${index + 1}`}
          onClick={onRemove}
        >
          Remove
        </button>
      </div>
    </fieldset>
  );
}
