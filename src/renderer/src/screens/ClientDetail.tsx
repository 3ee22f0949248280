import { useEffect } from 'react';
import { ClientHeader } from '../components/ClientHeader.tsx';
import { useApp, type ClientTab } from '../store.ts';
import { Digest } from './Digest.tsx';
import { Tray } from './Tray.tsx';
import { Console } from './Console.tsx';
import { Forecast } from './Forecast.tsx';
import { Collections } from './Collections.tsx';

const tabNames: Record<ClientTab, string> = {
  tray: 'Hygiene tray',
  console: 'Decision console',
  forecast: 'Forecast',
  collections: 'Collections',
  digest: 'Weekly digest',
};

export function ClientDetail({ businessId, tab }: { businessId: string; tab: ClientTab }) {
  const { go } = useApp();
  // Escape goes back to the list (not while typing in a field or with a dialog open).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      const t = e.target;
      if (t instanceof HTMLElement && t.closest('input, select, textarea, dialog, [role="dialog"]'))
        return;
      go({ kind: 'clients' });
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [go]);
  return (
    <section aria-label="Client">
      <div className="crumbs">
        <button className="link" onClick={() => go({ kind: 'clients' })}>
          ← All clients
        </button>
      </div>
      <ClientHeader businessId={businessId} />
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
      <div className="cv-tab" role="tabpanel" aria-label={tabNames[tab]}>
        {tab === 'tray' && <Tray businessId={businessId} />}
        {tab === 'console' && <Console businessId={businessId} />}
        {tab === 'forecast' && <Forecast businessId={businessId} />}
        {tab === 'collections' && <Collections businessId={businessId} />}
        {tab === 'digest' && <Digest businessId={businessId} />}
      </div>
    </section>
  );
}
