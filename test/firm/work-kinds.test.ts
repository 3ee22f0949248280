// Every kind of work made on one desktop reaches the other through the hub: a tray note, a call with a
// promised date, a scenario saved and then deleted, a tray item excluded and reopened. Each arrives once,
// in the name of the advisor who made it, and work pulled from the hub is never queued back to it.
import { hostname } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { callsForInvoice } from '../../src/main/db/repositories/collection-calls.ts';
import {
  claimFirmSync,
  firmClients,
  trayItemByKey,
  unpushedCount,
} from '../../src/main/db/repositories/firm.ts';
import { listHygieneItems } from '../../src/main/db/repositories/hygiene-items.ts';
import { readMirror } from '../../src/main/db/repositories/mirror.ts';
import { listScenarios } from '../../src/main/db/repositories/scenarios.ts';
import { hubTestDrivers } from '../support/postgres.ts';
import { startFirm, type Desktop, type Firm } from './support/firm-harness.ts';

const drivers = hubTestDrivers();
let firm: Firm | undefined;
afterEach(async () => {
  await firm?.close();
  firm = undefined;
});

const scope = (d: Desktop) => ({
  advisorId: d.ctx.advisorId,
  businessId: firmClients(d.db)[0]!.businessId,
});

describe.each(drivers)('work crossing desktops on $name', (driver) => {
  if (driver.skip) console.warn(`skipping PostgreSQL firm work tests: ${driver.skip}`);

  it.skipIf(driver.skip !== null)(
    'notes, calls, scenarios and tray choices made on one desktop reach the other once',
    { timeout: 180_000 },
    async () => {
      firm = await startFirm(driver, 1);
      await firm.refresh();
      const [c0] = firm.hub.companies.map((c) => c.companyId) as [string];
      const a = await firm.desktop('ann', await firm.advisor('ann@firm.test', 'advisor', [c0]));
      const b = await firm.desktop('bob', await firm.advisor('bob@firm.test', 'advisor', [c0]));
      await a.sync();
      await b.sync();
      const sa = scope(a);
      const sb = scope(b);

      const item = listHygieneItems(a.db, sa, ['open'])[0]!;
      await a.runtime.call('tray:note', {
        itemId: item.id,
        text: 'asked the client for the receipt',
      });
      await a.runtime.call('tray:decide', {
        businessId: sa.businessId,
        itemId: item.id,
        decision: 'exclude',
      });
      const invoice = readMirror(a.db, sa, 'Invoice')[0]!.qboId;
      await a.runtime.call('calls:record', {
        businessId: sa.businessId,
        invoiceQboId: invoice,
        outcome: 'reached',
        note: 'will pay Friday',
      });
      await a.runtime.call('scenarios:save', {
        businessId: sa.businessId,
        scenario: {
          name: 'Slow March',
          changes: [{ kind: 'one-off', amountCents: -500_000, date: '2030-03-01', label: 'tax' }],
        },
      });
      // note, tray choice, call, scenario
      expect(unpushedCount(a.db)).toBe(4);
      expect((await a.sync()).pushed).toBe(4);
      const got = await b.sync();
      expect(got.work).toBe(4);
      // Work that came from the hub is not queued back to it.
      expect(unpushedCount(b.db)).toBe(0);

      const onB = trayItemByKey(b.db, sb, item.code, item.recordKey)!;
      expect(onB.status).toBe('excluded');
      const history = await b.runtime.call('tray:history', { itemId: onB.id });
      expect(history).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            kind: 'note',
            by: 'ann@firm.test',
            note: 'asked the client for the receipt',
          }),
        ]),
      );
      expect(callsForInvoice(b.db, sb, invoice)).toEqual([
        expect.objectContaining({
          outcome: 'reached',
          note: 'will pay Friday',
          calledBy: 'ann@firm.test',
        }),
      ]);
      expect(listScenarios(b.db, sb)).toEqual([
        expect.objectContaining({
          name: 'Slow March',
          changes: [{ kind: 'one-off', amountCents: -500_000, date: '2030-03-01', label: 'tax' }],
        }),
      ]);

      // Bob reopens the item and deletes the scenario; Ann gets both; a second pull brings nothing new.
      await b.runtime.call('tray:decide', {
        businessId: sb.businessId,
        itemId: onB.id,
        decision: 'reopen',
      });
      await b.runtime.call('scenarios:delete', { businessId: sb.businessId, name: 'slow march' });
      expect((await b.sync()).pushed).toBe(2);
      expect((await a.sync()).work).toBe(2);
      expect(trayItemByKey(a.db, sa, item.code, item.recordKey)!.status).toBe('open');
      expect(listScenarios(a.db, sa)).toEqual([]);
      expect(await a.sync()).toMatchObject({ work: 0, records: 0, pushed: 0 });
      expect(callsForInvoice(a.db, sa, invoice)).toHaveLength(1);

      // One firm sync at a time on a data folder: a second one at once is refused in one line; a claim
      // left by a process that died (its pid gone on this host) is taken over at once.
      const both = await Promise.allSettled([a.sync(), a.sync()]);
      expect(both.map((x) => x.status)).toEqual(['fulfilled', 'rejected']);
      expect((both[1] as PromiseRejectedResult).reason.message).toMatch(
        /^Another RowCol \(.+\) is syncing this data folder with the firm hub; try again when it is done\.$/,
      );
      const later = new Date(Date.now() + 600_000).toISOString();
      expect(
        claimFirmSync(a.db, `${hostname()}:${2 ** 22 + 17}:dead`, later, new Date().toISOString()),
      ).toBe(true);
      await expect(a.sync()).resolves.toMatchObject({ pushed: 0 });
    },
  );
});
