import { useEffect } from 'react';
import { on } from './lib/api.ts';
import { useApp } from './store.ts';
import { ClientList } from './screens/ClientList.tsx';
import { ClientDetail } from './screens/ClientDetail.tsx';
import { Collections } from './screens/Collections.tsx';

export function App() {
  const {
    screen,
    go,
    notice,
    syncing,
    syncAll,
    connectClient,
    onProgress,
    onWaiting,
    onConnectionFailed,
    loadOverview,
  } = useApp();
  useEffect(() => {
    go({ kind: 'clients' });
    const offs = [
      on('sync:progress', onProgress),
      on('sync:waiting', onWaiting),
      on('connection:changed', () => void loadOverview()),
      on('connection:failed', onConnectionFailed),
    ];
    return () => offs.forEach((off) => off());
  }, [go, onProgress, onWaiting, onConnectionFailed, loadOverview]);
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
          <button onClick={() => void syncAll()} disabled={Boolean(syncing)}>
            {syncing ? 'Syncing…' : 'Sync now'}
          </button>
          <button onClick={() => void connectClient()}>Connect a client</button>
        </nav>
      </header>
      {syncing && (
        <p className="notice notice-progress" role="progressbar" aria-label="Sync progress">
          {syncing}
        </p>
      )}
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
