import { useApp, type ClientTab } from '../store.ts';
import { Digest } from './Digest.tsx';
import { Tray } from './Tray.tsx';
import { Console } from './Console.tsx';
import { Forecast } from './Forecast.tsx';
import { Collections } from './Collections.tsx';

export function ClientDetail({ businessId, tab }: { businessId: string; tab: ClientTab }) {
  const { overview, go } = useApp();
  const client = overview.data?.find((c) => c.businessId === businessId);
  return (
    <section aria-label={`Client ${client?.displayName ?? businessId}`}>
      <div className="crumbs">
        <button className="link" onClick={() => go({ kind: 'clients' })}>
          ← All clients
        </button>
        <h2>{client?.displayName ?? businessId}</h2>
        {client && client.healthReasons.length > 0 && (
          <span className="muted">{client.healthReasons.join(' · ')}</span>
        )}
      </div>
      <div className="tabs" role="tablist">
        <button
          role="tab"
          aria-selected={tab === 'tray'}
          onClick={() => go({ kind: 'client', businessId, tab: 'tray' })}
        >
          Hygiene tray
        </button>
        <button
          role="tab"
          aria-selected={tab === 'console'}
          onClick={() => go({ kind: 'client', businessId, tab: 'console' })}
        >
          Decision console
        </button>
        <button
          role="tab"
          aria-selected={tab === 'forecast'}
          onClick={() => go({ kind: 'client', businessId, tab: 'forecast' })}
        >
          Forecast
        </button>
        <button
          role="tab"
          aria-selected={tab === 'collections'}
          onClick={() => go({ kind: 'client', businessId, tab: 'collections' })}
        >
          Collections
        </button>
        <button
          role="tab"
          aria-selected={tab === 'digest'}
          onClick={() => go({ kind: 'client', businessId, tab: 'digest' })}
        >
          Weekly digest
        </button>
      </div>
      {tab === 'tray' && <Tray businessId={businessId} />}
      {tab === 'console' && <Console businessId={businessId} />}
      {tab === 'forecast' && <Forecast businessId={businessId} />}
      {tab === 'collections' && <Collections businessId={businessId} />}
      {tab === 'digest' && <Digest businessId={businessId} />}
    </section>
  );
}
