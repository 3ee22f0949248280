import { humanCode, money } from '../format.ts';
import { useApp } from '../store.ts';

export function Tray({ businessId }: { businessId: string }) {
  const { tray, decideItem } = useApp();
  if (tray.error)
    return (
      <p className="error" role="alert">
        {tray.error}
      </p>
    );
  if (!tray.data)
    return (
      <p className="muted" role="status">
        Loading the tray…
      </p>
    );
  if (tray.data.length === 0) return <p className="empty">Nothing to fix: the books look clean.</p>;
  return (
    <table className="grid" aria-label="Hygiene tray">
      <thead>
        <tr>
          <th>Severity</th>
          <th>Problem</th>
          <th>Records</th>
          <th className="num">Amount</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {tray.data.map((item) => (
          <tr key={item.id} data-code={item.code}>
            <td>
              <span className={`pill pill-${item.severity}`}>{item.severity}</span>
            </td>
            <td>
              <strong>{item.title}</strong>
              <div className="muted small">
                {humanCode(item.code)}
                {item.detail ? ` · ${item.detail}` : ''}
              </div>
              {(item.fixes ?? []).map((f) => (
                <div key={f.id} className="small" data-fix={f.state}>
                  <span className="pill pill-low">fix {f.state}</span> {f.summary}
                </div>
              ))}
            </td>
            <td className="small">
              {item.entity ? `${item.entity} ${item.qboIds.join(', ')}` : '—'}
            </td>
            <td className="num">{money(item.amountCents, item.currency)}</td>
            <td className="actions">
              <button
                onClick={() => void decideItem(businessId, item.id, 'approve')}
                title="Accept as is"
              >
                Approve
              </button>
              <button
                onClick={() => void decideItem(businessId, item.id, 'exclude')}
                title="Turn this rule off for these records"
              >
                Exclude
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
