// The fixes an advisor makes every week (issue 11), each made from the tray item that found the problem,
// sent to the emulator, checked there (not in the mirror), and the tray item resolved by the next sync.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrayItem } from '../../src/core/advisor-work.ts';
import type { FixEntity } from '../../src/core/fixes.ts';
import type { Runtime } from '../../src/main/runtime/runtime.ts';
import { startHarness, type Harness } from '../sync/support/harness.ts';
import { qboRecord } from './support.ts';

let h: Harness;
let rt: Runtime;
beforeAll(async () => {
  h = await startHarness({
    seed: 1,
    companies: 3,
    limits: { perMinute: 100_000, perSecond: 1_000, concurrent: 10 },
  });
  rt = h.runtime();
  for (const r of await rt.call('sync:run', {})) expect(r.error).toBeNull();
});
afterAll(async () => h?.close());

/** The first open tray item of this code in any company, with its client. */
async function itemOf(
  code: string,
): Promise<{ item: TrayItem; client: Harness['clients'][number] }> {
  for (const client of h.clients) {
    const item = (await rt.call('tray:list', { businessId: client.businessId })).find(
      (i) => i.code === code,
    );
    if (item) return { item, client };
  }
  throw new Error(`the generated books plant no ${code}`);
}

const sql = <T>(q: string, ...p: unknown[]) => h.db.prepare(q).get(...p) as T;

async function fixAndSync(
  client: Harness['clients'][number],
  item: TrayItem,
  what: Record<string, unknown>,
) {
  const fix = await rt.call('fixes:record', {
    businessId: client.businessId,
    entity: item.entity as FixEntity,
    qboId: item.qboIds[0]!,
    itemId: item.id,
    ...what,
  });
  const [run] = await rt.call('sync:run', { businessId: client.businessId });
  const after = (await rt.call('outbox:list', { businessId: client.businessId })).find(
    (f) => f.id === fix.id,
  )!;
  return {
    fix: after,
    run: run!,
    open: await rt.call('tray:list', { businessId: client.businessId }),
  };
}

describe('weekly fixes from the tray', () => {
  it('recategorizes a line posted to Uncategorized / Ask My Accountant', async () => {
    const { item, client } = await itemOf('UNCATEGORIZED_LINE');
    const record = await qboRecord(h, item.entity!, item.qboIds[0]!, client);
    const lines = (record.Line as Record<string, unknown>[]).filter(
      (l) => l.DetailType === 'AccountBasedExpenseLineDetail',
    );
    const line =
      lines.findIndex((l) =>
        /uncategorized|ask my accountant/i.test(
          String(
            (l.AccountBasedExpenseLineDetail as { AccountRef: { name?: string } }).AccountRef.name,
          ),
        ),
      ) + 1;
    expect(line).toBeGreaterThan(0);
    const account = sql<{ id: string }>(
      `SELECT qbo_id AS id FROM mirror_balances WHERE business_id = ? AND active = 1 AND account_type = 'Expense' AND name NOT LIKE '%ncategorized%' AND name NOT LIKE 'Ask My%' LIMIT 1`,
      client.businessId,
    );
    const { fix, open } = await fixAndSync(client, item, { accountId: account.id, line });
    expect(fix.state).toBe('applied');
    const now = await qboRecord(h, item.entity!, item.qboIds[0]!, client);
    const moved = (now.Line as Record<string, unknown>[]).filter(
      (l) => l.DetailType === 'AccountBasedExpenseLineDetail',
    )[line - 1]!;
    expect(
      (moved.AccountBasedExpenseLineDetail as { AccountRef: { value: string } }).AccountRef.value,
    ).toBe(account.id);
    expect(open.map((i) => i.id)).not.toContain(item.id);
  });

  it("sets a purchase's payee", async () => {
    const { item, client } = await itemOf('PURCHASE_NO_PAYEE');
    const vendor = sql<{ id: string }>(
      `SELECT qbo_id AS id FROM mirror_vendors WHERE business_id = ? AND active = 1 LIMIT 1`,
      client.businessId,
    );
    const { fix, open } = await fixAndSync(client, item, { payeeId: vendor.id });
    expect(fix.state).toBe('applied');
    expect((await qboRecord(h, 'Purchase', item.qboIds[0]!, client)).EntityRef).toMatchObject({
      value: vendor.id,
    });
    expect(open.map((i) => i.id)).not.toContain(item.id);
  });

  it('sends an invoice that was never sent, to the customer', async () => {
    const { item, client } = await itemOf('INVOICE_NEVER_SENT');
    const { fix, open } = await fixAndSync(client, item, { send: true });
    expect(fix.state, fix.reason ?? '').toBe('applied');
    expect((await qboRecord(h, 'Invoice', item.qboIds[0]!, client)).EmailStatus).toBe('EmailSent');
    expect(open.map((i) => i.id)).not.toContain(item.id);
  });

  it('applies an unapplied payment to an open invoice of the same customer', async () => {
    const { item, client } = await itemOf('PAYMENT_UNAPPLIED');
    const payment = await qboRecord(h, 'Payment', item.qboIds[0]!, client);
    const customer = (payment.CustomerRef as { value: string }).value;
    const invoice = sql<{ id: string; balance: number }>(
      `SELECT qbo_id AS id, balance_cents AS balance FROM mirror_invoices WHERE business_id = ? AND customer_id = ? AND deleted = 0 AND balance_cents > 0 ORDER BY due_date LIMIT 1`,
      client.businessId,
      customer,
    );
    expect(invoice, 'an open invoice of the same customer').toBeDefined();
    const { fix } = await fixAndSync(client, item, { applyTo: invoice.id });
    expect(fix.state, fix.reason ?? '').toBe('applied');
    const unapplied = Math.round(Number(payment.UnappliedAmt) * 100);
    const applied = Math.min(unapplied, invoice.balance);
    expect(
      Math.round(
        Number((await qboRecord(h, 'Payment', item.qboIds[0]!, client)).UnappliedAmt) * 100,
      ),
    ).toBe(unapplied - applied);
    expect(
      Math.round(Number((await qboRecord(h, 'Invoice', invoice.id, client)).Balance) * 100),
    ).toBe(invoice.balance - applied);
  });

  it('deletes a duplicate bill only with a confirmation naming the bill it duplicates', async () => {
    const { item, client } = await itemOf('DUPLICATE_BILL');
    const [first, second] = item.qboIds;
    const refused = await rt.invoke('fixes:record', {
      businessId: client.businessId,
      entity: 'Bill',
      qboId: second!,
      delete: true,
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const fix = await rt.call('fixes:record', {
      businessId: client.businessId,
      entity: 'Bill',
      qboId: second!,
      delete: true,
      confirm: first!,
      itemId: item.id,
    });
    await rt.call('sync:run', { businessId: client.businessId });
    expect(
      (await rt.call('outbox:list', { businessId: client.businessId })).find(
        (f) => f.id === fix.id,
      ),
    ).toMatchObject({ state: 'applied' });
    await expect(qboRecord(h, 'Bill', second!, client)).rejects.toThrow();
    await qboRecord(h, 'Bill', first!, client);
    expect(
      (await rt.call('tray:list', { businessId: client.businessId })).map((i) => i.id),
    ).not.toContain(item.id);
  });

  it("sets a bill's and an invoice's due date and note, an invoice's customer", async () => {
    const client = h.clients[0]!;
    const bill = sql<{ id: string }>(
      `SELECT qbo_id AS id FROM mirror_bills WHERE business_id = ? AND deleted = 0 AND balance_cents > 0 LIMIT 1`,
      client.businessId,
    );
    const invoice = sql<{ id: string }>(
      `SELECT qbo_id AS id FROM mirror_invoices WHERE business_id = ? AND deleted = 0 AND balance_cents > 0 LIMIT 1`,
      client.businessId,
    );
    const customer = sql<{ id: string }>(
      `SELECT qbo_id AS id FROM mirror_customers WHERE business_id = ? AND active = 1 ORDER BY CAST(qbo_id AS INTEGER) DESC LIMIT 1`,
      client.businessId,
    );
    const b = { businessId: client.businessId, entity: 'Bill' as const, qboId: bill.id };
    const i = { businessId: client.businessId, entity: 'Invoice' as const, qboId: invoice.id };
    await rt.call('fixes:record', { ...b, dueDate: '2027-07-01', note: 'terms agreed' });
    await rt.call('fixes:record', { ...i, dueDate: '2027-07-02', customerId: customer.id });
    const [run] = await rt.call('sync:run', { businessId: client.businessId });
    expect(run).toMatchObject({ fixesApplied: 2, fixConflicts: 0, fixesFailed: 0 });
    expect(await qboRecord(h, 'Bill', bill.id, client)).toMatchObject({
      DueDate: '2027-07-01',
      PrivateNote: 'terms agreed',
    });
    expect(await qboRecord(h, 'Invoice', invoice.id, client)).toMatchObject({
      DueDate: '2027-07-02',
      CustomerRef: { value: customer.id },
    });
  });
});
