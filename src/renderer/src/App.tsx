import { useEffect } from 'react';
import { OfflineBadge } from './components/OfflineBadge.tsx';
import { SyncProgress } from './components/SyncProgress.tsx';
import { on } from './lib/api.ts';
import { useApp } from './store.ts';
import { useClients } from './stores/clients.ts';
import { useSync } from './stores/sync.ts';
import { ClientList } from './screens/ClientList.tsx';
import { ClientDetail } from './screens/ClientDetail.tsx';
import { Collections } from './screens/Collections.tsx';

export function App() {
  const { screen, go, notice, onConnectionFailed } = useApp();
  const syncing = useSync((s) => s.running);
  useEffect(() => {
    go({ kind: 'clients' });
    const sync = useSync.getState();
    const offs = [
      on('sync:progress', sync.onProgress),
      on('sync:waiting', sync.onWaiting),
      on('sync:clients', sync.onClients),
      on('connection:changed', () => void useClients.getState().load()),
      on('connection:failed', onConnectionFailed),
    ];
    return () => offs.forEach((off) => off());
  }, [go, onConnectionFailed]);
  return (
    <div className="app">
      <header className="app-header">
        <h1>RowCol</h1>
        <nav aria-label="Main">
          <button
            className={screen.kind !== 'collections' ? 'active' : ''}
            onClick={() => go({ kind: 'clients' })}
          >
            Clients
          </button>
          <button
            className={screen.kind === 'collections' ? 'active' : ''}
            onClick={() => go({ kind: 'collections' })}
          >
            Collections
          </button>
          <OfflineBadge />
          <button onClick={() => void useSync.getState().run()} disabled={syncing}>
            {syncing ? 'Syncing…' : 'Sync now'}
          </button>
          <button onClick={() => void useSync.getState().connectClient()}>Connect a client</button>
        </nav>
      </header>
      <SyncProgress />
      {notice && (
        <p
          className={`notice notice-${notice.kind}`}
          role={notice.kind === 'error' ? 'alert' : 'status'}
        >
          {notice.text}
        </p>
      )}
      <main>
        {screen.kind === 'clients' && <ClientList />}
        {screen.kind === 'collections' && <Collections />}
        {screen.kind === 'client' && (
          <ClientDetail businessId={screen.businessId} tab={screen.tab} />
        )}
      </main>
    </div>
  );
}
