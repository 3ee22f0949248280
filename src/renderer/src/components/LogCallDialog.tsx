// Logging a collection call: how it went, the date the customer promised to pay, when to call again and a
// note. Checked here with the service's own rules (core/collections.ts callProblems), each message next to
// its field; what the service still refuses is shown in the dialog too. A modal <dialog>: Escape closes it
// and focus goes back to the row's button.
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { callOutcomes, type CallOutcome } from '../../../core/advisor-work.ts';
import {
  callNoteMax,
  callProblems,
  type CallForm,
  type CallProblem,
  type CollectionEntry,
} from '../../../core/collections.ts';
import { callOutcomeWords } from '../../../core/words.ts';
import { money } from '../format.ts';

type Props = {
  entry: CollectionEntry;
  today: string;
  onSave: (form: CallForm) => Promise<string | undefined>;
  onClose: () => void;
};

export function LogCallDialog({ entry, today, onSave, onClose }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [outcome, setOutcome] = useState<CallOutcome>('reached');
  const [promisedDate, setPromisedDate] = useState('');
  const [followUpOn, setFollowUpOn] = useState('');
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const [saving, setSaving] = useState(false);
  const [refused, setRefused] = useState<string>();

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  const form: CallForm = {
    outcome,
    promisedDate: promisedDate || null,
    followUpOn: followUpOn || null,
    note: note.trim() || null,
  };
  // Messages appear once the advisor tried to save, then follow each change.
  const problems: CallProblem[] = tried ? callProblems(form, today) : [];
  const problemOf = (field: CallProblem['field']) => problems.find((p) => p.field === field);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    setRefused(undefined);
    if (callProblems(form, today).length > 0) return;
    setSaving(true);
    const message = await onSave(form);
    setSaving(false);
    if (message) setRefused(message);
    else onClose();
  };

  const field = (name: CallProblem['field'], label: string, control: ReactNode) => {
    const problem = problemOf(name);
    return (
      <div className="call-field">
        <label htmlFor={`${id}-${name}`}>{label}</label>
        {control}
        {problem && (
          <p id={`${id}-${name}-problem`} className="field-problem">
            {problem.message}
          </p>
        )}
      </div>
    );
  };
  const invalid = (name: CallProblem['field']) =>
    problemOf(name)
      ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-${name}-problem` }
      : {};

  const customer = entry.customerName ?? 'Unknown customer';
  return (
    <dialog ref={ref} className="call-dialog" aria-labelledby={`${id}-title`} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <h2 id={`${id}-title`}>Log a call to {customer}</h2>
        <p className="muted small">
          Invoice {entry.docNumber ?? entry.invoiceQboId} ·{' '}
          {money(entry.balanceCents, entry.currency)} · {entry.daysOverdue} days overdue · for{' '}
          {entry.clientName}
        </p>
        {field(
          'outcome',
          'Call outcome',
          <select
            id={`${id}-outcome`}
            value={outcome}
            onChange={(e) => setOutcome(e.target.value as CallOutcome)}
            {...invalid('outcome')}
          >
            {callOutcomes.map((o) => (
              <option key={o} value={o}>
                {callOutcomeWords[o]}
              </option>
            ))}
          </select>,
        )}
        <div className="call-dates">
          {field(
            'promisedDate',
            outcome === 'promised' ? 'Promised date (required)' : 'Promised date',
            <input
              id={`${id}-promisedDate`}
              type="date"
              min={today}
              value={promisedDate}
              onChange={(e) => setPromisedDate(e.target.value)}
              {...invalid('promisedDate')}
            />,
          )}
          {field(
            'followUpOn',
            'Follow up on',
            <input
              id={`${id}-followUpOn`}
              type="date"
              min={today}
              value={followUpOn}
              onChange={(e) => setFollowUpOn(e.target.value)}
              {...invalid('followUpOn')}
            />,
          )}
        </div>
        {field(
          'note',
          'Note',
          <textarea
            id={`${id}-note`}
            rows={3}
            maxLength={callNoteMax + 200}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            {...invalid('note')}
          />,
        )}
        {refused && (
          <p className="field-problem" role="alert">
            Not logged: {refused}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={saving}>
            {saving ? 'Saving…' : 'Save call'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
