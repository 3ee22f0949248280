// A firm desktop with the app open exchanges with its hub in the background too (the runtime's background
// sync, as the desktop app starts it): work made here is pushed and another advisor's arrives, with no
// Sync now pressed. Driven by what the databases hold, never by a chosen wait.
import { afterEach, describe, expect, it } from 'vitest';
import { currentDecisions } from '../../src/main/db/repositories/decisions.ts';
import { firmClients, unpushedCount } from '../../src/main/db/repositories/firm.ts';
import { readMirror } from '../../src/main/db/repositories/mirror.ts';
import { hubTestDrivers } from '../support/postgres.ts';
import { startFirm, type Desktop, type Firm } from './support/firm-harness.ts';

const embedded = hubTestDrivers().find((d) => d.name === 'pglite')!;
let firm: Firm | undefined;
afterEach(async () => {
  await firm?.close();
  firm = undefined;
});

const businessOf = (d: Desktop, companyId: string) =>
  firmClients(d.db).find((f) => f.companyId === companyId)!.businessId;

describe('a firm desktop in the background', () => {
  it('pushes its work and pulls the others’ without Sync now', { timeout: 240_000 }, async () => {
    firm = await startFirm(embedded, 1);
    await firm.refresh();
    const companyId = firm.hub.companies[0]!.companyId;
    const ann = await firm.desktop(
      'ann',
      await firm.advisor('ann@firm.test', 'advisor', [companyId]),
    );
    const bob = await firm.desktop(
      'bob',
      await firm.advisor('bob@firm.test', 'advisor', [companyId]),
    );
    await ann.sync();
    await bob.sync();
    const annClient = businessOf(ann, companyId);
    const bill = readMirror(ann.db, { advisorId: ann.ctx.advisorId, businessId: annClient }, 'Bill')
      .filter((r) => Number((r.data as { Balance?: number }).Balance ?? 0) > 0)
      .map((r) => r.qboId)[0]!;
    await ann.runtime.call('decisions:record', {
      businessId: annClient,
      billQboId: bill,
      action: 'hold',
      note: 'ask the owner first',
    });
    expect(unpushedCount(ann.db)).toBe(1);

    // Ann's window is open: its background sync pushes; Bob's pulls.
    await ann.runtime.startBackground();
    await expect.poll(() => unpushedCount(ann.db), { timeout: 120_000 }).toBe(0);
    await bob.runtime.startBackground();
    const bobScope = { advisorId: bob.ctx.advisorId, businessId: businessOf(bob, companyId) };
    await expect
      .poll(() => currentDecisions(bob.db, bobScope).map((d) => [d.billQboId, d.action]), {
        timeout: 120_000,
      })
      .toEqual([[bill, 'hold']]);
  });
});
