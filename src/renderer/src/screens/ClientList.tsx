import { useClients } from '../store.ts';

const stateLabel = { connected: 'Connected', reconnect_needed: 'Reconnect needed', disconnected: 'Disconnected' } as const;

export function ClientList() {
  const { clients, load } = useClients();
  if (load.status === 'loading' && clients.length === 0) return <p className="muted" role="status">Loading clients…</p>;
  if (load.status === 'failed') return <p className="error" role="alert">Could not load clients: {load.error}</p>;
  if (clients.length === 0)
    return (
      <section className="empty" aria-label="No clients">
        <h2>No clients yet</h2>
        <p>Connect a client’s QuickBooks Online company to see its cash, runway and data problems here.</p>
      </section>
    );
  return (
    <table className="clients" aria-label="Clients">
      <thead>
        <tr>
          <th>Client</th>
          <th>Realm</th>
          <th>Connection</th>
        </tr>
      </thead>
      <tbody>
        {clients.map((c) => (
          <tr key={c.businessId} data-client={c.businessId}>
            <td>{c.displayName}</td>
            <td>{c.realmId}</td>
            <td className={`state state-${c.connectionState}`}>{stateLabel[c.connectionState]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
