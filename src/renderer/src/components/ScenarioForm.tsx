// The form that makes or edits a scenario: a name and its changes (delay a bill, an invoice paid on a
// date, a one-off or recurring amount in or out). Each field has a label and, when it is wrong, one line
// under it; what the backend still refuses comes back as one line above the buttons.
import { useId, useState } from 'react';
import type { Scenario } from '../../../core/forecast/scenario.ts';
import type { SavedScenario, ScenarioRecords } from '../../../core/forecast/scenario-view.ts';
import { checkDraft, draftOf, newChange, type Draft, type DraftKind } from '../scenario-draft.ts';
import { ChangeFields, Field, invalid, kindWords } from './ScenarioChangeFields.tsx';

export function ScenarioForm({
  editing,
  otherNames,
  records,
  recordsError,
  today,
  currency,
  onSave,
  onCancel,
}: {
  editing: SavedScenario | undefined;
  otherNames: readonly string[];
  records: ScenarioRecords | undefined;
  recordsError: string | undefined;
  today: string;
  currency: string;
  onSave: (s: Scenario) => Promise<string | undefined>;
  onCancel: () => void;
}) {
  const titleId = useId();
  const [draft, setDraft] = useState<Draft>(() => ({
    name: editing?.name ?? '',
    changes: editing ? editing.changes.map(draftOf) : [],
  }));
  const [tried, setTried] = useState(false);
  const [saving, setSaving] = useState(false);
  const [refused, setRefused] = useState<string>();
  const checked = checkDraft(draft, today, otherNames);
  const problems = tried ? checked.problems : {};
  const update = (d: Draft) => {
    setDraft(d);
    setRefused(undefined);
  };
  const submit = async () => {
    setTried(true);
    if (!checked.changes) return;
    setSaving(true);
    const why = await onSave({ name: draft.name.trim(), changes: checked.changes });
    setSaving(false);
    setRefused(why);
  };
  return (
    <form
      className="scenario-form"
      aria-labelledby={titleId}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onCancel();
      }}
    >
      <h4 id={titleId}>{editing ? `Edit “${editing.name}”` : 'New scenario'}</h4>
      <Field label="Name" problem={problems.name}>
        {({ id, problemId }) => (
          <input
            id={id}
            // The form opens on the advisor's click: the name is what to type first.
            autoFocus
            value={draft.name}
            maxLength={80}
            placeholder="Delay rent, new contract…"
            onChange={(e) => update({ ...draft, name: e.target.value })}
            {...invalid(problemId)}
          />
        )}
      </Field>
      {draft.changes.map((c, i) => (
        <ChangeFields
          key={c.key}
          change={c}
          index={i}
          records={records}
          currency={currency}
          problems={problems}
          onChange={(next) =>
            update({ ...draft, changes: draft.changes.map((x) => (x.key === c.key ? next : x)) })
          }
          onRemove={() =>
            update({ ...draft, changes: draft.changes.filter((x) => x.key !== c.key) })
          }
        />
      ))}
      {recordsError && (
        <div className="field-problem">
          The open bills and invoices could not be loaded: {recordsError}
        </div>
      )}
      <div className="add-change" role="group" aria-label="Add a change">
        <span className="muted small">Add a change:</span>
        {(Object.keys(kindWords) as DraftKind[]).map((k) => (
          <button
            key={k}
            type="button"
            onClick={() => update({ ...draft, changes: [...draft.changes, newChange(k)] })}
          >
            + {kindWords[k]}
          </button>
        ))}
      </div>
      {problems.changes && <div className="field-problem">{problems.changes}</div>}
      {refused && <div className="field-problem form-refused">{refused}</div>}
      <div className="form-buttons">
        <button type="submit" className="primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save scenario'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
