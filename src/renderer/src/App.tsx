import { useEffect } from 'react';
import { useClients } from './store.ts';
import { ClientList } from './screens/ClientList.tsx';

export function App() {
  const refresh = useClients((s) => s.refresh);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  return (
    <div className="app">
      <header className="app-header">
        <h1>RowCol</h1>
        <span className="tagline">Cash, runway and data hygiene for every client</span>
      </header>
      <main>
        <ClientList />
      </main>
    </div>
  );
}
