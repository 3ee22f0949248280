// Generated books, deterministic from the seed and "today": small businesses with a chart of accounts,
// vendors and customers (some inactive), 12 months of history and bills up to 3 months ahead, bill
// payments and customer payments linked to what they pay (each customer by its paying habit, habits.ts),
// card and bank purchases, recurring money (rent, payroll, subscriptions, a loan, a retainer customer:
// recurring.ts). Then the planted problems (plants.ts) and the cash position (one company in three is
// about to run out of cash).
import { addCompanyInfo } from './company.ts';
import type { Clock } from './clock.ts';
import { habitPayDate, HABITS, plantHabitHistory } from './habits.ts';
import {
  companyNames,
  customerContact,
  customerNames,
  merchantNames,
  rng,
  vendorNames,
  type Rng,
} from './names.ts';
import { plantProblems } from './plants.ts';
import { monthDay, plantRecurring } from './recurring.ts';
import { Books } from './store.ts';
import { addDays, dateToMs, dayMs, pacificDate, round2, type Json } from './wire.ts';
import { createRecord } from './writes.ts';
import type { EntityName } from './entities.ts';
import type { Habit, RecurringKind } from './truth.ts';

import { largeTimes, type Size } from './sizes.ts';
export type { Size };

const SIZES = {
  small: {
    billVendors: 16,
    merchants: 8,
    customers: 30,
    bills: 150,
    invoices: 170,
    purchases: 110,
    overdueBills: 2,
    scale: 1,
  },
  medium: {
    billVendors: 150,
    merchants: 40,
    customers: 250,
    bills: 2200,
    invoices: 2200,
    purchases: 600,
    overdueBills: 8,
    scale: 8,
  },
  large: {
    billVendors: 1700,
    merchants: 300,
    customers: 2000,
    bills: 10300,
    invoices: 10400,
    purchases: 2000,
    overdueBills: 40,
    scale: 30,
  },
} as const;

/** The large company `times` over: more vendors, customers and records in the same proportions. */
function timesLarge(times: number): { [K in keyof (typeof SIZES)['large']]: number } {
  const l = SIZES.large;
  return Object.fromEntries(Object.entries(l).map(([k, v]) => [k, v * times])) as {
    [K in keyof typeof l]: number;
  };
}

const expenseAccounts = [
  ['Rent or Lease', 'RentOrLeaseOfBuildings'],
  ['Utilities', 'Utilities'],
  ['Supplies', 'SuppliesMaterials'],
  ['Advertising', 'AdvertisingPromotional'],
  ['Insurance', 'Insurance'],
  ['Legal & Professional Fees', 'LegalProfessionalFees'],
  ['Office Expenses', 'OfficeGeneralAdministrativeExpenses'],
  ['Repair & Maintenance', 'RepairMaintenance'],
  ['Travel', 'Travel'],
  ['Meals and Entertainment', 'EntertainmentMeals'],
  ['Software & Subscriptions', 'OtherMiscellaneousServiceCost'],
  ['Payroll Expenses', 'PayrollExpenses'],
  ['Uncategorized Expense', 'OtherMiscellaneousServiceCost'],
  ['Ask My Accountant', 'OtherMiscellaneousServiceCost'],
] as const;

export type Ref = { value: string; name?: string };
export type Party = {
  ref: Ref;
  account?: Ref;
  termId: string;
  termDays: number;
  fixed?: number;
  lo: number;
  hi: number;
  /** A customer's paying habit (habits.ts). */
  habit?: Habit;
  /** How many of its invoices have been given a pay date so far (the erratic habit's cycle). */
  payments?: number;
};

/** Everything the plants need to add records in the same style as the normal ones. */
export type Gen = {
  books: Books;
  r: Rng;
  today: string;
  anchor: number;
  events: { at: number; run: () => void }[];
  accounts: Record<string, Ref>;
  terms: Record<string, Ref & { days: number }>;
  items: Record<string, Ref>;
  billVendors: Party[];
  merchants: Party[];
  customers: Party[];
  /** The regular customer on a monthly retainer (recurring.ts), named with the others so names stay unique. */
  retainerName: string;
  nextDoc: () => string;
  nextCheck: () => string;
  at: (date: string) => number;
  planBill: (
    v: Party,
    txn: string,
    amount: number,
    o?: { account?: Ref; open?: boolean; lines?: Json[]; extra?: Json },
  ) => { id: string };
  planInvoice: (
    c: Party,
    txn: string,
    amount: number,
    o?: {
      item?: Ref;
      open?: boolean;
      email?: string;
      extra?: Json;
      payTo?: Ref;
      payDate?: string;
      at?: number;
    },
  ) => { id: string };
  planPurchase: (
    payee: Party | null,
    txn: string,
    amount: number,
    o?: { from?: Ref; account?: Ref; type?: string },
  ) => void;
};

const mk = (books: Books, entity: EntityName, body: Json, at: number): Ref => {
  const rec = createRecord(books, entity, body, at);
  const name = rec.data.DisplayName ?? rec.data.Name;
  return typeof name === 'string'
    ? { value: String(rec.data.Id), name }
    : { value: String(rec.data.Id) };
};

export function generateCompanies(o: {
  seed: number;
  companies: number;
  size: Size;
  clock: Clock;
}): Books[] {
  const today = pacificDate(o.clock.now());
  const anchor = Date.parse(`${today}T17:00:00Z`);
  const out: Books[] = [];
  for (let i = 0; i < o.companies; i++) {
    const realmId = `9341${String(Math.abs(o.seed) % 1_000_000).padStart(6, '0')}${String(i + 1).padStart(6, '0')}`;
    const name = companyNames[(Math.abs(o.seed) * 3 + i) % companyNames.length] as string;
    const books = new Books(
      realmId,
      out.some((b) => b.name === name) ? `${name} ${i + 1}` : name,
      'USD',
      o.clock,
    );
    addCompanyInfo(books, anchor - 420 * dayMs, { CompanyStartDate: addDays(today, -420) });
    if (o.size !== 'empty')
      generateBooks(
        books,
        rng(o.seed * 7919 + i * 104_729 + 17),
        today,
        anchor,
        o.size,
        o.companies === 1 ? [0, 1, 2] : [i % 3],
      );
    out.push(books);
  }
  return out;
}

function generateBooks(
  books: Books,
  r: Rng,
  today: string,
  anchor: number,
  size: Exclude<Size, 'empty'>,
  plantSets: number[],
): void {
  const times = largeTimes(size);
  const cfg = times > 1 ? timesLarge(times) : SIZES[size as keyof typeof SIZES];
  const setup = anchor - 400 * dayMs;
  const terms: Gen['terms'] = {};
  for (const [name, days] of [
    ['Due on receipt', 0],
    ['Net 15', 15],
    ['Net 30', 30],
    ['Net 60', 60],
  ] as const)
    terms[name] = { ...mk(books, 'Term', { Name: name, DueDays: days }, setup), days };
  const accounts: Record<string, Ref> = {};
  const account = (name: string, type: string, sub: string, extra: Json = {}) =>
    (accounts[name] = mk(
      books,
      'Account',
      { Name: name, AccountType: type, AccountSubType: sub, ...extra },
      setup,
    ));
  account('Checking', 'Bank', 'Checking', { AcctNum: String(r.int(1000, 9999)) });
  account('Accounts Receivable (A/R)', 'Accounts Receivable', 'AccountsReceivable');
  account('Accounts Payable (A/P)', 'Accounts Payable', 'AccountsPayable');
  account('Undeposited Funds', 'Other Current Asset', 'UndepositedFunds');
  account('Visa Business Card', 'Credit Card', 'CreditCard');
  account('Services', 'Income', 'ServiceFeeIncome');
  account('Sales of Product Income', 'Income', 'SalesOfProductIncome');
  account('Uncategorized Income', 'Income', 'ServiceFeeIncome');
  account('Cost of Goods Sold', 'Cost of Goods Sold', 'SuppliesMaterialsCogs');
  account('Loan Payable', 'Long Term Liability', 'NotesPayable');
  for (const [name, sub] of expenseAccounts) account(name, 'Expense', sub);
  const items: Record<string, Ref> = {};
  const item = (name: string, income: string, price: number) =>
    (items[name] = mk(
      books,
      'Item',
      { Name: name, Type: 'Service', IncomeAccountRef: accounts[income], UnitPrice: price },
      setup,
    ));
  item('Services', 'Services', 120);
  item('Consulting', 'Services', 150);
  item('Products', 'Sales of Product Income', 45);
  item('Sales', 'Uncategorized Income', 0);

  const acc = (n: string) => accounts[n] as Ref;
  const term = (n: string) => terms[n] as Ref & { days: number };
  const ranges: [string, number, number][] = [
    ['Supplies', 60, 900],
    ['Office Expenses', 40, 450],
    ['Legal & Professional Fees', 300, 2500],
    ['Repair & Maintenance', 120, 1800],
    ['Advertising', 150, 1500],
    ['Cost of Goods Sold', 400, 4200],
    ['Utilities', 90, 650],
  ];
  const billVendors: Party[] = vendorNames(r, cfg.billVendors).map((name, i) => {
    const fixedKinds: [string, number, number][] = [
      ['Rent or Lease', 2400, 6800],
      ['Insurance', 280, 900],
      ['Software & Subscriptions', 49, 399],
    ];
    const kind = i < 3 ? (fixedKinds[i] as [string, number, number]) : r.pick(ranges);
    const picked = r.pick(['Net 30', 'Net 30', 'Net 15', 'Net 60', 'Due on receipt']);
    // The landlord's bill is due on receipt and paid the day it is dated: rent leaves on the same day each month.
    const t = i === 0 ? 'Due on receipt' : picked;
    const ref = mk(
      books,
      'Vendor',
      {
        DisplayName: i === 0 ? `${name} Properties` : name,
        CompanyName: name,
        TermRef: { value: term(t).value },
        PrimaryEmailAddr: {
          Address: `billing@${name.toLowerCase().replace(/[^a-z]+/g, '')}.example`,
        },
      },
      setup + i * 60_000,
    );
    return {
      ref,
      account: acc(kind[0]),
      termId: term(t).value,
      termDays: term(t).days,
      ...(i < 3 ? { fixed: r.cents(kind[1], kind[2]) } : {}),
      lo: kind[1],
      hi: kind[2],
    };
  });
  const merchantKinds: [string, number, number][] = [
    ['Travel', 40, 900],
    ['Meals and Entertainment', 12, 180],
    ['Office Expenses', 15, 300],
    ['Supplies', 20, 600],
    ['Software & Subscriptions', 10, 250],
  ];
  const merchants: Party[] = merchantNames(r, cfg.merchants).map((name, i) => {
    const kind = r.pick(merchantKinds);
    return {
      ref: mk(
        books,
        'Vendor',
        { DisplayName: name, CompanyName: name },
        setup + (cfg.billVendors + i) * 60_000,
      ),
      account: acc(kind[0]),
      termId: '',
      termDays: 0,
      lo: kind[1],
      hi: kind[2],
    };
  });
  // Some inactive vendors and customers, as every real list has (no activity of their own).
  const inactive = Math.max(2, Math.round(cfg.billVendors * 0.08));
  for (const name of vendorNames(r, inactive))
    mk(books, 'Vendor', { DisplayName: `${name} (old)`, Active: false }, setup);
  const names = customerNames(r, cfg.customers + 1);
  const retainerName = names.pop() as string;
  const firstHabit = r.int(0, HABITS.length - 1);
  const customers: Party[] = names.map((name, i) => {
    const habit = HABITS[(firstHabit + i) % HABITS.length] as Habit;
    const t = r.pick(
      // Paying before the due date needs one after the invoice date.
      habit === 'early'
        ? ['Net 30', 'Net 30', 'Net 15']
        : ['Net 30', 'Net 30', 'Net 15', 'Due on receipt'],
    );
    const ref = mk(
      books,
      'Customer',
      {
        DisplayName: name,
        CompanyName: name,
        SalesTermRef: { value: term(t).value },
        PrimaryEmailAddr: { Address: `ap@${name.toLowerCase().replace(/[^a-z]+/g, '')}.example` },
        ...customerContact(name, i),
      },
      setup + i * 60_000,
    );
    books.truth.habits.set(ref.value, habit);
    return { ref, termId: term(t).value, termDays: term(t).days, lo: 150, hi: 4800, habit };
  });
  for (const name of customerNames(r, Math.max(2, Math.round(cfg.customers * 0.08))))
    mk(books, 'Customer', { DisplayName: `${name} (closed)`, Active: false }, setup);

  let doc = 1000;
  let check = 5000;
  const g: Gen = {
    books,
    r,
    today,
    anchor,
    events: [],
    accounts,
    terms,
    items,
    billVendors,
    merchants,
    customers,
    retainerName,
    nextDoc: () => String(++doc),
    nextCheck: () => String(++check),
    at: (date) => dateToMs(date) + 16 * 3_600_000 + r.int(0, 8 * 3600) * 1000,
    planBill: () => ({ id: '' }),
    planInvoice: () => ({ id: '' }),
    planPurchase: () => undefined,
  };
  // Entered on its date (after `after`, what it pays, by an hour where it can), never after now; a
  // payment of a record entered in the last hour still comes after it (the events run in time order).
  const entry = (date: string, after = 0) =>
    Math.max(
      Math.min(Math.max(g.at(date), after + 3_600_000), anchor - r.int(60, 3600) * 1000),
      after + 1000,
    );
  g.planBill = (v, txn, amount, o = {}) => {
    const holder = { id: '' };
    const due = addDays(txn, v.termDays);
    const billAt = txn > today ? anchor - r.int(1, 20) * 3_600_000 : entry(txn);
    const lines = o.lines ?? splitLines(r, amount, o.account ?? (v.account as Ref));
    const body: Json = {
      VendorRef: v.ref,
      TxnDate: txn,
      DueDate: due,
      SalesTermRef: { value: v.termId },
      DocNumber: `${r.int(10000, 99999)}`,
      Line: lines,
      ...o.extra,
    };
    g.events.push({
      at: billAt,
      run: () => (holder.id = String(createRecord(books, 'Bill', body, billAt).data.Id)),
    });
    const payDate = addDays(due, -r.int(0, 5)) < txn ? txn : addDays(due, -r.int(0, 5));
    if (!o.open && payDate < today) {
      const payAt = entry(payDate, billAt);
      g.events.push({
        at: payAt,
        run: () =>
          createRecord(
            books,
            'BillPayment',
            {
              VendorRef: v.ref,
              PayType: 'Check',
              CheckPayment: { BankAccountRef: acc('Checking'), PrintStatus: 'NotSet' },
              TotalAmt: amount,
              TxnDate: payDate,
              DocNumber: g.nextCheck(),
              Line: [{ Amount: amount, LinkedTxn: [{ TxnId: holder.id, TxnType: 'Bill' }] }],
            },
            payAt,
          ),
      });
    }
    return holder;
  };
  g.planInvoice = (c, txn, amount, o = {}) => {
    const holder = { id: '' };
    const due = addDays(txn, c.termDays);
    const invAt = o.at ?? entry(txn);
    const it = o.item ?? r.pick([items.Services, items.Consulting, items.Products] as Ref[]);
    const body: Json = {
      CustomerRef: c.ref,
      TxnDate: txn,
      DueDate: due,
      SalesTermRef: { value: c.termId },
      DocNumber: g.nextDoc(),
      EmailStatus: o.email ?? 'EmailSent',
      PrintStatus: 'NotSet',
      BillEmail: {
        Address: `ap@${String(c.ref.name)
          .toLowerCase()
          .replace(/[^a-z]+/g, '')}.example`,
      },
      Line: [
        {
          Description: it.name,
          Amount: amount,
          DetailType: 'SalesItemLineDetail',
          SalesItemLineDetail: {
            ItemRef: it,
            UnitPrice: amount,
            Qty: 1,
            TaxCodeRef: { value: 'NON' },
          },
        },
      ],
      ...o.extra,
    };
    g.events.push({
      at: invAt,
      run: () => (holder.id = String(createRecord(books, 'Invoice', body, invAt).data.Id)),
    });
    const payDate = o.payDate ?? habitPayDate(r, c, txn, due);
    if (!o.open && payDate < today) {
      const payAt = entry(payDate, invAt);
      g.events.push({
        at: payAt,
        run: () =>
          createRecord(
            books,
            'Payment',
            {
              CustomerRef: c.ref,
              TotalAmt: amount,
              TxnDate: payDate,
              DepositToAccountRef: o.payTo ?? acc('Checking'),
              PaymentRefNum: String(r.int(1000, 99999)),
              Line: [{ Amount: amount, LinkedTxn: [{ TxnId: holder.id, TxnType: 'Invoice' }] }],
            },
            payAt,
          ),
      });
    }
    return holder;
  };
  g.planPurchase = (payee, txn, amount, o = {}) => {
    const from = o.from ?? acc('Checking');
    const type = o.type ?? (from.value === acc('Visa Business Card').value ? 'CreditCard' : 'Cash');
    const at = entry(txn);
    const body: Json = {
      AccountRef: from,
      PaymentType: type,
      TxnDate: txn,
      Line: [
        {
          Amount: amount,
          DetailType: 'AccountBasedExpenseLineDetail',
          AccountBasedExpenseLineDetail: {
            AccountRef: o.account ?? payee?.account ?? acc('Office Expenses'),
            BillableStatus: 'NotBillable',
            TaxCodeRef: { value: 'NON' },
          },
        },
      ],
    };
    if (payee) body.EntityRef = { ...payee.ref, type: 'Vendor' };
    g.events.push({ at, run: () => createRecord(books, 'Purchase', body, at) });
  };

  // Fixed monthly bills (rent, insurance, software) on about the same day each month (± a day), 12
  // months back and entered up to four weeks ahead.
  const fixedKinds: RecurringKind[] = ['rent', 'insurance', 'software'];
  billVendors.slice(0, 3).forEach((v, i) => {
    const day = r.int(2, 27);
    for (let k = -12; k <= 1; k++) {
      const txn = monthDay(today, k, day + r.int(-1, 1));
      if (txn <= addDays(today, 28)) g.planBill(v, txn, v.fixed as number);
    }
    books.truth.recurring.push({
      counterpartyId: v.ref.value,
      kind: fixedKinds[i] as RecurringKind,
      direction: 'out',
      cadence: 'monthly',
      entity: 'Bill',
    });
  });
  let overdueLeft = cfg.overdueBills;
  const rest = billVendors.slice(3);
  for (let i = 0; i < cfg.bills; i++) {
    const v = rest[i % rest.length] as Party;
    const txn = addDays(today, -r.int(0, 365) + (r.chance(0.08) ? r.int(1, 30) : 0));
    const due = addDays(txn, v.termDays);
    const open =
      overdueLeft > 0 && due < addDays(today, -3) && due > addDays(today, -40) && r.chance(0.5);
    if (open) overdueLeft--;
    g.planBill(v, txn, r.cents(v.lo, v.hi), { open });
  }
  for (let i = 0; i < cfg.invoices; i++)
    g.planInvoice(
      customers[i % customers.length] as Party,
      addDays(today, -r.int(1, 365)),
      r.cents(150, 4800),
    );
  for (let i = 0; i < cfg.purchases; i++) {
    const m = merchants[i % merchants.length] as Party;
    g.planPurchase(m, addDays(today, -r.int(0, 365)), r.cents(m.lo, m.hi), {
      from: r.chance(0.45) ? acc('Visa Business Card') : acc('Checking'),
    });
  }
  plantHabitHistory(g);
  plantRecurring(g, cfg.scale);
  plantProblems(g, plantSets);
  g.events.sort((a, b) => a.at - b.at);
  for (const e of g.events) e.run();
  setCashPosition(g, plantSets.includes(0));
}

function splitLines(r: Rng, amount: number, account: Ref): Json[] {
  const line = (amt: number, n: number): Json => ({
    Id: String(n),
    LineNum: n,
    Description: account.name,
    Amount: amt,
    DetailType: 'AccountBasedExpenseLineDetail',
    AccountBasedExpenseLineDetail: {
      AccountRef: account,
      BillableStatus: 'NotBillable',
      TaxCodeRef: { value: 'NON' },
    },
  });
  if (amount < 200 || !r.chance(0.2)) return [line(amount, 1)];
  const first = round2(amount * (0.3 + r.next() * 0.4));
  return [line(first, 1), line(round2(amount - first), 2)];
}

const usdOpen = (rows: { data: Json }[], from: string, to: string): number =>
  rows.reduce(
    (sum, { data: d }) =>
      (d.Balance as number) > 0 &&
      (d.CurrencyRef as Json).value === 'USD' &&
      String(d.DueDate) >= from &&
      String(d.DueDate) <= to
        ? sum + (d.Balance as number)
        : sum,
    0,
  );

/**
 * The crunch company's receivables must not cover its payables, or no cash balance makes it short of
 * money: a large supplier bill comes due in ten days, bigger than what customers will pay in by then.
 */
function plantCrunchBill(g: Gen, cash: number): void {
  const soon = addDays(g.today, 21);
  const inflow = usdOpen(g.books.table('Invoice').rows, addDays(g.today, -29), soon);
  const outflow = usdOpen(g.books.table('Bill').rows, '0000-01-01', soon);
  const supplier = g.billVendors[3] ?? g.billVendors[0];
  if (!supplier) return;
  const amount = round2(Math.max(0, cash + inflow - outflow) + g.r.cents(2500, 4500));
  const txn = addDays(g.today, -20);
  const at = Math.min(g.at(txn), g.anchor - 3_600_000);
  createRecord(
    g.books,
    'Bill',
    {
      VendorRef: supplier.ref,
      TxnDate: txn,
      DueDate: addDays(g.today, 10),
      SalesTermRef: { value: g.terms['Net 30']?.value ?? supplier.termId },
      DocNumber: `${g.r.int(10000, 99999)}`,
      PrivateNote: 'Quarterly stock order',
      Line: splitLines(g.r, amount, g.accounts['Cost of Goods Sold'] as Ref),
    },
    at,
  );
}

/** Opening balance of Checking so that it holds a realistic cushion, or (crunch) less than the next four weeks of bills. */
function setCashPosition(g: Gen, crunch: boolean): void {
  const horizon = addDays(g.today, 28);
  let dueSoon = 0;
  for (const b of g.books.table('Bill').rows)
    if (
      (b.data.Balance as number) > 0 &&
      String(b.data.DueDate) <= horizon &&
      (b.data.CurrencyRef as Json).value === 'USD'
    )
      dueSoon += b.data.Balance as number;
  let spent = 0;
  const since = addDays(g.today, -90);
  for (const p of g.books.table('BillPayment').rows)
    if (String(p.data.TxnDate) >= since) spent += p.data.TotalAmt as number;
  // Payroll and the loan leave Checking too: the cushion covers them.
  const checkingId = (g.accounts.Checking as Ref).value;
  for (const p of g.books.table('Purchase').rows)
    if (String(p.data.TxnDate) >= since && (p.data.AccountRef as Ref).value === checkingId)
      spent += p.data.TotalAmt as number;
  const target = crunch
    ? round2(Math.max(250, dueSoon * 0.3))
    : round2(Math.max(dueSoon * 3, spent * 0.8, 15000) + g.r.cents(0, 5000));
  const checking = g.books.get('Account', (g.accounts.Checking as Ref).value);
  if (!checking) return;
  if (crunch) plantCrunchBill(g, target);
  const delta = round2(target - (checking.data.CurrentBalance as number));
  checking.data.CurrentBalance = target;
  checking.data.CurrentBalanceWithSubAccounts = round2(
    (checking.data.CurrentBalanceWithSubAccounts as number) + delta,
  );
  checking.json = null;
}
