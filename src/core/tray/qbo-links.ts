// "Open in QuickBooks": the QuickBooks Online web page of a record, from the client's environment. Pure,
// so the window, the CLI and the Electron allowlist agree on one form. The paths are the ones QBO's own
// web app uses; Intuit does not document them (docs/qbo-api.md §7, UNVERIFIED), so they live here only.
import type { QboEnvironment } from '../clients.ts';

/** QBO's web app per environment; a custom server (the demo books, the emulator) has none. */
export const qboWebHosts = {
  production: 'https://app.qbo.intuit.com',
  sandbox: 'https://app.sandbox.qbo.intuit.com',
} as const;

/** The page of each entity a tray item can name, and the query parameter carrying its id. */
const pages: Record<string, { path: string; param: 'txnId' | 'nameId' | 'accountId' }> = {
  Bill: { path: 'bill', param: 'txnId' },
  Invoice: { path: 'invoice', param: 'txnId' },
  // QBO opens every Purchase (check, cash or card expense) in its expense form.
  Purchase: { path: 'expense', param: 'txnId' },
  Payment: { path: 'recvpayment', param: 'txnId' },
  BillPayment: { path: 'billpayment', param: 'txnId' },
  Vendor: { path: 'vendordetail', param: 'nameId' },
  Customer: { path: 'customerdetail', param: 'nameId' },
  Account: { path: 'register', param: 'accountId' },
};

export type QboRecordRef = {
  environment: QboEnvironment;
  realmId: string;
  entity: string | null;
  qboId: string | undefined;
};

/**
 * The web URL of one record, or null when there is none to open (a custom server, a client-wide item, an
 * entity QBO has no page for). `deeplinkcompanyid` names the company: an advisor signed in to many clients
 * would otherwise land in whichever company their QBO session last had open.
 */
export function qboRecordUrl(r: QboRecordRef): string | null {
  if (r.environment === 'custom' || !r.entity || !r.qboId) return null;
  const page = pages[r.entity];
  if (!page) return null;
  const q = `${page.param}=${encodeURIComponent(r.qboId)}&deeplinkcompanyid=${encodeURIComponent(r.realmId)}`;
  return `${qboWebHosts[r.environment]}/app/${page.path}?${q}`;
}
