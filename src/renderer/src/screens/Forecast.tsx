// The client's forecast tab: cash day by day, the recurring money the history shows (each to confirm,
// ignore or re-amount; the choice is kept and reshapes the projection), and each customer's paying habit.
import { useState } from 'react';
import type { ChosenRecurringItem } from '../../../core/forecast/recurring.ts';
import type { ForecastView } from '../../../core/forecast/view.ts';
import { DailyCashChart } from '../components/DailyCashChart.tsx';
import { ForecastSummary } from '../components/ForecastSummary.tsx';
import { ScenariosPanel } from '../components/ScenariosPanel.tsx';
import { longDate, shortDate, signedMoney, wholeMoney } from '../format.ts';
import { useApp } from '../store.ts';

const cadenceWords = {
  weekly: 'Weekly',
  biweekly: 'Every 2 weeks',
  monthly: 'Monthly',
  quarterly: 'Quarterly',
} as const;

function stateWords(r: ChosenRecurringItem, currency: string): string {
  switch (r.state) {
    case 'expected':
      return 'Expected, not confirmed';
    case 'confirmed':
      return 'Confirmed';
    case 'changed':
      return `Your amount (found ${wholeMoney(r.detectedAmountCents, currency)})`;
    case 'ignored':
      return 'Ignored: left out';
  }
}

/** "1,250.50" or "$1250" → cents; undefined when it is not an amount. */
function parseAmount(text: string): number | undefined {
  const clean = text.replace(/[$,\s]/g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(clean)) return undefined;
  return Math.round(Number(clean) * 100);
}

function RecurringRow({
  item,
  businessId,
  currency,
}: {
  item: ChosenRecurringItem;
  businessId: string;
  currency: string;
}) {
  const chooseRecurring = useApp((s) => s.chooseRecurring);
  const [editing, setEditing] = useState(false);
  const [amount, setAmount] = useState((item.amountCents / 100).toFixed(2));
  const [problem, setProblem] = useState<string>();
  const save = () => {
    const cents = parseAmount(amount);
    if (cents === undefined || cents <= 0) {
      setProblem('Enter an amount like 1250 or 1250.50.');
      return;
    }
    setProblem(undefined);
    setEditing(false);
    void chooseRecurring(businessId, item.key, { choice: 'amount', amountCents: cents });
  };
  return (
    <tr data-recurring={item.key} data-state={item.state} className={`state-${item.state}`}>
      <td className="who">
        <strong>{item.name}</strong>
        <div className="muted small">
          {item.direction === 'in' ? 'In' : 'Out'} · seen {item.occurrences} times, last{' '}
          {shortDate(item.lastDate)}
        </div>
      </td>
      <td className="num">
        {signedMoney(item.direction === 'in' ? item.amountCents : -item.amountCents, currency)}
      </td>
      <td className="nowrap">{cadenceWords[item.cadence]}</td>
      <td className="nowrap" title={longDate(item.nextDate)}>
        {shortDate(item.nextDate)}
      </td>
      <td className="small" data-cell="state">
        {stateWords(item, currency)}
      </td>
      <td>
        {editing ? (
          <form
            className="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              save();
            }}
          >
            <input
              aria-label={`New amount for ${item.name}`}
              inputMode="decimal"
              value={amount}
              onChange={(e) => setAmount(e.target.value)}
              size={9}
            />
            <button type="submit">Save</button>
            <button type="button" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </form>
        ) : (
          <div className="row-actions">
            <button
              disabled={item.state === 'confirmed'}
              onClick={() => void chooseRecurring(businessId, item.key, { choice: 'confirm' })}
            >
              Confirm
            </button>
            <button
              disabled={item.state === 'ignored'}
              onClick={() => void chooseRecurring(businessId, item.key, { choice: 'ignore' })}
            >
              Ignore
            </button>
            <button onClick={() => setEditing(true)}>Change amount</button>
          </div>
        )}
        {problem && (
          <div className="error small" role="alert">
            {problem}
          </div>
        )}
      </td>
    </tr>
  );
}

function habitWords(h: ForecastView['habits'][number]): string {
  if (h.basis === 'due-date') return 'Due date: too few paid invoices';
  const late = Math.round(h.medianDaysLate);
  const when =
    late === 0
      ? 'On the due date'
      : late > 0
        ? `${late} day${late === 1 ? '' : 's'} late`
        : `${-late} day${late === -1 ? '' : 's'} early`;
  // Half the interquartile range: half of this customer's payments land within it of the typical day.
  const spread = h.spreadDays;
  const give = Math.ceil(spread / 2);
  return give > 0 ? `${when}, give or take ${give} day${give === 1 ? '' : 's'}` : when;
}

export function Forecast({ businessId }: { businessId: string }) {
  const { forecast: f } = useApp();
  if (f.error)
    return (
      <p className="error" role="alert">
        The forecast could not be built: {f.error}
      </p>
    );
  const forecast = f.data?.businessId === businessId ? f.data : undefined;
  if (!forecast)
    return (
      <p className="muted" role="status">
        Building the forecast…
      </p>
    );
  const c = forecast.homeCurrency;
  // The largest amounts first: what moves the projection most is what to check first.
  const recurring = [...forecast.recurring].sort((a, b) => b.amountCents - a.amountCents);
  // The latest payers first (the ones to chase, and the ones that move money most), then by name;
  // customers without enough history last.
  const habits = [...forecast.habits].sort(
    (a, b) =>
      (a.basis === 'habit' ? 0 : 1) - (b.basis === 'habit' ? 0 : 1) ||
      b.medianDaysLate - a.medianDaysLate ||
      (a.customerName ?? a.customerId).localeCompare(b.customerName ?? b.customerId),
  );
  return (
    <div className="forecast">
      <ForecastSummary forecast={forecast} />
      <DailyCashChart forecast={forecast} currency={c} height={340} />
      <ScenariosPanel forecast={forecast} />
      <section aria-labelledby="recurring-title">
        <h3 id="recurring-title">
          Recurring money{' '}
          <span className="muted small">
            found in the last year of the books; confirm what is real, ignore what is not
          </span>
        </h3>
        {forecast.recurring.length === 0 ? (
          <p className="muted small">
            No recurring money found: no payee or customer comes at a regular interval with a steady
            amount.
          </p>
        ) : (
          <table className="grid" aria-label="Recurring money">
            <thead>
              <tr>
                <th>Who</th>
                <th className="num">Amount</th>
                <th>How often</th>
                <th>Next</th>
                <th>State</th>
                <th>Your choice</th>
              </tr>
            </thead>
            <tbody>
              {recurring.map((r) => (
                <RecurringRow key={r.key} item={r} businessId={businessId} currency={c} />
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="habits-title">
        <h3 id="habits-title">
          How customers pay{' '}
          <span className="muted small">open invoices are expected on this habit</span>
        </h3>
        {habits.length === 0 ? (
          <p className="muted small">
            No paid invoices yet: every open invoice is expected on its due date.
          </p>
        ) : (
          <table className="grid" aria-label="Paying habits">
            <thead>
              <tr>
                <th>Customer</th>
                <th>Usually pays</th>
                <th className="num">Based on</th>
              </tr>
            </thead>
            <tbody>
              {habits.map((h) => (
                <tr key={h.customerId} data-customer={h.customerId} data-basis={h.basis}>
                  <td>{h.customerName ?? `Customer ${h.customerId}`}</td>
                  <td>{habitWords(h)}</td>
                  <td className="num small">
                    {h.sampleSize} paid invoice{h.sampleSize === 1 ? '' : 's'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
