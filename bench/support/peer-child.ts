// Bench child, the anchor of the sync figure: node-quickbooks downloading the same company from the same
// emulator, entity after entity with `fetchAll` (its own paging), as an integration built on it would.
// It stores nothing. Prints one JSON line: wall time, records, peak RSS.
import { createRequire } from 'node:module';
import { request } from 'undici';

export type PeerRun = {
  ok: boolean;
  error: string | null;
  ms: number;
  records: number;
  maxRssKb: number;
};

const require = createRequire(import.meta.url);
const [apiBaseUrl, clientId, clientSecret, accessToken, refreshToken, realmId] =
  process.argv.slice(2);
const QuickBooks = require('node-quickbooks') as {
  new (
    ...args: unknown[]
  ): Record<string, (criteria: unknown, cb: (err: unknown, data: unknown) => void) => void>;
  V3_ENDPOINT_BASE_URL: string;
};
QuickBooks.V3_ENDPOINT_BASE_URL = `${apiBaseUrl}/v3/company/`;
const qbo = new QuickBooks(
  clientId,
  clientSecret,
  accessToken,
  false,
  realmId,
  true,
  false,
  75,
  '2.0',
  refreshToken,
);
const finders: Record<string, string> = {
  Account: 'findAccounts',
  Vendor: 'findVendors',
  Customer: 'findCustomers',
  Item: 'findItems',
  Bill: 'findBills',
  Invoice: 'findInvoices',
  BillPayment: 'findBillPayments',
  Payment: 'findPayments',
  Purchase: 'findPurchases',
};
const started = performance.now();
let records = 0;
let error: string | null = null;
for (const [entity, finder] of Object.entries(finders)) {
  try {
    const criteria = ['Account', 'Vendor', 'Customer'].includes(entity)
      ? [
          { field: 'fetchAll', value: true },
          { field: 'Active', value: [true, false], operator: 'IN' },
        ]
      : { fetchAll: true };
    const data = await new Promise<{ QueryResponse: Record<string, unknown[]> }>(
      (resolve, reject) =>
        qbo[finder]!(criteria, (err, d) =>
          err ? reject(err) : resolve(d as { QueryResponse: Record<string, unknown[]> }),
        ),
    );
    records += data.QueryResponse[entity]?.length ?? 0;
  } catch (e) {
    error = `${entity}: ${JSON.stringify((e as { Fault?: unknown }).Fault ?? (e as Error).message ?? e).slice(0, 160)}`;
    break;
  }
}
const info = await request(
  `${apiBaseUrl}/v3/company/${realmId}/companyinfo/${realmId}?minorversion=75`,
  {
    headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
  },
);
await info.body.text();
records += 1;
process.stdout.write(
  JSON.stringify({
    ok: error === null,
    error,
    ms: performance.now() - started,
    records,
    maxRssKb: process.resourceUsage().maxRSS,
  } satisfies PeerRun) + '\n',
);
