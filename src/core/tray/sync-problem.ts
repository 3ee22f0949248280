// A client's sync problems are the state of its connection, not items for the advisor to approve: the
// tray list leaves them out and the window shows one banner with the action that fixes them (reconnect,
// or sync again). The rows stay where the sync engine and the tray's rule write them (hygiene_items), so
// the runway's confidence and the sync tests read them as before; only what the tray lists changes.
import type { ConnectionState, QboEnvironment } from '../clients.ts';
import type { HygieneCode } from '../hygiene/codes.ts';

/** The codes that describe the client's sync, not its books. */
export const syncProblemCodes = [
  'RECONNECT_NEEDED',
  'SYNC_FAILED',
  'SYNC_THROTTLED',
  'SYNC_STALE',
] as const satisfies readonly HygieneCode[];
export type SyncProblemCode = (typeof syncProblemCodes)[number];

export const isSyncProblemCode = (code: string): code is SyncProblemCode =>
  (syncProblemCodes as readonly string[]).includes(code);

/** What fixes it: reconnecting to QuickBooks, or running the sync again. */
export type SyncProblemAction = 'reconnect' | 'retry';

export type SyncProblem = {
  businessId: string;
  /** Where the client is connected: reconnecting the demo books restarts them, a QBO company asks Intuit. */
  environment: QboEnvironment;
  /** The worst of what is wrong, in this order: reconnect, failed, throttled, stale. */
  kind: 'reconnect' | 'failed' | 'throttled' | 'stale';
  action: SyncProblemAction;
  /** One line for the banner. */
  title: string;
  /** What QuickBooks or the sync said, when it said something. */
  detail: string | null;
  /** When the problem was first seen (ISO), or null when only the connection's state says so. */
  since: string | null;
  /** The data types whose data is out of date (SYNC_STALE items), e.g. ["Bill", "Invoice"]. */
  staleEntities: string[];
};

/** An open sync item as the tray keeps it. */
export type SyncProblemItem = {
  code: SyncProblemCode;
  entity: string | null;
  detail: string | null;
  firstSeenAt: string;
};

const order: SyncProblem['kind'][] = ['reconnect', 'failed', 'throttled', 'stale'];
const kindOf: Record<SyncProblemCode, SyncProblem['kind']> = {
  RECONNECT_NEEDED: 'reconnect',
  SYNC_FAILED: 'failed',
  SYNC_THROTTLED: 'throttled',
  SYNC_STALE: 'stale',
};

const staleWords = (entities: string[]): string =>
  entities.length === 0
    ? 'Some data has not been refreshed from QuickBooks for a while'
    : `${entities.length <= 3 ? entities.join(', ') : `${entities.length} kinds of record`} not refreshed from QuickBooks for a while`;

/**
 * The banner for one client, or null when its sync is fine. A connection that needs the advisor
 * (reconnect_needed, disconnected) wins even when no item says so yet.
 */
export function syncProblemOf(
  client: { businessId: string; environment: QboEnvironment; connectionState: ConnectionState },
  items: readonly SyncProblemItem[],
): SyncProblem | null {
  const stale = [...new Set(items.filter((i) => i.code === 'SYNC_STALE').map((i) => i.entity))]
    .filter((e): e is string => e !== null)
    .sort();
  const worst = [...items].sort(
    (a, b) =>
      order.indexOf(kindOf[a.code]) - order.indexOf(kindOf[b.code]) ||
      a.firstSeenAt.localeCompare(b.firstSeenAt),
  )[0];
  const { businessId, environment, connectionState } = client;
  const needsAdvisor = connectionState !== 'connected';
  if (!worst && !needsAdvisor) return null;
  const kind = needsAdvisor ? 'reconnect' : kindOf[worst!.code];
  const reconnectItem = items.find((i) => i.code === 'RECONNECT_NEEDED');
  const from = kind === 'reconnect' ? (reconnectItem ?? worst) : worst;
  const title = {
    reconnect:
      connectionState === 'disconnected'
        ? 'This client is disconnected from QuickBooks: connect it again to refresh its books'
        : 'QuickBooks needs you to reconnect this client before its books can be refreshed',
    failed: 'The last sync with QuickBooks failed: the numbers below are from the last good sync',
    throttled: 'QuickBooks asked RowCol to slow down: the next sync catches up',
    stale: staleWords(stale),
  }[kind];
  return {
    businessId,
    environment,
    kind,
    action: kind === 'reconnect' ? 'reconnect' : 'retry',
    title,
    detail: from?.detail ?? null,
    since: from?.firstSeenAt ?? null,
    staleEntities: stale,
  };
}
