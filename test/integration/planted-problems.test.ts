// Issue 5's acceptance: against the emulator's generated books, synced through the real engine, every
// planted problem shows up in the tray under the right code, and nothing else does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrayItem } from '../../src/core/advisor-work.ts';
import type { Runtime } from '../../src/main/runtime/runtime.ts';
import { startHarness, type Harness } from '../sync/support/harness.ts';

type Planted = { asOf: string; problems: { code: string; entity: string; qboIds: string[] }[] };

// The emulator lists every overdue record; the tray raises them only while nobody acted on them, which is
// the case in fresh books (no decision recorded, no call logged yet).
const trayCodeOf: Record<string, string> = {
  BILL_OVERDUE: 'BILL_OVERDUE_NO_DECISION',
  INVOICE_OVERDUE_30: 'INVOICE_OVERDUE_NO_CALL',
};
const key = (code: string, ids: readonly string[]) =>
  `${code} ${[...ids].sort((a, b) => Number(a) - Number(b)).join(',')}`;

describe('planted problems reach the tray', () => {
  let h: Harness;
  let rt: Runtime;
  let asOf: string;
  beforeAll(async () => {
    h = await startHarness({ companies: 3, seed: 1 });
    // The manifest is as of the books' day (QBO's Pacific time); the tray judges by the advisor's local
    // day. Between local and Pacific midnight those differ, so the tray looks on the manifest's day.
    asOf = (await h.admin<Planted>('GET', `/companies/${h.clients[0]!.realmId}/planted`)).asOf;
    rt = h.runtime({ now: () => new Date(`${asOf}T12:00:00`) });
    // Synced as every entry point syncs: the tray is computed at the end of each client's sync.
    for (const r of await rt.call('sync:run', {})) expect(r.error).toBeNull();
  });
  afterAll(() => h?.close());

  it('every planted problem, under its code, and nothing else, in every company', async () => {
    const seenCodes = new Set<string>();
    for (const client of h.clients) {
      const planted = await h.admin<Planted>('GET', `/companies/${client.realmId}/planted`);
      expect(planted.asOf).toBe(asOf);
      const expected = planted.problems
        .map((p) => key(trayCodeOf[p.code] ?? p.code, p.qboIds))
        .sort();
      const items = await rt.call('tray:list', { businessId: client.businessId });
      const actual = items.map((i: TrayItem) => key(i.code, i.qboIds)).sort();
      expect(actual, client.displayName).toEqual(expected);
      for (const p of planted.problems) seenCodes.add(p.code);
    }
    // The generated books plant every kind of problem the issue names.
    for (const code of [
      'UNCATEGORIZED_LINE',
      'PURCHASE_NO_PAYEE',
      'ZERO_AMOUNT',
      'DUPLICATE_BILL',
      'PAID_OUTSIDE_QBO',
      'INVOICE_NEVER_SENT',
      'PAYMENT_UNAPPLIED',
      'UNDEPOSITED_FUNDS',
      'INVOICE_OVERDUE_30',
      'BANK_ACCOUNT_QUIET',
    ])
      expect(seenCodes, code).toContain(code);
  });

  it('a problem fixed in QBO leaves the tray after the next sync', async () => {
    const client = h.clients[0]!;
    const planted = await h.admin<Planted>('GET', `/companies/${client.realmId}/planted`);
    const noPayee = planted.problems.find((p) => p.code === 'PURCHASE_NO_PAYEE');
    expect(noPayee).toBeDefined();
    const vendor = await h.admin<{ Id: string }>('POST', `/companies/${client.realmId}/Vendor`, {
      DisplayName: 'Fixed Payee Ltd',
    });
    await h.admin('POST', `/companies/${client.realmId}/Purchase/${noPayee!.qboIds[0]}`, {
      EntityRef: { value: vendor.Id, type: 'Vendor' },
    });
    expect((await rt.call('sync:run', { businessId: client.businessId }))[0]!.error).toBeNull();
    const open = await rt.call('tray:list', { businessId: client.businessId });
    expect(open.map((i) => key(i.code, i.qboIds))).not.toContain(
      key('PURCHASE_NO_PAYEE', noPayee!.qboIds),
    );
    const resolved = await rt.call('tray:list', {
      businessId: client.businessId,
      statuses: ['resolved'],
    });
    expect(resolved.map((i) => key(i.code, i.qboIds))).toContain(
      key('PURCHASE_NO_PAYEE', noPayee!.qboIds),
    );
  });
});
