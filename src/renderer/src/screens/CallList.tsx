import { useState } from 'react';
import type { CallListEntry, CallOutcome } from '../../../core/advisor-work.ts';
import { money, moneyByCurrency } from '../format.ts';
import { useApp } from '../store.ts';

const outcomes: { value: CallOutcome; label: string }[] = [
  { value: 'reached', label: 'Reached' },
  { value: 'promised', label: 'Promised to pay' },
  { value: 'left_message', label: 'Left a message' },
  { value: 'no_answer', label: 'No answer' },
  { value: 'disputed', label: 'Disputed' },
  { value: 'wrong_contact', label: 'Wrong contact' },
  { value: 'paid', label: 'Says it is paid' },
];

function CallRow({ entry }: { entry: CallListEntry }) {
  const logCall = useApp((s) => s.logCall);
  const [outcome, setOutcome] = useState<CallOutcome>('reached');
  const [promised, setPromised] = useState('');
  return (
    <tr
      data-invoice={`${entry.businessId}:${entry.invoiceQboId}`}
      className={entry.due ? '' : 'muted'}
    >
      <td>{entry.clientName}</td>
      <td>
        <strong>{entry.customerName ?? 'Unknown customer'}</strong>
        <div className="muted small">
          Invoice {entry.docNumber ?? entry.invoiceQboId} · due {entry.dueDate} ·{' '}
          {entry.daysOverdue} days overdue
        </div>
      </td>
      <td className="num">{money(entry.balanceCents, entry.currency)}</td>
      <td className="small">
        {entry.lastCall
          ? `${entry.lastCall.outcome.replace('_', ' ')} (${entry.lastCall.calledAt.slice(0, 10)})`
          : 'Not called yet'}
      </td>
      <td className="actions">
        <select
          aria-label="Call outcome"
          value={outcome}
          onChange={(e) => setOutcome(e.target.value as CallOutcome)}
        >
          {outcomes.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        {outcome === 'promised' && (
          <input
            type="date"
            aria-label="Promised date"
            value={promised}
            onChange={(e) => setPromised(e.target.value)}
          />
        )}
        <button
          onClick={() =>
            void logCall(entry.businessId, entry.invoiceQboId, outcome, promised || null, null)
          }
        >
          Log call
        </button>
      </td>
    </tr>
  );
}

export function CallListScreen() {
  const { calls } = useApp();
  if (calls.error)
    return (
      <p className="error" role="alert">
        {calls.error}
      </p>
    );
  if (!calls.data)
    return (
      <p className="muted" role="status">
        Loading the call list…
      </p>
    );
  const buckets = ['30', '60', '90+'] as const;
  return (
    <section aria-label="Call list">
      <div className="summary">
        {buckets.map((b) => (
          <div key={b}>
            <span className="muted small">{b} days overdue</span>
            <strong>
              {calls.data!.totals[b].count} · {moneyByCurrency(calls.data!.totals[b].byCurrency)}
            </strong>
          </div>
        ))}
      </div>
      {calls.data.entries.length === 0 ? (
        <p className="empty">No invoice is 30 or more days overdue. Nobody to call.</p>
      ) : (
        <table className="grid" aria-label="Calls to make">
          <thead>
            <tr>
              <th>Client</th>
              <th>Invoice</th>
              <th className="num">Balance</th>
              <th>Last call</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {calls.data.entries.map((e) => (
              <CallRow key={`${e.businessId}:${e.invoiceQboId}`} entry={e} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
