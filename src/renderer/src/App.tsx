import { useEffect } from 'react';
import { useApp } from './store.ts';
import { ClientList } from './screens/ClientList.tsx';
import { ClientDetail } from './screens/ClientDetail.tsx';
import { CallListScreen } from './screens/CallList.tsx';

export function App() {
  const { screen, go, notice } = useApp();
  useEffect(() => {
    go({ kind: 'clients' });
  }, [go]);
  return (
    <div className="app">
      <header className="app-header">
        <h1>RowCol</h1>
        <nav aria-label="Main">
          <button className={screen.kind !== 'calls' ? 'active' : ''} onClick={() => go({ kind: 'clients' })}>
            Clients
          </button>
          <button className={screen.kind === 'calls' ? 'active' : ''} onClick={() => go({ kind: 'calls' })}>
            Call list
          </button>
        </nav>
      </header>
      {notice && (
        <p className={`notice notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
          {notice.text}
        </p>
      )}
      <main>
        {screen.kind === 'clients' && <ClientList />}
        {screen.kind === 'calls' && <CallListScreen />}
        {screen.kind === 'client' && <ClientDetail businessId={screen.businessId} tab={screen.tab} />}
      </main>
    </div>
  );
}
