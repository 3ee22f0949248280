// The forecast tab's what-ifs: the client's saved scenarios beside the baseline, a form to make or edit
// one, and what the last save or delete did. Reloaded whenever the forecast on screen changes (a
// recurring choice, a decision), so the comparison's baseline is the forecast above it.
import { useEffect, useMemo } from 'react';
import type { ForecastView } from '../../../core/forecast/view.ts';
import { useScenarios } from '../stores/scenarios.ts';
import type { RecordNames } from '../scenario-words.ts';
import { ScenarioComparisonView } from './ScenarioComparison.tsx';
import { ScenarioForm } from './ScenarioForm.tsx';
import '../styles/fields.css';
import '../styles/scenarios.css';

export function ScenariosPanel({ forecast }: { forecast: ForecastView }) {
  const { businessId, today, homeCurrency } = forecast;
  const s = useScenarios();
  const { load, openForm, closeForm, save, remove, show } = useScenarios.getState();
  useEffect(() => {
    void load(businessId);
  }, [load, businessId, forecast]);
  const records = s.businessId === businessId ? s.records.data : undefined;
  const names: RecordNames = useMemo(
    () => ({
      bills: new Map(records?.bills.map((r) => [r.qboId, r])),
      invoices: new Map(records?.invoices.map((r) => [r.qboId, r])),
    }),
    [records],
  );
  // The change descriptions name vendors and customers: the open records are wanted with the list too.
  useEffect(() => {
    // Once: a failed load is not retried in a loop (the form says the pickers could not be filled).
    if (s.list.data?.length && !s.records.data && !s.records.loading && !s.records.error)
      void useScenarios.getState().loadRecords(businessId);
  }, [s.list.data, s.records.data, s.records.loading, s.records.error, businessId]);
  const mine = s.businessId === businessId;
  const list = mine ? s.list.data : undefined;
  const comparison =
    mine && s.comparison.data?.businessId === businessId ? s.comparison.data : undefined;
  const editing = s.form?.original ? list?.find((x) => x.name === s.form?.original) : undefined;
  return (
    <section className="scenarios" aria-labelledby="scenarios-title">
      <div className="section-head">
        <h3 id="scenarios-title">
          Scenarios{' '}
          <span className="muted small">what if: side by side with the forecast as it stands</span>
        </h3>
        {!s.form && list && list.length > 0 && (
          <button onClick={() => openForm()}>New scenario</button>
        )}
      </div>
      {mine && s.done && (
        <p className={`scenario-done ${s.done.kind}`} aria-live="polite">
          {s.done.text}
        </p>
      )}
      {mine && s.form && (
        <ScenarioForm
          key={s.form.original ?? '(new)'}
          editing={editing}
          otherNames={(list ?? []).map((x) => x.name).filter((n) => n !== s.form?.original)}
          records={records}
          recordsError={s.records.error}
          today={today}
          currency={homeCurrency}
          onSave={(scenario) => save(businessId, scenario)}
          onCancel={closeForm}
        />
      )}
      {mine && (s.list.error || s.comparison.error) ? (
        <p className="error">
          The scenarios could not be loaded: {s.list.error ?? s.comparison.error}
        </p>
      ) : !list ? (
        <p className="muted">Loading the scenarios…</p>
      ) : list.length === 0 ? (
        !s.form && (
          <div className="empty-state">
            <p>No scenarios yet: add one to see what a delay or a new contract does.</p>
            <button className="primary" onClick={() => openForm()}>
              New scenario
            </button>
          </div>
        )
      ) : comparison ? (
        <ScenarioComparisonView
          comparison={comparison}
          saved={list}
          names={names}
          shown={s.shown}
          onShow={show}
          onEdit={(name) => openForm(name)}
          onDelete={async (name) => {
            await remove(businessId, name);
          }}
        />
      ) : (
        <p className="muted">Comparing the scenarios…</p>
      )}
    </section>
  );
}
