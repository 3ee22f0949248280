// One write-back fix as a form (issue 11's fixes, from the tray): pick or type the new value, record it.
// Recording needs no connection: the fix is pending until the next sync sends it. The same form serves
// one item, or many at once for the kinds that allow it (fix-kinds.ts bulkFixKinds).
import { useState } from 'react';
import {
  fixKindWords,
  type TrayFixInput,
  type TrayFixKind,
} from '../../../../core/tray/fix-kinds.ts';
import type { FixChoices, ItemFixFacts, NamedChoice } from '../../../../core/tray/tray-view.ts';
import { longDate, money } from '../../format.ts';

type Props = {
  kind: TrayFixKind;
  /** The one item's record facts; undefined for a bulk fix or while they load. */
  facts?: ItemFixFacts;
  lists?: Omit<FixChoices, 'items'>;
  /** How many records a bulk fix changes (undefined: one item). */
  count?: number;
  busy: boolean;
  idPrefix: string;
  onSubmit: (input: TrayFixInput) => void;
};

function Pick({
  id,
  label,
  options,
  value,
  onChange,
}: {
  id: string;
  label: string;
  options: NamedChoice[];
  value: string;
  onChange: (v: string) => void;
}) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Choose…</option>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
    </>
  );
}

export function FixForm({ kind, facts, lists, count, busy, idPrefix, onSubmit }: Props) {
  const [value, setValue] = useState('');
  const [note, setNote] = useState(facts?.privateNote ?? '');
  const [deleteId, setDeleteId] = useState(facts?.bills[1]?.qboId ?? '');
  const [confirmed, setConfirmed] = useState(false);
  const id = (name: string) => `${idPrefix}-${name}`;
  const many = count !== undefined;
  const records = many ? (count === 1 ? '1 record' : `${count} records`) : 'this record';
  const submit = (input: TrayFixInput) => (e: React.FormEvent) => {
    e.preventDefault();
    onSubmit(input);
  };
  const record = (
    disabled: boolean,
    text = many ? `Fix ${records}` : 'Record the fix',
    danger = false,
  ) => (
    <button type="submit" className={danger ? 'danger' : 'primary'} disabled={busy || disabled}>
      {text}
    </button>
  );
  if (!lists && kind !== 'due-date' && kind !== 'note' && kind !== 'send')
    return (
      <p className="muted small" role="status">
        Loading what to choose from…
      </p>
    );

  switch (kind) {
    case 'category': {
      const lines = facts?.lines.filter((l) => l.uncategorized) ?? [];
      return (
        <form
          className="fix-form"
          onSubmit={submit({ kind, accountId: value })}
          aria-label={fixKindWords[kind]}
        >
          {!many && (
            <p className="small muted">
              {lines.length === 0
                ? 'No expense line of this record is uncategorized any more.'
                : lines
                    .map(
                      (l) =>
                        `Line ${l.line}${l.description ? ` (${l.description})` : ''}, ${money(l.amountCents)}, now in ${l.account}`,
                    )
                    .join('; ')}
            </p>
          )}
          <Pick
            id={id('account')}
            label={`Category for ${many ? `the uncategorized lines of ${records}` : 'the line'}`}
            options={lists!.accounts}
            value={value}
            onChange={setValue}
          />
          {record(!value || (!many && lines.length === 0))}
        </form>
      );
    }
    case 'payee':
    case 'vendor':
      return (
        <form
          className="fix-form"
          onSubmit={submit({ kind, vendorId: value })}
          aria-label={fixKindWords[kind]}
        >
          <Pick
            id={id('vendor')}
            label={kind === 'payee' ? `Payee of ${records}` : 'Vendor of this bill'}
            options={lists!.vendors}
            value={value}
            onChange={setValue}
          />
          {record(!value)}
        </form>
      );
    case 'customer':
      return (
        <form
          className="fix-form"
          onSubmit={submit({ kind, customerId: value })}
          aria-label={fixKindWords[kind]}
        >
          <Pick
            id={id('customer')}
            label="Customer of this invoice"
            options={lists!.customers}
            value={value}
            onChange={setValue}
          />
          {record(!value)}
        </form>
      );
    case 'due-date':
      return (
        <form
          className="fix-form"
          onSubmit={submit({ kind, dueDate: value })}
          aria-label={fixKindWords[kind]}
        >
          <label htmlFor={id('due')}>Due date of {records}</label>
          <input
            id={id('due')}
            type="date"
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
          {record(!value)}
        </form>
      );
    case 'send': {
      const to = facts?.sendTo;
      return (
        <form className="fix-form" onSubmit={submit({ kind })} aria-label={fixKindWords[kind]}>
          <p className="small">
            {many
              ? `QuickBooks e-mails each of the ${count} invoices to its customer.`
              : to
                ? `QuickBooks e-mails it to ${to}.`
                : 'This invoice has no e-mail address to send it to: add one in QuickBooks first.'}
          </p>
          {record(!many && !to, many ? `Send ${count} invoices` : 'Send the invoice')}
        </form>
      );
    }
    case 'apply-payment': {
      const invoices = facts?.openInvoices ?? [];
      return (
        <form
          className="fix-form"
          onSubmit={submit({ kind, invoiceId: value })}
          aria-label={fixKindWords[kind]}
        >
          {invoices.length === 0 ? (
            <p className="small muted">This customer has no open invoice to apply it to.</p>
          ) : (
            <Pick
              id={id('invoice')}
              label="Apply to the customer's invoice"
              options={invoices.map((i) => ({
                id: i.qboId,
                name: `Invoice ${i.docNumber ? `#${i.docNumber}` : i.qboId}: ${money(i.balanceCents)} open${i.dueDate ? `, due ${longDate(i.dueDate)}` : ''}`,
              }))}
              value={value}
              onChange={setValue}
            />
          )}
          {record(!value)}
        </form>
      );
    }
    case 'delete-duplicate': {
      const bills = facts?.bills ?? [];
      const gone = bills.find((b) => b.qboId === deleteId);
      const kept = bills.find((b) => b.qboId !== deleteId);
      const name = (b: (typeof bills)[number]) =>
        `bill ${b.docNumber ? `#${b.docNumber}` : b.qboId}${b.txnDate ? ` of ${longDate(b.txnDate)}` : ''}`;
      if (bills.length !== 2)
        return <p className="small muted">One of the two bills is no longer in the books.</p>;
      return (
        <form
          className="fix-form"
          onSubmit={submit({ kind, deleteId, keepId: kept!.qboId })}
          aria-label={fixKindWords[kind]}
        >
          <fieldset>
            <legend>Which bill is the duplicate?</legend>
            {bills.map((b) => (
              <label key={b.qboId} className="choice">
                <input
                  type="radio"
                  name={id('delete')}
                  checked={deleteId === b.qboId}
                  onChange={() => {
                    setDeleteId(b.qboId);
                    setConfirmed(false);
                  }}
                />
                Delete {name(b)} ({money(b.totalCents)})
              </label>
            ))}
          </fieldset>
          {gone && kept && (
            <label className="choice">
              <input
                type="checkbox"
                checked={confirmed}
                onChange={(e) => setConfirmed(e.target.checked)}
              />
              I checked: {name(gone)} duplicates {name(kept)}, which stays
            </label>
          )}
          {record(!gone || !confirmed, gone ? `Delete ${name(gone)}` : 'Delete', true)}
        </form>
      );
    }
    case 'note':
      return (
        <form
          className="fix-form fix-form-note"
          onSubmit={submit({ kind, note })}
          aria-label={fixKindWords[kind]}
        >
          <label htmlFor={id('note')}>
            Private note in QuickBooks{many ? ` on ${records}` : ''} (replaces what is there)
          </label>
          <textarea
            id={id('note')}
            rows={2}
            maxLength={4000}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
          {record(!note.trim())}
        </form>
      );
  }
}
