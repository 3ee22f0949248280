// Recurring money in the generated books, the year of history a forecast learns from: biweekly payroll
// (checks to a payroll service, one amount), one or two card subscriptions (same vendor, amount and day of
// month), a monthly loan payment from Checking, and a regular customer on a monthly retainer (an amount
// within 2%, paid on time). Rent, insurance and software are the monthly bills in generator.ts. Each is
// recorded in the books' truth for the planted manifest.
import type { Gen, Party, Ref } from './generator.ts';
import type { RecurringTruth } from './truth.ts';
import { addDays, dateToMs, round2 } from './wire.ts';
import { createRecord } from './writes.ts';

const subscriptionNames = [
  'Google Workspace',
  'Microsoft 365',
  'Slack Technologies',
  'Mailchimp',
  'HubSpot',
  'DocuSign',
];

/** The date in the month `k` months from today's, on `day` (1–28, so it exists in every month). */
export function monthDay(today: string, k: number, day: number): string {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7)) - 1 + k;
  return new Date(Date.UTC(y, m, day)).toISOString().slice(0, 10);
}

/** Past dates on `day` of each of the last twelve months and this one. */
const monthlyPast = (today: string, day: number): string[] => {
  const out: string[] = [];
  for (let k = -12; k <= 0; k++) {
    const d = monthDay(today, k, day);
    if (d < today) out.push(d);
  }
  return out;
};

export function plantRecurring(g: Gen, scale: number): void {
  const { r, today } = g;
  const acc = (n: string) => g.accounts[n] as Ref;
  const setup = g.anchor - 390 * 86_400_000;
  const truth = (t: RecurringTruth) => g.books.truth.recurring.push(t);
  const vendor = (name: string, account: Ref): Party => {
    const rec = createRecord(g.books, 'Vendor', { DisplayName: name, CompanyName: name }, setup);
    return {
      ref: { value: String(rec.data.Id), name },
      account,
      termId: '',
      termDays: 0,
      lo: 0,
      hi: 0,
    };
  };

  // Payroll: every other Friday, the last one before today, back a year.
  const payroll = vendor('Gusto Payroll', acc('Payroll Expenses'));
  const dow = new Date(dateToMs(today)).getUTCDay();
  const lastFriday = addDays(today, -((dow - 5 + 7) % 7 || 7) - 7 * r.int(0, 1));
  const net = round2(r.cents(2800, 6500) * scale);
  for (let k = 0; k < 26; k++)
    g.planPurchase(payroll, addDays(lastFriday, -14 * k), net, { type: 'Check' });
  truth({
    counterpartyId: payroll.ref.value,
    kind: 'payroll',
    direction: 'out',
    cadence: 'biweekly',
    entity: 'Purchase',
  });

  const subscriptions = r.chance(0.5) ? 2 : 1;
  const first = r.int(0, subscriptionNames.length - 1);
  for (let i = 0; i < subscriptions; i++) {
    const name = subscriptionNames[(first + i) % subscriptionNames.length] as string;
    const sub = vendor(name, acc('Software & Subscriptions'));
    const amount = r.cents(12, 99);
    for (const d of monthlyPast(today, r.int(1, 28)))
      g.planPurchase(sub, d, amount, { from: acc('Visa Business Card') });
    truth({
      counterpartyId: sub.ref.value,
      kind: 'subscription',
      direction: 'out',
      cadence: 'monthly',
      entity: 'Purchase',
    });
  }

  const loan = vendor('Harbor Community Bank Loan', acc('Loan Payable'));
  const installment = round2(r.cents(450, 1800) * scale);
  for (const d of monthlyPast(today, r.int(1, 28)))
    g.planPurchase(loan, d, installment, { type: 'Cash' });
  truth({
    counterpartyId: loan.ref.value,
    kind: 'loan',
    direction: 'out',
    cadence: 'monthly',
    entity: 'Purchase',
  });

  retainer(g, scale);
}

/** A customer invoiced on the same day each month for about the same amount, paying on time (Net 15). */
function retainer(g: Gen, scale: number): void {
  const { r, today } = g;
  const name = g.retainerName;
  const term = g.terms['Net 15'] as Ref & { days: number };
  const rec = createRecord(
    g.books,
    'Customer',
    {
      DisplayName: name,
      CompanyName: name,
      SalesTermRef: { value: term.value },
      PrimaryEmailAddr: { Address: `ap@${name.toLowerCase().replace(/[^a-z]+/g, '')}.example` },
    },
    g.anchor - 395 * 86_400_000,
  );
  const c: Party = {
    ref: { value: String(rec.data.Id), name },
    termId: term.value,
    termDays: term.days,
    lo: 0,
    hi: 0,
    habit: 'on_time',
  };
  g.books.truth.habits.set(c.ref.value, 'on_time');
  const base = r.cents(1500, 4000) * scale;
  for (const d of monthlyPast(today, r.int(1, 28)))
    g.planInvoice(c, d, round2(base * (1 + r.int(-20, 20) / 1000)), { item: g.items.Consulting });
  g.books.truth.recurring.push({
    counterpartyId: c.ref.value,
    kind: 'customer',
    direction: 'in',
    cadence: 'monthly',
    entity: 'Payment',
  });
}
