// A pull cut off part way (the hub stops answering after some batches) keeps every batch it applied, with
// its cursor, and the next sync goes on from there: nothing fetched twice, nothing missed. The cut is
// made by a loopback proxy in front of the hub that serves a fixed number of pull answers, then 503.
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { mirroredEntities } from '../../src/core/mirror/entities.ts';
import { firmClients, firmLink } from '../../src/main/db/repositories/firm.ts';
import { countMirror } from '../../src/main/db/repositories/mirror.ts';
import { countMirror as countHubMirror } from '../../src/main/hub/db/repositories/mirror.ts';
import { hubTestDrivers } from '../support/postgres.ts';
import { startFirm, type Firm } from './support/firm-harness.ts';

const drivers = hubTestDrivers();
let firm: Firm | undefined;
let proxy: Server | undefined;
afterEach(async () => {
  await new Promise((r) => (proxy ? proxy.close(r) : r(undefined)));
  proxy?.closeAllConnections();
  proxy = undefined;
  await firm?.close();
  firm = undefined;
});

/** Forwards to `target`; after `pulls.allowed` pull answers, answers 503 to every pull. */
async function cuttingProxy(
  target: string,
  pulls: { allowed: number; served: number },
): Promise<string> {
  const to = new URL(target);
  proxy = createServer((req, res) => {
    if (req.url?.startsWith('/pull') && pulls.served >= pulls.allowed) {
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'unavailable', message: 'cut' } }));
      return;
    }
    if (req.url?.startsWith('/pull')) pulls.served++;
    const out = request(
      { host: to.hostname, port: to.port, path: req.url, method: req.method, headers: req.headers },
      (back) => {
        res.writeHead(back.statusCode ?? 502, back.headers);
        back.pipe(res);
      },
    );
    req.pipe(out);
  });
  await new Promise<void>((r) => proxy!.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
}

describe.each(drivers)('a cut pull on $name', (driver) => {
  if (driver.skip) console.warn(`skipping PostgreSQL firm resume tests: ${driver.skip}`);

  it.skipIf(driver.skip !== null)(
    'keeps the batches applied and resumes after the last one',
    { timeout: 180_000 },
    async () => {
      firm = await startFirm(driver, 1);
      await firm.refresh();
      const [c0] = firm.hub.companies.map((c) => c.companyId) as [string];
      const pulls = { allowed: 3, served: 0 };
      const url = await cuttingProxy(firm.api.url, pulls);
      const code = await firm.advisor('erin@firm.test', 'advisor', [c0]);
      // The desktop signs in through the proxy: every later request goes through it too.
      const d = await firm.desktop('erin-pc', code, url);
      const { n: total } = (
        await firm.hub.db.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM mirror_records WHERE company_id = $1',
          [c0],
        )
      )[0]!;
      expect(total).toBeGreaterThan(100);
      const local = () =>
        mirroredEntities.reduce(
          (n, e) =>
            n +
            countMirror(
              d.db,
              { advisorId: d.ctx.advisorId, businessId: firmClients(d.db)[0]!.businessId },
              e,
              true,
            ),
          0,
        );

      await expect(d.sync({ pullLimit: 20 })).rejects.toThrow(/cut/);
      // Three batches of 20 arrived and stayed, with the cursor at the last change of the third.
      expect(local()).toBe(60);
      const { seq } = (
        await firm.hub.db.query<{ seq: number }>(
          'SELECT change_seq AS seq FROM mirror_records WHERE company_id = $1 ORDER BY change_seq OFFSET 59 LIMIT 1',
          [c0],
        )
      )[0]!;
      expect(firmLink(d.db)!.pulledSeq).toBe(Number(seq));

      pulls.allowed = Number.POSITIVE_INFINITY;
      const rest = await d.sync({ pullLimit: 20 });
      expect(rest.records).toBe(total - 60);
      expect(rest.pullRequests).toBe(Math.ceil((total - 60) / 20));
      const hubCounts = await countHubMirror(firm.hub.db, c0);
      for (const entity of mirroredEntities)
        expect(
          countMirror(
            d.db,
            { advisorId: d.ctx.advisorId, businessId: firmClients(d.db)[0]!.businessId },
            entity,
          ),
          entity,
        ).toBe(hubCounts[entity] ?? 0);
    },
  );
});
