// An outside-service double that serves fixed records in QBO's wire format (query envelope as in
// fixture query_customer_all.json, empty page as query_empty_page.json, CDC as cdc_response_estimate.json),
// so tests can hand the sync engine records the emulator would never produce (malformed ones).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ReplayServer = { apiBaseUrl: string; close(): Promise<void> };

export async function startReplayQbo(records: Record<string, unknown[]>): Promise<ReplayServer> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const time = '2025-03-03T09:00:00.000-08:00';
    const send = (json: unknown) =>
      res
        .writeHead(200, {
          'content-type': 'application/json;charset=utf-8',
          intuit_tid: 'replay-1',
        })
        .end(JSON.stringify(json));
    if (url.pathname.includes('/companyinfo/'))
      return send({
        CompanyInfo: {
          Id: '1',
          SyncToken: '0',
          CompanyName: 'Replay Co',
          MetaData: { LastUpdatedTime: '2025-01-01T00:00:00-08:00' },
        },
        time,
      });
    if (url.pathname.endsWith('/cdc'))
      return send({ CDCResponse: [{ QueryResponse: [{}] }], time });
    const q = url.searchParams.get('query') ?? '';
    const entity = /FROM\s+(\w+)/i.exec(q)?.[1] ?? '';
    const start = Number(/STARTPOSITION\s+(\d+)/i.exec(q)?.[1] ?? 1);
    const max = Number(/MAXRESULTS\s+(\d+)/i.exec(q)?.[1] ?? 100);
    const page = (records[entity] ?? []).slice(start - 1, start - 1 + max);
    send({
      QueryResponse: page.length
        ? { [entity]: page, startPosition: start, maxResults: page.length }
        : {},
      time,
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    apiBaseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
