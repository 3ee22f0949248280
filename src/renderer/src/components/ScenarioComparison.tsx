// The baseline beside each saved scenario (forecast:compare): runway, first day below zero, lowest point,
// cash at the end, each with its change against the baseline; what each scenario changes, the changes
// that no longer apply said plainly; and the chart with the baseline dashed behind the chosen scenario.
import { useId, useState } from 'react';
import type { SavedScenario, ScenarioComparison } from '../../../core/forecast/scenario-view.ts';
import { shortDate } from '../format.ts';
import { changeWords, figuresOf, type Figures, type RecordNames } from '../scenario-words.ts';
import { DailyCashChart } from './DailyCashChart.tsx';

const rows: { key: keyof Figures; label: (c: ScenarioComparison) => string }[] = [
  { key: 'runway', label: () => 'Runway' },
  { key: 'firstBelowZero', label: () => 'First day below zero' },
  { key: 'lowest', label: () => 'Lowest point' },
  { key: 'endCash', label: (c) => `Cash on ${shortDate(c.baseline.projection.at(-1)!.date)}` },
];

/** A change against the baseline in colour: less cash or runway in red, more in green, none in grey. */
const toneClass = { better: 'positive', worse: 'negative', same: 'muted' } as const;

/** Delete, asked once more in place (no dialog): "Delete “X”? Delete it / Keep it". */
function DeleteButton({ name, onDelete }: { name: string; onDelete: () => Promise<void> }) {
  const [asking, setAsking] = useState(false);
  if (!asking)
    return (
      <button className="danger" aria-label={`Delete ${name}`} onClick={() => setAsking(true)}>
        Delete
      </button>
    );
  return (
    <span className="confirm-delete">
      <span className="small">Delete “{name}”?</span>
      <button className="danger" onClick={() => void onDelete()}>
        Delete it
      </button>
      <button onClick={() => setAsking(false)}>Keep it</button>
    </span>
  );
}

export function ScenarioComparisonView({
  comparison: c,
  saved,
  names,
  shown,
  onShow,
  onEdit,
  onDelete,
}: {
  comparison: ScenarioComparison;
  saved: readonly SavedScenario[];
  names: RecordNames;
  shown: string | undefined;
  onShow: (name: string) => void;
  onEdit: (name: string) => void;
  onDelete: (name: string) => Promise<void>;
}) {
  const chartId = useId();
  const currency = c.homeCurrency;
  const base = figuresOf(c.baseline, currency);
  const columns = c.scenarios.map((s) => ({
    outcome: s,
    saved: saved.find((x) => x.name === s.name),
    ...figuresOf(s.summary, currency, c.baseline),
  }));
  const onChart = c.scenarios.find((s) => s.name === shown) ?? c.scenarios[0];
  return (
    <>
      <div className="table-scroll">
        <table
          className="grid scenario-table"
          aria-label="Scenarios compared with the baseline"
          // Equal columns, each wide enough for "−$46,492 on Mar 2"; more scenarios scroll sideways.
          style={{ minWidth: `${11 + 14 * (columns.length + 1)}rem` }}
        >
          <colgroup>
            <col className="col-figure-name" />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">Figure</span>
              </th>
              <th scope="col">Baseline</th>
              {columns.map((col) => (
                <th scope="col" key={col.outcome.name} data-scenario={col.outcome.name}>
                  {col.outcome.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} data-measure={r.key}>
                <th scope="row">{r.label(c)}</th>
                <td>{base.figures[r.key]}</td>
                {columns.map((col) => (
                  <td key={col.outcome.name} data-scenario={col.outcome.name}>
                    <span className="figure">{col.figures[r.key]}</span>
                    <span className={`vs small ${toneClass[col.tone![r.key]]}`} data-vs>
                      {col.vs![r.key]}
                    </span>
                  </td>
                ))}
              </tr>
            ))}
            <tr data-measure="changes">
              <th scope="row">What changes</th>
              <td className="muted small">The forecast as it stands</td>
              {columns.map((col) => {
                const stale = new Map(col.outcome.noLongerApplies.map((x) => [x.index, x.reason]));
                return (
                  <td key={col.outcome.name} data-scenario={col.outcome.name}>
                    <ul className="change-list">
                      {(col.saved?.changes ?? []).map((ch, i) => (
                        <li key={i} className={stale.has(i) ? 'stale' : undefined}>
                          {changeWords(ch, names, currency)}
                          {stale.has(i) && (
                            <div className="stale-reason">
                              No longer applies: {stale.get(i)}. Left out.
                            </div>
                          )}
                        </li>
                      ))}
                    </ul>
                    <div className="row-actions">
                      <button
                        aria-label={`Edit ${col.outcome.name}`}
                        onClick={() => onEdit(col.outcome.name)}
                      >
                        Edit
                      </button>
                      <DeleteButton
                        name={col.outcome.name}
                        onDelete={() => onDelete(col.outcome.name)}
                      />
                    </div>
                  </td>
                );
              })}
            </tr>
          </tbody>
        </table>
      </div>
      {onChart && (
        <div className="scenario-chart">
          <div className="chart-pick">
            <label htmlFor={chartId}>On the chart, beside the baseline:</label>
            <select id={chartId} value={onChart.name} onChange={(e) => onShow(e.target.value)}>
              {c.scenarios.map((s) => (
                <option key={s.name} value={s.name}>
                  {s.name}
                </option>
              ))}
            </select>
          </div>
          <DailyCashChart
            forecast={onChart.summary}
            currency={currency}
            height={260}
            compare={{ forecast: c.baseline, name: 'Baseline', mainName: onChart.name }}
          />
        </div>
      )}
    </>
  );
}
