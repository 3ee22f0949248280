// Settings, "Firm hub" (issue 15 §5): sign this desktop in to the firm's hub with the one-time code an
// admin gave (`rowcol hub sign-in-code`), then see where it stands: the advisor and role, the firm's
// clients here, the work waiting to be pushed, and the last exchange. Sync now exchanges with the hub too.
import { useEffect, useState, type FormEvent } from 'react';
import { longDate } from '../format.ts';
import { localDay } from '../../../core/dates.ts';
import { useFirm } from '../stores/firm.ts';

const when = (iso: string | null) => (iso ? longDate(localDay(new Date(iso))) : 'never');

export function FirmHub() {
  const { status, busy, message, load, signIn, exchange } = useFirm();
  const [hubUrl, setHubUrl] = useState('');
  const [code, setCode] = useState('');
  const [email, setEmail] = useState('');
  useEffect(() => {
    void load();
  }, [load]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await signIn(hubUrl.trim(), code.trim(), email.trim() || undefined)) setCode('');
  };
  const said = message && (
    <p
      className={`notice notice-${message.kind}`}
      role={message.kind === 'error' ? 'alert' : 'status'}
    >
      {message.text}
    </p>
  );
  if (status?.linked)
    return (
      <section className="settings-section" aria-label="Firm hub">
        <h3>Firm hub</h3>
        <p>
          Signed in to <strong>{status.hubUrl}</strong> as {status.advisorEmail} ({status.role}).
        </p>
        <p className="muted small">
          {`${status.businessIds.length} client(s) come from the hub, which alone talks to QuickBooks for them. ${status.waiting} piece(s) of work waiting to be pushed. Last pull ${when(status.lastPullAt)}, last push ${when(status.lastPushAt)}.`}
        </p>
        {status.lost.length > 0 && (
          <ul className="small" aria-label="Edits kept only in the hub's audit trail">
            {status.lost.map((l) => (
              <li key={l.opId}>
                Your {l.kind} on {l.itemKey}:{' '}
                {l.outcome === 'replaced'
                  ? 'replaced by a later edit elsewhere'
                  : 'refused by the hub'}
                {l.detail ? ` (${l.detail})` : ''}.
              </li>
            ))}
          </ul>
        )}
        {said}
        <div className="settings-actions">
          <button className="primary" type="button" disabled={busy} onClick={() => void exchange()}>
            {busy ? 'Exchanging with the hub…' : 'Exchange with the hub now'}
          </button>
        </div>
      </section>
    );
  return (
    <form className="settings-section" aria-label="Firm hub" onSubmit={(e) => void submit(e)}>
      <h3>Firm hub</h3>
      <p className="muted small">
        Working in a firm? Your admin gives you the hub’s address and a one-time sign-in code. The
        firm’s clients then come from the hub; this computer keeps working offline.
      </p>
      <label>
        Hub address
        <input
          value={hubUrl}
          onChange={(e) => setHubUrl(e.target.value)}
          placeholder="https://hub.yourfirm.example"
          spellCheck={false}
          required
        />
      </label>
      <label>
        Sign-in code
        <input
          value={code}
          onChange={(e) => setCode(e.target.value)}
          autoComplete="one-time-code"
          spellCheck={false}
          required
        />
      </label>
      <label>
        Your e-mail (optional)
        <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
      </label>
      {said}
      <div className="settings-actions">
        <button className="primary" type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in to the hub'}
        </button>
      </div>
    </form>
  );
}
