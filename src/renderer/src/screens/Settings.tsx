// Settings (issue 13 §1): Intuit app keys (the secret sealed, never shown back), the background sync's
// interval, the tray's thresholds, the digest's paper and the date format. Each section saves on its own,
// so a bad value in one never blocks another; main validates again and says what is wrong.
import { useEffect, useState, type FormEvent } from 'react';
import type { HygieneThresholds } from '../../../core/hygiene/codes.ts';
import {
  dateFormats,
  paperSizes,
  syncIntervalLimits,
  type DateFormat,
  type PaperSize,
} from '../../../core/settings.ts';
import { useSettings } from '../stores/settings.ts';
import { FirmHub } from '../components/FirmHub.tsx';
import '../styles/settings.css';

/** Each threshold in the advisor's words; the stale one is shown in hours (stored in seconds). */
const thresholdWords: Record<keyof HygieneThresholds, { label: string; unit: string }> = {
  duplicateBillWindowDays: {
    label: 'Bills from one vendor for the same amount are possible duplicates within',
    unit: 'days',
  },
  paidOutsideWindowDays: {
    label: 'A bank payment matches an open bill (paid outside QuickBooks) within',
    unit: 'days',
  },
  invoiceUnsentAfterDays: { label: 'An invoice not sent is flagged after', unit: 'days' },
  paymentUnappliedAfterDays: {
    label: 'A customer payment not applied to an invoice is flagged after',
    unit: 'days',
  },
  undepositedAfterDays: { label: 'Money left in Undeposited Funds is flagged after', unit: 'days' },
  invoiceOverdueCallAfterDays: {
    label: 'An overdue invoice goes on the call list when overdue by',
    unit: 'days',
  },
  bankQuietAfterDays: { label: 'A bank account with no activity is flagged after', unit: 'days' },
  syncStaleMinSeconds: { label: 'Books count as out of date after', unit: 'hours' },
};
const shownValue = (key: keyof HygieneThresholds, v: number): number =>
  key === 'syncStaleMinSeconds' ? Math.round((v / 3600) * 10) / 10 : v;
const storedValue = (key: keyof HygieneThresholds, v: number): number =>
  key === 'syncStaleMinSeconds' ? Math.round(v * 3600) : v;

const paperWords: Record<PaperSize, string> = { letter: 'US Letter', a4: 'A4' };

function Message() {
  const message = useSettings((s) => s.message);
  if (!message) return null;
  return (
    <p className={`notice notice-${message.kind}`} role="status">
      {message.text}
    </p>
  );
}

function AppKeys() {
  const { view, save, saving } = useSettings();
  const [clientId, setClientId] = useState(view?.intuit.clientId ?? '');
  const [secret, setSecret] = useState('');
  if (!view) return null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const patch = {
      intuit: { clientId: clientId.trim() || null, ...(secret ? { clientSecret: secret } : {}) },
    };
    if (await save(patch, 'Intuit app keys')) setSecret('');
  };
  return (
    <form className="settings-section" onSubmit={(e) => void submit(e)}>
      <h3>Intuit app keys</h3>
      <p className="muted small">
        The keys of your app at developer.intuit.com, used to connect clients. The secret is kept
        sealed on this computer and never shown again.
        {view.intuit.fromEnvironment &&
          ' Keys given in the environment (ROWCOL_QBO_CLIENT_ID / _SECRET) are in use instead of these.'}
      </p>
      <label>
        Client ID
        <input
          value={clientId}
          onChange={(e) => setClientId(e.target.value)}
          autoComplete="off"
          spellCheck={false}
        />
      </label>
      <label>
        Client secret ({view.intuit.clientSecret === 'set' ? 'set' : 'not set'})
        <input
          type="password"
          value={secret}
          onChange={(e) => setSecret(e.target.value)}
          placeholder={view.intuit.clientSecret === 'set' ? 'Enter a new one to replace it' : ''}
          autoComplete="new-password"
        />
      </label>
      <div className="settings-actions">
        <button className="primary" type="submit" disabled={saving}>
          Save app keys
        </button>
        {view.intuit.clientSecret === 'set' && (
          <button
            type="button"
            className="danger"
            disabled={saving}
            onClick={() => void save({ intuit: { clientSecret: null } }, 'client secret removed')}
          >
            Remove the secret
          </button>
        )}
      </div>
    </form>
  );
}

function SyncAndPaper() {
  const { view, save, saving } = useSettings();
  const [minutes, setMinutes] = useState(String(view?.syncIntervalMinutes ?? ''));
  const [paper, setPaper] = useState<PaperSize | ''>(view?.paperSizeChosen ?? '');
  const [dateFormat, setDateFormat] = useState<DateFormat>(view?.dateFormat ?? 'MM/DD/YYYY');
  const [problem, setProblem] = useState<string>();
  if (!view) return null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const n = Number(minutes);
    if (!Number.isInteger(n) || n < syncIntervalLimits.min || n > syncIntervalLimits.max) {
      setProblem(
        `Enter whole minutes from ${syncIntervalLimits.min} to ${syncIntervalLimits.max}.`,
      );
      return;
    }
    setProblem(undefined);
    await save(
      { syncIntervalMinutes: n, paperSize: paper === '' ? null : paper, dateFormat },
      'sync, paper and dates',
    );
  };
  return (
    <form className="settings-section" onSubmit={(e) => void submit(e)}>
      <h3>Sync, paper and dates</h3>
      <label>
        Sync every (minutes)
        <input
          inputMode="numeric"
          value={minutes}
          onChange={(e) => setMinutes(e.target.value)}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? 'sync-problem' : undefined}
        />
      </label>
      {problem && (
        <p id="sync-problem" className="field-problem">
          {problem}
        </p>
      )}
      <label>
        Digest paper
        <select value={paper} onChange={(e) => setPaper(e.target.value as PaperSize | '')}>
          <option value="">Each client’s own (Letter for US dollars, A4 otherwise)</option>
          {paperSizes.map((p) => (
            <option key={p} value={p}>
              {paperWords[p]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Date format
        <select value={dateFormat} onChange={(e) => setDateFormat(e.target.value as DateFormat)}>
          {dateFormats.map((f) => (
            <option key={f} value={f}>
              {f}
            </option>
          ))}
        </select>
      </label>
      <div className="settings-actions">
        <button className="primary" type="submit" disabled={saving}>
          Save
        </button>
      </div>
    </form>
  );
}

function Thresholds() {
  const { view, save, saving } = useSettings();
  const keys = Object.keys(thresholdWords) as (keyof HygieneThresholds)[];
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      keys.map((k) => [k, view ? String(shownValue(k, view.trayThresholds[k])) : '']),
    ),
  );
  const [problems, setProblems] = useState<Record<string, string>>({});
  if (!view) return null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found: Record<string, string> = {};
    const patch: Partial<Record<keyof HygieneThresholds, number>> = {};
    for (const k of keys) {
      const n = Number(values[k]);
      if (!Number.isFinite(n) || n <= 0)
        found[k] = `Enter a number of ${thresholdWords[k].unit} above zero.`;
      else patch[k] = storedValue(k, n);
    }
    setProblems(found);
    if (Object.keys(found).length === 0) await save({ trayThresholds: patch }, 'tray thresholds');
  };
  return (
    <form className="settings-section" onSubmit={(e) => void submit(e)}>
      <h3>Tray thresholds</h3>
      <p className="muted small">
        When the hygiene tray raises an item. Changing one recomputes every client’s tray.
      </p>
      {keys.map((k) => (
        <div key={k} className="threshold">
          <label>
            {thresholdWords[k].label}
            <span className="threshold-input">
              <input
                inputMode="decimal"
                value={values[k] ?? ''}
                onChange={(e) => setValues({ ...values, [k]: e.target.value })}
                aria-invalid={problems[k] ? true : undefined}
                aria-describedby={problems[k] ? `problem-${k}` : undefined}
              />
              {thresholdWords[k].unit}
            </span>
          </label>
          {k in view.trayThresholdOverrides && (
            <span className="muted small"> (changed from the default)</span>
          )}
          {problems[k] && (
            <p id={`problem-${k}`} className="field-problem">
              {problems[k]}
            </p>
          )}
        </div>
      ))}
      <div className="settings-actions">
        <button className="primary" type="submit" disabled={saving}>
          Save thresholds
        </button>
      </div>
    </form>
  );
}

export function Settings() {
  const { view, loading, load } = useSettings();
  useEffect(() => {
    void load();
  }, [load]);
  if (loading && !view) return <p className="muted">Loading the settings…</p>;
  if (!view)
    return (
      <section className="settings">
        <h2>Settings</h2>
        <Message />
      </section>
    );
  return (
    <section className="settings" aria-label="Settings">
      <h2>Settings</h2>
      <p className="muted small">Kept in {view.file}.</p>
      {view.problems.map((p) => (
        <p key={p} className="notice notice-error">
          {p}
        </p>
      ))}
      <Message />
      <div className="settings-grid">
        <AppKeys key={`keys-${view.intuit.clientId}`} />
        <SyncAndPaper />
        <Thresholds />
        <FirmHub />
      </div>
    </section>
  );
}
