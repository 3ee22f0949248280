import { Suspense, useEffect } from 'react';
import { preloadable } from './lib/preloadable.tsx';
import { OfflineBadge } from './components/OfflineBadge.tsx';
import { SyncProgress } from './components/SyncProgress.tsx';
import { on } from './lib/api.ts';
import { useApp } from './store.ts';
import { useClients } from './stores/clients.ts';
import { useSettings } from './stores/settings.ts';
import { useSync } from './stores/sync.ts';
import { ClientList } from './screens/ClientList.tsx';
import type { MenuAction } from '../../core/app-menu.ts';
import { defaultSettings } from '../../core/settings.ts';
import type { Screen } from './store.ts';

// The list is what a cold window shows first; the other screens (and the chart library they use) are
// files of their own, fetched in the background as soon as the list is on screen.
const detail = preloadable(
  () => import('./screens/ClientDetail.tsx'),
  (m) => m.ClientDetail,
);
const collections = preloadable(
  () => import('./screens/Collections.tsx'),
  (m) => m.Collections,
);
const settings = preloadable(
  () => import('./screens/Settings.tsx'),
  (m) => m.Settings,
);
const help = preloadable(
  () => import('./screens/Help.tsx'),
  (m) => m.Help,
);
const ClientDetail = detail.Screen;
const Collections = collections.Screen;
const Settings = settings.Screen;
const Help = help.Screen;

/** The desktop app's menu (app:menu): each command does what its button in the window does. */
function onMenu(action: MenuAction, screen: Screen, go: (s: Screen) => void): void {
  if (action === 'settings') go({ kind: 'settings' });
  else if (action === 'help') go({ kind: 'help' });
  else if (action === 'sync-now') void useSync.getState().run();
  else if (action === 'connect') void useSync.getState().connectClient();
  else {
    // Export digests: the digest tab of the client on screen, or of the first client (it offers "all").
    const businessId =
      screen.kind === 'client' ? screen.businessId : useClients.getState().rows?.[0]?.businessId;
    if (businessId) go({ kind: 'client', businessId, tab: 'digest' });
  }
}

export function App() {
  const { screen, go, notice, onConnectionFailed } = useApp();
  const syncing = useSync((s) => s.running);
  // Screens are drawn again when the advisor's date format becomes known or changes (format.ts).
  const dateFormat = useSettings((s) => s.view?.dateFormat ?? defaultSettings.dateFormat);
  useEffect(() => {
    go({ kind: 'clients' });
    void useSettings.getState().load();
    // Once the list is on screen: the files of the other screens, so a client opens without waiting.
    let later: ReturnType<typeof setTimeout> | undefined;
    const prefetch = () =>
      void Promise.all([detail, collections, settings, help].map((s) => s.preload()));
    const stopWaiting = useClients.subscribe((c) => {
      if (later !== undefined || (!c.rows && !c.error)) return;
      later = setTimeout(prefetch, 0);
    });
    const sync = useSync.getState();
    const offs = [
      on('sync:progress', sync.onProgress),
      on('sync:waiting', sync.onWaiting),
      on('sync:clients', sync.onClients),
      on('connection:changed', () => void useClients.getState().load()),
      on('connection:failed', onConnectionFailed),
      on('app:menu', ({ action }) => onMenu(action, useApp.getState().screen, go)),
    ];
    return () => {
      clearTimeout(later);
      stopWaiting();
      offs.forEach((off) => off());
    };
  }, [go, onConnectionFailed]);
  return (
    <div className="app">
      <header className="app-header">
        <h1>RowCol</h1>
        <nav aria-label="Main">
          <button
            className={screen.kind === 'clients' || screen.kind === 'client' ? 'active' : ''}
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
          <button
            className={screen.kind === 'settings' ? 'active' : ''}
            onClick={() => go({ kind: 'settings' })}
          >
            Settings
          </button>
          <button
            className={screen.kind === 'help' ? 'active' : ''}
            onClick={() => go({ kind: 'help' })}
            aria-label="Help"
          >
            ?
          </button>
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
      <main key={dateFormat}>
        <Suspense fallback={<p className="muted">Opening…</p>}>
          {screen.kind === 'clients' && <ClientList />}
          {screen.kind === 'collections' && <Collections />}
          {screen.kind === 'settings' && <Settings />}
          {screen.kind === 'help' && <Help />}
          {screen.kind === 'client' && (
            <ClientDetail businessId={screen.businessId} tab={screen.tab} />
          )}
        </Suspense>
      </main>
    </div>
  );
}
