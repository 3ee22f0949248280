// The collections screen's data through the contract, over a real SQLite file: every overdue invoice with
// the customer's contact as QBO has it, the last call and what it promised; the checks a logged call
// passes; and migration 016 giving customers mirrored before it the same contact a sync would.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CollectionsView } from '../../src/core/collections.ts';
import { isRejected, toMirrorRow } from '../../src/core/mirror/columns.ts';
import { migration016 } from '../../src/main/db/migrations/016-customer-contacts.ts';
import { handlersAt, value } from '../support/handlers.ts';
import { fixture } from '../support/fixtures.ts';
import { now, plantBooks } from '../support/planted-books.ts';
import { addClient, invoice, writeRecords, type Scope } from '../support/qbo-books.ts';
import { tempDataDir } from '../support/temp-db.ts';

let env: ReturnType<typeof tempDataDir>;
let s: Scope;
let other: Scope;

const travis = {
  Id: '26',
  SyncToken: '0',
  DisplayName: 'Travis Waldron',
  GivenName: ' Travis ',
  FamilyName: 'Waldron',
  PrimaryEmailAddr: { Address: 'travis@waldron.example' },
  PrimaryPhone: { FreeFormNumber: '(650) 555-0142' },
  Mobile: { FreeFormNumber: '(650) 555-0199' },
  Active: true,
};

beforeEach(() => {
  env = tempDataDir();
  s = plantBooks(env.db);
  writeRecords(env.db, s, 'Customer', [travis]);
  other = addClient(env.db, 'local', '7777', 'Bakery Co');
  // The fixture's customer (a real QBO read): Dukes Basketball Camp, Peter Dukes, e-mail and phone.
  const dukes = (fixture('customer_read_response.json') as { Customer: Record<string, unknown> })
    .Customer;
  writeRecords(env.db, other, 'Customer', [dukes]);
  writeRecords(env.db, other, 'Invoice', [
    invoice({
      id: '7',
      customer: { id: String(dukes.Id), name: String(dukes.DisplayName) },
      txnDate: '2024-05-01',
      dueDate: '2024-05-31',
      totalCents: 42_000,
    }),
  ]);
});
afterEach(() => env.cleanup());

describe('collections:list', () => {
  it('lists every overdue invoice from one day late, with the customer’s contact from QBO', async () => {
    const { call } = handlersAt(env.db, now);
    const v = value<CollectionsView>(await call('collections:list', {}));
    expect(v.today).toBe('2024-06-03');
    const rows = v.entries.map((e) => [e.clientName, e.invoiceQboId, e.daysOverdue, e.bucket]);
    // 420 is 44 days late (the call list has it too); 7 is 3 days late, which the call list leaves out.
    expect(rows).toContainEqual(['Planted Landscaping', '420', 44, '31-60']);
    expect(rows).toContainEqual(['Bakery Co', '7', 3, '1-30']);
    for (const e of v.entries) expect(e.daysOverdue).toBeGreaterThanOrEqual(1);
    const dukes = v.entries.find((e) => e.invoiceQboId === '7')!;
    expect(dukes.customerName).toBe('Dukes Basketball Camp');
    expect(dukes.contact).toEqual({
      name: 'Peter Dukes',
      email: 'Dukes_bball@intuit.com',
      phone: '(520) 420-5638',
      mobile: null,
    });
    const waldron = v.entries.find((e) => e.invoiceQboId === '420')!;
    expect(waldron.contact).toEqual({
      name: 'Travis Waldron',
      email: 'travis@waldron.example',
      phone: '(650) 555-0142',
      mobile: '(650) 555-0199',
    });
    expect(waldron.lastCall).toBeNull();
    expect(waldron.due).toBe(true);
    const one = value<CollectionsView>(
      await call('collections:list', { businessId: other.businessId }),
    );
    expect(one.entries.map((e) => e.invoiceQboId)).toEqual(['7']);
    expect(await call('collections:list', { businessId: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('shows the promised date of the last call, not the day of the call', async () => {
    const { call } = handlersAt(env.db, now);
    value(
      await call('calls:record', {
        businessId: s.businessId,
        invoiceQboId: '420',
        outcome: 'promised',
        promisedDate: '2024-06-14',
        followUpOn: '2024-06-15',
        note: 'Paying by check',
      }),
    );
    const v = value<CollectionsView>(await call('collections:list', { businessId: s.businessId }));
    const e = v.entries.find((x) => x.invoiceQboId === '420')!;
    expect(e.lastCall).toEqual({
      outcome: 'promised',
      calledAt: now.toISOString(),
      promisedDate: '2024-06-14',
      followUpOn: '2024-06-15',
      note: 'Paying by check',
    });
    expect(e.calls).toBe(1);
    expect(e.due).toBe(false);
  });

  it('refuses a call the form would refuse, with the same words, and records nothing', async () => {
    const { call } = handlersAt(env.db, now);
    const base = { businessId: s.businessId, invoiceQboId: '420' };
    expect(await call('calls:record', { ...base, outcome: 'promised' })).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'Give the date the customer promised to pay.' },
    });
    expect(
      await call('calls:record', { ...base, outcome: 'reached', followUpOn: '2024-06-01' }),
    ).toEqual({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: 'The follow-up date is in the past: choose today or later.',
      },
    });
    expect(
      (env.db.prepare('SELECT COUNT(*) AS n FROM collection_calls').get() as { n: number }).n,
    ).toBe(0);
  });
});

describe('migration 016', () => {
  it('gives customers mirrored before it the contact a sync writes now', () => {
    const odd = [
      travis,
      { Id: '30', SyncToken: '0', DisplayName: 'No contact at all' },
      {
        Id: '31',
        SyncToken: '0',
        DisplayName: 'Odd values',
        GivenName: '\u00a0\t',
        FamilyName: 'Solo ',
        PrimaryEmailAddr: { Address: '  ' },
        PrimaryPhone: { FreeFormNumber: 5550100 },
        Mobile: { FreeFormNumber: { nested: true } },
      },
      {
        Id: '32',
        SyncToken: '0',
        DisplayName: 'Long',
        PrimaryEmailAddr: { Address: `${'x'.repeat(2100)}@example.com` },
      },
    ];
    const s2 = addClient(env.db, 'local', '8888', 'Old Books');
    writeRecords(env.db, s2, 'Customer', odd);
    const read = () =>
      env.db
        .prepare(
          `SELECT qbo_id AS id, contact_name, email, phone, mobile FROM mirror_customers WHERE business_id = ? ORDER BY qbo_id`,
        )
        .all(s2.businessId);
    const bySync = read();
    expect(bySync).toHaveLength(odd.length);
    // As a database of the version before: the columns gone, then the migration.
    env.db.exec(
      `ALTER TABLE mirror_customers DROP COLUMN contact_name; ALTER TABLE mirror_customers DROP COLUMN email;
       ALTER TABLE mirror_customers DROP COLUMN phone; ALTER TABLE mirror_customers DROP COLUMN mobile;`,
    );
    env.db.exec(migration016);
    expect(read()).toEqual(bySync);
    // And both are the mapping's own values.
    for (const raw of odd) {
      const row = toMirrorRow('Customer', raw);
      if (isRejected(row)) throw new Error(row.reason);
      expect(bySync).toContainEqual({
        id: raw.Id,
        contact_name: row.columns.contact_name,
        email: row.columns.email,
        phone: row.columns.phone,
        mobile: row.columns.mobile,
      });
    }
    expect(bySync.find((r) => (r as { id: string }).id === '31')).toEqual({
      id: '31',
      contact_name: 'Solo',
      email: null,
      phone: '5550100',
      mobile: null,
    });
  });
});
