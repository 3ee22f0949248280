// The problems advisors hunt for, planted at realistic rates and only in forms real QBO data takes
// (a vendor on every bill, a customer on every invoice, due dates filled). Plant set by company:
//   0: cash crunch company: uncategorized bill lines and an Ask-My-Accountant purchase, purchases without
//      payee, a duplicate bill, a bill paid outside QBO, invoices never sent, an unapplied payment, overdue invoices
//   1: uncategorized income, a zero-amount bill, payments in Undeposited Funds, a quiet bank account, …
//   2: foreign-currency bill and invoice, a duplicate bill, a bill paid outside QBO, a zero invoice, …
import { currencyRef } from './entities.ts';
import type { Gen, Party, Ref } from './generator.ts';
import { addDays } from './wire.ts';
import { createRecord } from './writes.ts';

export function plantProblems(g: Gen, sets: number[]): void {
  const { r, today } = g;
  const acc = (n: string) => g.accounts[n] as Ref;
  const vendor = () => r.pick(g.billVendors.slice(3));
  const customer = () => r.pick(g.customers);
  const merchant = () => r.pick(g.merchants);
  for (const set of sets) {
    if (set === 0) {
      g.planBill(vendor(), addDays(today, -r.int(5, 50)), r.cents(80, 900), {
        account: acc('Uncategorized Expense'),
      });
      g.planBill(vendor(), addDays(today, -r.int(60, 200)), r.cents(80, 900), {
        account: acc('Uncategorized Expense'),
      });
      g.planPurchase(merchant(), addDays(today, -r.int(3, 40)), r.cents(30, 400), {
        account: acc('Ask My Accountant'),
      });
      for (let i = 0; i < 2; i++)
        g.planPurchase(null, addDays(today, -r.int(2, 60)), r.cents(20, 300));
      duplicate(g, vendor());
      paidOutside(g, vendor());
      for (let i = 0; i < 2; i++)
        g.planInvoice(customer(), addDays(today, -r.int(5, 20)), r.cents(300, 2500), {
          email: 'NeedToSend',
          open: true,
        });
      unapplied(g, customer());
      for (let i = 0; i < 2; i++)
        g.planInvoice(customer(), addDays(today, -r.int(75, 150)), r.cents(400, 3000), {
          open: true,
        });
    }
    if (set === 1) {
      g.planInvoice(customer(), addDays(today, -r.int(20, 120)), r.cents(200, 1200), {
        item: g.items.Sales,
      });
      g.planBill(vendor(), addDays(today, -r.int(10, 90)), r.cents(80, 900), {
        account: acc('Uncategorized Expense'),
      });
      g.planBill(vendor(), addDays(today, -r.int(10, 90)), 0, { open: true });
      for (let i = 0; i < 2; i++)
        g.planInvoice(customer(), addDays(today, -r.int(50, 70)), r.cents(200, 1500), {
          payTo: acc('Undeposited Funds'),
          payDate: addDays(today, -r.int(16, 40)),
        });
      for (let i = 0; i < 3; i++)
        g.planPurchase(null, addDays(today, -r.int(2, 90)), r.cents(15, 250), {
          from: acc('Visa Business Card'),
        });
      quietBank(g);
      g.planInvoice(customer(), addDays(today, -r.int(75, 120)), r.cents(400, 3000), {
        open: true,
      });
      g.planInvoice(customer(), addDays(today, -r.int(4, 12)), r.cents(300, 1800), {
        email: 'NotSet',
        open: true,
      });
    }
    if (set === 2) {
      foreign(g);
      duplicate(g, vendor());
      paidOutside(g, vendor());
      unapplied(g, customer());
      g.planInvoice(customer(), addDays(today, -r.int(10, 60)), 0, { open: true });
      g.planBill(vendor(), addDays(today, -r.int(10, 120)), r.cents(100, 700), {
        account: acc('Ask My Accountant'),
      });
      for (let i = 0; i < 3; i++)
        g.planInvoice(customer(), addDays(today, -r.int(70, 200)), r.cents(400, 3000), {
          open: true,
        });
      g.planPurchase(null, addDays(today, -r.int(2, 30)), r.cents(40, 400));
    }
  }
}

/** Same vendor, same amount, a few days apart, both still open. */
function duplicate(g: Gen, v: Party): void {
  const amount = g.r.cents(v.lo, v.hi);
  const first = addDays(g.today, -g.r.int(4, 12));
  g.planBill({ ...v, termDays: 30 }, first, amount, { open: true });
  g.planBill({ ...v, termDays: 30 }, addDays(first, g.r.int(1, 4)), amount, { open: true });
}

/** An open bill whose amount left the bank as a check to the vendor around the due date. */
function paidOutside(g: Gen, v: Party): void {
  const amount = g.r.cents(v.lo, v.hi);
  const txn = addDays(g.today, -g.r.int(40, 55));
  g.planBill({ ...v, termDays: 30 }, txn, amount, { open: true });
  g.planPurchase(v, addDays(txn, 30 + g.r.int(-3, 3)), amount, { type: 'Check' });
}

/**
 * A customer's payment received but applied to nothing, beside the open invoice it pays (the usual case:
 * the check was recorded without ticking the invoice), so applying it to that invoice is the fix.
 */
function unapplied(g: Gen, c: Party): void {
  const txn = addDays(g.today, -g.r.int(10, 40));
  const at = g.at(txn);
  const body = {
    CustomerRef: c.ref,
    TotalAmt: g.r.cents(100, 1500),
    TxnDate: txn,
    DepositToAccountRef: g.accounts.Checking,
    PaymentRefNum: String(g.r.int(1000, 99999)),
    Line: [],
  };
  // Every choice given (entry time, item, pay date): no draws from g.r, so the rest of a seed's books stay.
  g.planInvoice({ ...c, termDays: 30 }, addDays(txn, -5), body.TotalAmt, {
    open: true,
    item: g.items.Services,
    payDate: txn,
    at: at - 5 * 86_400_000,
  });
  g.events.push({ at, run: () => createRecord(g.books, 'Payment', body, at) });
}

/** A second bank account whose last activity is more than 30 days old. */
function quietBank(g: Gen): void {
  const setup = g.anchor - 400 * 86_400_000;
  const rec = createRecord(
    g.books,
    'Account',
    {
      Name: 'Savings',
      AccountType: 'Bank',
      AccountSubType: 'Savings',
      OpeningBalance: g.r.cents(2000, 12000),
    },
    setup,
  );
  const savings = { value: String(rec.data.Id), name: 'Savings' };
  const bank = g.merchants[0] as Party;
  for (let i = 0; i < 4; i++)
    g.planPurchase(bank, addDays(g.today, -g.r.int(40, 300)), g.r.cents(10, 40), {
      from: savings,
      account: g.accounts['Office Expenses'],
    });
}

function foreign(g: Gen): void {
  const setup = g.anchor - 300 * 86_400_000;
  const cad = createRecord(
    g.books,
    'Vendor',
    {
      DisplayName: 'Maple Leaf Imports Ltd.',
      CompanyName: 'Maple Leaf Imports Ltd.',
      CurrencyRef: currencyRef('CAD'),
    },
    setup,
  );
  const eur = createRecord(
    g.books,
    'Customer',
    {
      DisplayName: 'Berlin Design GmbH',
      CompanyName: 'Berlin Design GmbH',
      CurrencyRef: currencyRef('EUR'),
      SalesTermRef: { value: (g.terms['Net 30'] as Ref).value },
    },
    setup,
  );
  const v: Party = {
    ref: { value: String(cad.data.Id), name: 'Maple Leaf Imports Ltd.' },
    account: g.accounts['Cost of Goods Sold'],
    termId: (g.terms['Net 30'] as Ref).value,
    termDays: 30,
    lo: 500,
    hi: 3000,
  };
  const c: Party = {
    ref: { value: String(eur.data.Id), name: 'Berlin Design GmbH' },
    termId: (g.terms['Net 30'] as Ref).value,
    termDays: 30,
    lo: 500,
    hi: 3000,
  };
  g.planBill(v, addDays(g.today, -g.r.int(3, 20)), g.r.cents(500, 3000), {
    open: true,
    extra: { CurrencyRef: currencyRef('CAD'), ExchangeRate: 0.73 },
  });
  g.planInvoice(c, addDays(g.today, -g.r.int(3, 20)), g.r.cents(500, 3000), {
    open: true,
    extra: { CurrencyRef: currencyRef('EUR'), ExchangeRate: 1.08 },
  });
}
