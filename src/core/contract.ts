// The typed IPC contract: one map of invoke channels, one of events, and the runtime list of both.
// Main implements `Handlers` as one object literal (a missing handler is a compile error); the preload
// exposes `invoke`/`on` for exactly these names; the renderer calls them through lib/api.ts.
// Recipe for a new channel: ARCHITECTURE.md "Adding a channel".
import type {
  CallList,
  CallOutcome,
  ClientOverview,
  ConsoleView,
  DecisionAction,
  TrayItem,
  TrayStatus,
} from './advisor-work.ts';
import type { Client } from './clients.ts';
import type { FirmAuditEntry, FirmConnected, FirmStatus, FirmSyncResult } from './firm.ts';
import type { FixRequest, FixState, OutboxFix } from './fixes.ts';
import type { ForecastView } from './forecast/view.ts';
import type { BillMove } from './forecast/impact.ts';
import type { Scenario } from './forecast/scenario.ts';
import type {
  MovesPreview,
  RecordedMoves,
  SavedScenario,
  ScenarioComparison,
  ScenarioRecords,
} from './forecast/scenario-view.ts';
import type { CollectionsView } from './collections.ts';
import type {
  DigestExportRequest,
  DigestExportResult,
  DigestExportTarget,
  DigestProgress,
} from './digest/export.ts';
import type { DigestModel } from './digest/model.ts';
import type { SyncProblem } from './tray/sync-problem.ts';
import type {
  FixChoices,
  TrayDecision,
  TrayHistoryEntry,
  TrayListItem,
  TrayNote,
} from './tray/tray-view.ts';
import type { Result } from './result.ts';
import type { MenuAction } from './app-menu.ts';
import type { SettingsPatch, SettingsView } from './settings.ts';
import type { ClientSyncStatus, SyncClientsProgress, SyncProgress, SyncRunResult } from './sync.ts';

export type AppInfo = { version: string; dataDir: string; schemaVersion: number };

/** channel -> (one plain-object argument) -> value inside the result envelope */
export type InvokeMap = {
  'app:get-info': { arg: Record<string, never>; value: AppInfo };
  'clients:list': { arg: Record<string, never>; value: Client[] };
  // The advisor's work (issue 5): handlers in src/main/handlers/advisor-work.ts.
  'clients:overview': { arg: Record<string, never>; value: ClientOverview[] };
  /** The client's tray items (its sync problems are not among them: `sync:problem`). */
  'tray:list': { arg: { businessId: string; statuses?: TrayStatus[] }; value: TrayListItem[] };
  /**
   * Recomputes trays now (one client, or all) with the current thresholds: after the settings file was
   * edited by hand. Syncs, decisions, calls and settings:set recompute the trays they change themselves.
   */
  'tray:recheck': { arg: { businessId?: string }; value: { recomputed: string[] } };
  'tray:decide': {
    arg: {
      businessId: string;
      itemId: number;
      decision: 'approve' | 'exclude' | 'reopen';
      note?: string | null;
    };
    value: TrayItem;
  };
  'console:list': { arg: { businessId: string; delayTo?: string }; value: ConsoleView };
  'decisions:record': {
    arg: {
      businessId: string;
      billQboId: string;
      action: DecisionAction;
      plannedDate?: string | null;
      note?: string | null;
    };
    value: { decisionId: number; runwayWeeks: number | null };
  };
  'calls:list': { arg: { businessId?: string }; value: CallList };
  'calls:record': {
    arg: {
      businessId: string;
      invoiceQboId: string;
      outcome: CallOutcome;
      promisedDate?: string | null;
      followUpOn?: string | null;
      note?: string | null;
    };
    value: { callId: number };
  };
  /**
   * Starts connecting a QBO company: the app opens `authorizeUrl` in the system browser (the CLI prints
   * it); `connection:changed` follows when the browser comes back, `connection:failed` if it never does.
   * `port`: the one-time redirect listener's port (its http://localhost:PORT/callback must be registered
   * with the Intuit app); `timeoutSeconds`: how long to wait for the browser; `sandbox`: Intuit's sandbox.
   */
  'clients:connect': {
    arg: { port?: number; timeoutSeconds?: number; sandbox?: boolean };
    value: { authorizeUrl: string };
  };
  /** Starts the built-in demo books (the QBO emulator) and connects every company in them; `fresh`: new books. */
  'clients:connect-demo': {
    arg: { fresh?: boolean };
    value: { businessId: string; realmId: string; displayName: string }[];
  };
  /** Revokes the connection at Intuit (best effort: `revokeError` says why not) and deletes its tokens. */
  'clients:disconnect': {
    /** `dropFixes`: discard the client's unsent fixes (refused with CONFLICT while there are any). */
    arg: { businessId: string; dropFixes?: boolean };
    value: { businessId: string; revoked: boolean; revokeError: string | null };
  };
  /** Syncs one client or every connected one; `sync:progress` events while it runs. */
  'sync:run': { arg: { businessId?: string; strict?: boolean }; value: SyncRunResult[] };
  'sync:status': { arg: { businessId?: string }; value: ClientSyncStatus[] };
  /** Records a hygiene fix (checked against the mirror) in the outbox; the next sync sends it. */
  'fixes:record': { arg: FixRequest; value: OutboxFix };
  'outbox:list': { arg: { businessId?: string; states?: FixState[] }; value: OutboxFix[] };
  /** A conflict: "mine" sends the fix again on QBO's newer version, "theirs" keeps QBO's values. */
  'outbox:resolve': { arg: { fixId: number; keep: 'mine' | 'theirs' }; value: OutboxFix };
  /**
   * The client's 91-day daily cash forecast, with its recurring money and customers' paying habits;
   * `scenario`: a saved scenario's name, applied (the view's `scenario` says which changes no longer apply).
   */
  'forecast:get': { arg: { businessId: string; scenario?: string }; value: ForecastView };
  /** Confirm, ignore or re-amount a recurring item the forecast found; the choice is kept. */
  'forecast:recurring': {
    arg: {
      businessId: string;
      key: string;
      choice: 'confirm' | 'ignore' | 'amount';
      amountCents?: number;
    };
    value: ForecastView;
  };
  'digest:build': {
    /** `scenario`: a saved what-if shown beside the baseline, for each client that has one by that name. */
    arg: { businessId?: string; all?: boolean; save?: boolean; scenario?: string };
    value: DigestModel[];
  };
  // Bulk re-date and scenarios (issue 12 §3-4): handlers in src/main/handlers/forecast.ts.
  /** The combined effect of moving these bills (pay now, to a date, by N days); writes nothing. */
  'console:preview-moves': {
    arg: { businessId: string; moves: BillMove[] };
    value: MovesPreview;
  };
  /**
   * Records one decision per moved bill (pay now, or delay to the move's date) in one transaction: an
   * unknown, paid, deleted or incomplete bill refuses all of them (INVALID_INPUT naming it).
   */
  'decisions:record-moves': {
    arg: { businessId: string; moves: BillMove[]; note?: string | null };
    value: RecordedMoves;
  };
  /** The client's saved scenarios, by name, each with the changes that no longer apply. */
  'scenarios:list': { arg: { businessId: string }; value: SavedScenario[] };
  /** Creates or replaces (by name, trimmed, 1-60 characters, case-insensitive) a scenario. */
  'scenarios:save': { arg: { businessId: string; scenario: Scenario }; value: SavedScenario };
  /** Deletes a scenario by name; returns the ones left. */
  'scenarios:delete': { arg: { businessId: string; name: string }; value: SavedScenario[] };
  /** The baseline and these scenarios (default: every saved one), side by side. */
  'forecast:compare': {
    arg: { businessId: string; scenarios?: string[] };
    value: ScenarioComparison;
  };
  // Settings (issue 13): src/main/settings/, handlers in src/main/handlers/settings.ts.
  /** The advisor's settings; the Intuit client secret only as "set" / "not set", never its value. */
  'settings:get': { arg: Record<string, never>; value: SettingsView };
  /** Changes the settings given (`null`: back to the default, the secret removed); returns them as saved. */
  'settings:set': { arg: SettingsPatch; value: SettingsView };
  // The window's scenario form (console-ui): handler in src/main/handlers/forecast.ts.
  /** The open bills and invoices a scenario can change, named and dated as the forecast places them. */
  'scenarios:open-records': { arg: { businessId: string }; value: ScenarioRecords };
  // The tray screen (issue 13 §4 "Tray"): handlers in src/main/handlers/tray.ts.
  /**
   * Decides several items of one client in one transaction, each kept in its history (with the note, also
   * kept as a note): an unknown item (NOT_FOUND), a resolved one (CONFLICT) or a sync problem
   * (INVALID_INPUT) refuses all of them, named.
   */
  'tray:decide-many': {
    arg: { businessId: string; itemIds: number[]; decision: TrayDecision; note?: string | null };
    value: TrayItem[];
  };
  /** Adds a note to an item (kept in its history). */
  'tray:note': { arg: { itemId: number; text: string }; value: TrayNote };
  /** An item's history, oldest first: found, decisions, notes, fixes of its records, resolved. */
  'tray:history': { arg: { itemId: number }; value: TrayHistoryEntry[] };
  /** What the fix forms of these items offer: their records' lines and dates, and what to pick from. */
  'tray:fix-choices': { arg: { businessId: string; itemIds: number[] }; value: FixChoices };
  /** The client's connection or sync problem for the banner (reconnect, retry), or null when none. */
  'sync:problem': { arg: { businessId: string }; value: SyncProblem | null };
  // The client list and the client view's header (issue 13 §4): handlers in src/main/handlers/clients.ts
  // and sync.ts.
  /** One client's row of the list: the client view's header (cash, runway, lowest point, as of). */
  'clients:get': { arg: { businessId: string }; value: ClientOverview };
  /** Adds and removes the advisor's own labels on a client (1-30 characters each); returns them all. */
  'clients:tag': {
    arg: { businessId: string; add?: string[]; remove?: string[] };
    value: { businessId: string; tags: string[] };
  };
  /** Cancels the sync runs in progress; each client stops after its committed pages (resumed next time). */
  'sync:cancel': { arg: Record<string, never>; value: { cancelled: number } };
  // Collections and the digest export (issue 13 §4): handlers in src/main/handlers/collections.ts.
  /** Every overdue invoice (a day late or more) of every client or one, with the customer's contact. */
  'collections:list': { arg: { businessId?: string }; value: CollectionsView };
  /** Where digest:export writes on this host, and whether it can choose or open a folder. */
  'digest:export-target': { arg: Record<string, never>; value: DigestExportTarget };
  /**
   * Writes the digests of one client or all as files (`digest:progress` after each), then saves them as
   * the baseline; a failure part way is the result's `failure`, the files written so far kept.
   */
  'digest:export': { arg: DigestExportRequest; value: DigestExportResult };
  /** Shows a folder an export of this session wrote in the file manager (the desktop app). */
  'digest:open-folder': { arg: { folder: string }; value: { opened: true } };
  /** One file an export of this session wrote, for the browser version to download. */
  'digest:file': {
    arg: { folder: string; name: string };
    value: { name: string; mimeType: string; base64: string };
  };
  // Firm mode (issue 15 §5): handlers in src/main/handlers/firm.ts, the work in src/main/firm/.
  /** Signs this data folder in to the firm's hub with a one-time code; its clients become local clients. */
  'firm:connect': {
    arg: { hubUrl: string; code: string; email?: string; deviceName?: string };
    value: FirmConnected;
  };
  /** The link to the firm's hub, what waits to be pushed, and the edits a later one replaced. */
  'firm:status': { arg: Record<string, never>; value: FirmStatus };
  /** Pushes the work made here and pulls the firm's changes (never QuickBooks directly). */
  'firm:sync': { arg: Record<string, never>; value: FirmSyncResult };
  /** A firm client's audit trail on the hub, oldest first, after entry `after` (reviewers and admins). */
  'firm:audit': {
    arg: { businessId: string; after?: number; limit?: number };
    value: { entries: FirmAuditEntry[]; more: boolean };
  };
};

/** event -> payload pushed from main to the renderer */
export type EventMap = {
  'connection:changed': { businessId: string; connectionState: Client['connectionState'] };
  /** A connection started by `clients:connect` did not complete (timeout, refused consent, bad code). */
  'connection:failed': { message: string };
  'sync:progress': SyncProgress;
  /** Another RowCol process on the same data folder is syncing this client; this one waits for it. */
  'sync:waiting': { businessId: string; holder: string };
  /** The desktop app's menu asked the window to do something (src/main/app/menu.ts). */
  'app:menu': { action: MenuAction };
  /** A sync run over clients: `done` of `total` finished; `last` the client that just finished. */
  'sync:clients': SyncClientsProgress;
  /** A digest export wrote one more digest's files (digest:export). */
  'digest:progress': DigestProgress;
};

export type InvokeChannel = keyof InvokeMap;
export type EventChannel = keyof EventMap;
export type ArgOf<C extends InvokeChannel> = InvokeMap[C]['arg'];
export type ValueOf<C extends InvokeChannel> = InvokeMap[C]['value'];

export type Handlers = { [C in InvokeChannel]: (arg: ArgOf<C>) => Promise<Result<ValueOf<C>>> };

// `satisfies` makes both lists complete and exact: a channel added to a map but not here (or a typo
// here) fails the typecheck.
export const invokeChannels = [
  'app:get-info',
  'clients:list',
  'clients:overview',
  'clients:connect',
  'clients:connect-demo',
  'clients:disconnect',
  'sync:run',
  'sync:status',
  'tray:list',
  'tray:decide',
  'tray:recheck',
  'console:list',
  'decisions:record',
  'calls:list',
  'calls:record',
  'digest:build',
  'fixes:record',
  'outbox:list',
  'outbox:resolve',
  'forecast:get',
  'forecast:recurring',
  'console:preview-moves',
  'decisions:record-moves',
  'scenarios:list',
  'scenarios:save',
  'scenarios:delete',
  'forecast:compare',
  'settings:get',
  'settings:set',
  'scenarios:open-records',
  'tray:decide-many',
  'tray:note',
  'tray:history',
  'tray:fix-choices',
  'sync:problem',
  'clients:get',
  'clients:tag',
  'sync:cancel',
  'collections:list',
  'digest:export-target',
  'digest:export',
  'digest:open-folder',
  'digest:file',
  'firm:connect',
  'firm:status',
  'firm:sync',
  'firm:audit',
] as const satisfies readonly InvokeChannel[];
export const eventChannels = [
  'connection:changed',
  'connection:failed',
  'sync:progress',
  'sync:waiting',
  'app:menu',
  'sync:clients',
  'digest:progress',
] as const satisfies readonly EventChannel[];

type Missing<All, Listed> = Exclude<All, Listed>;
const _allInvokeListed: Missing<InvokeChannel, (typeof invokeChannels)[number]> extends never
  ? true
  : never = true;
const _allEventsListed: Missing<EventChannel, (typeof eventChannels)[number]> extends never
  ? true
  : never = true;
void _allInvokeListed;
void _allEventsListed;

export const isInvokeChannel = (name: unknown): name is InvokeChannel =>
  typeof name === 'string' && (invokeChannels as readonly string[]).includes(name);

/** What the preload puts on `window.rowcol`, and what the UI test harness recreates. */
export type RowcolApi = {
  invoke: <C extends InvokeChannel>(channel: C, arg: ArgOf<C>) => Promise<Result<ValueOf<C>>>;
  on: <E extends EventChannel>(event: E, listener: (payload: EventMap[E]) => void) => () => void;
};
