// Feeds the runway formula (src/core/runway/runway.ts) from the mirror for one client or every client of
// the advisor, from the queries of db/repositories/client-money.ts (set-based, indexed, never one per record).
import { localDay } from '../../core/dates.ts';
import { codesRaisedBy, type HygieneCode } from '../../core/hygiene/codes.ts';
import {
  burnWindowStart,
  toHomeCents,
  weeklyBurn,
  type BillPlan,
  type RunwayInput,
} from '../../core/runway/runway.ts';
import type { Db } from '../db/open.ts';
import {
  cashByClient,
  moneyClients,
  openBills,
  openDoubtItems,
  openInvoices,
  spendingByClient,
  type OpenRecordRow,
} from '../db/repositories/client-money.ts';

/** An open bill or invoice as the runway places it: its currency settled, its home-currency value. */
export type OpenRecord = Omit<OpenRecordRow, 'currency' | 'exchangeRate'> & {
  currency: string;
  homeCents: number | null;
};

export type OpenBill = OpenRecord & { plan: BillPlan | null; decisionId: number | null };

export type ClientMoney = {
  businessId: string;
  realmId: string;
  displayName: string;
  connectionState: 'connected' | 'reconnect_needed' | 'disconnected';
  homeCurrency: string;
  input: RunwayInput;
  bills: OpenBill[];
  invoices: OpenRecord[];
  foreignWithoutRate: number;
  /** Open tray codes per bill id (for the console's flags). */
  billFlags: Map<string, HygieneCode[]>;
};

/** Codes that are about the advisor's workflow, not about doubtful data: they do not lower confidence. */
const workflowCodes: HygieneCode[] = ['BILL_OVERDUE_NO_DECISION', 'INVOICE_OVERDUE_NO_CALL'];
/** Out-of-date data, and the sync engine's failures (failed, throttled, reconnect needed). */
const clientWideCodes = new Set<string>(['SYNC_STALE', ...codesRaisedBy('sync/engine.ts')]);
/**
 * Cash (Account) and burn (Purchase) weigh on every week of the projection, so a doubt about them is a doubt
 * about all of the client's placed money: a stale or failing sync of either entity, or a foreign-currency
 * bank account or Purchase left out for want of a rate (FOREIGN_CURRENCY on Account/Purchase).
 */
const projectionWideEntities = new Set(['Account', 'Purchase']);
const projectionWideCodes = new Set<string>([...clientWideCodes, 'FOREIGN_CURRENCY']);

export function loadClientMoney(
  db: Db,
  advisorId: string,
  now: Date,
  businessId?: string,
): Map<string, ClientMoney> {
  const today = localDay(now);
  const clients = moneyClients(db, advisorId, businessId);
  const out = new Map<string, ClientMoney>();
  for (const c of clients) {
    out.set(c.businessId, {
      ...c,
      input: { today, cashCents: 0, invoices: [], bills: [], weeklyBurnCents: 0 },
      bills: [],
      invoices: [],
      foreignWithoutRate: 0,
      billFlags: new Map(),
    });
  }

  // Cash: active Bank accounts. A foreign-currency account counts at QBO's CurrentBalanceInHomeCurrency;
  // without it the account is left out (never summed as home currency) and counted in foreignWithoutRate;
  // the tray raises FOREIGN_CURRENCY for it (rules.ts foreignCurrency), which lowers confidence.
  const cash = cashByClient(db, advisorId, businessId);
  for (const r of cash) {
    const c = out.get(r.businessId)!;
    c.input = { ...c.input, cashCents: r.cents ?? 0 };
    c.foreignWithoutRate += r.unconverted;
  }

  // Burn: Purchases dated in the trailing 12 weeks, one indexed range per client. A credit (refund,
  // Purchase.Credit = true) lowers the spending; a foreign-currency Purchase counts at its ExchangeRate
  // (home units per unit of CurrencyRef) and is left out without one (counted, and flagged by the tray).
  const burn = spendingByClient(db, advisorId, burnWindowStart(today), today, businessId);
  for (const r of burn) {
    const c = out.get(r.businessId)!;
    c.input = { ...c.input, weeklyBurnCents: weeklyBurn(r.cents ?? 0) };
    c.foreignWithoutRate += r.unconverted;
  }

  // Flagged records: open tray items on bills and invoices, and client-wide sync problems.
  const flaggedBills = new Map<string, Set<string>>();
  const flaggedInvoices = new Map<string, Set<string>>();
  const allBills = new Set<string>();
  const allInvoices = new Set<string>();
  const items = openDoubtItems(db, advisorId, workflowCodes, businessId);
  for (const it of items) {
    if (it.entity !== null && projectionWideEntities.has(it.entity)) {
      // Other Account/Purchase items (a quiet bank feed, a Purchase without payee) are not about the money.
      if (projectionWideCodes.has(it.code)) {
        allBills.add(it.businessId);
        allInvoices.add(it.businessId);
      }
      continue;
    }
    if (clientWideCodes.has(it.code)) {
      if (it.entity !== 'Invoice') allBills.add(it.businessId);
      if (it.entity !== 'Bill') allInvoices.add(it.businessId);
      continue;
    }
    const ids = JSON.parse(it.qboIds) as string[];
    // PAID_OUTSIDE_QBO names [bill, purchase]: only the bill is projection money.
    const subject = it.code === 'PAID_OUTSIDE_QBO' ? ids.slice(0, 1) : ids;
    const target = it.entity === 'Bill' ? flaggedBills : flaggedInvoices;
    let set = target.get(it.businessId);
    if (!set) target.set(it.businessId, (set = new Set()));
    for (const id of subject) set.add(id);
    if (it.entity === 'Bill') {
      const flags = out.get(it.businessId)?.billFlags;
      for (const id of subject) flags?.set(id, [...(flags.get(id) ?? []), it.code]);
    }
  }

  const bills = openBills(db, advisorId, businessId);
  for (const b of bills) {
    const c = out.get(b.businessId);
    if (!c) continue;
    const homeCents = toHomeCents(b.balanceCents, b.currency, c.homeCurrency, b.exchangeRate);
    const plan = b.action ? { action: b.action, plannedDate: b.plannedDate } : null;
    c.bills.push({
      ...b,
      currency: b.currency ?? c.homeCurrency,
      homeCents,
      plan,
      decisionId: b.decisionId,
    });
    if (homeCents === null) {
      c.foreignWithoutRate++;
      continue;
    }
    const flagged =
      allBills.has(b.businessId) ||
      Boolean(flaggedBills.get(b.businessId)?.has(b.qboId)) ||
      (b.currency !== null && b.currency !== c.homeCurrency);
    (c.input.bills as RunwayInput['bills'][number][]).push({
      qboId: b.qboId,
      dueDate: b.dueDate,
      amountCents: homeCents,
      flagged,
      plan,
    });
  }

  const invoices = openInvoices(db, advisorId, businessId);
  for (const v of invoices) {
    const c = out.get(v.businessId);
    if (!c) continue;
    const homeCents = toHomeCents(v.balanceCents, v.currency, c.homeCurrency, v.exchangeRate);
    c.invoices.push({ ...v, currency: v.currency ?? c.homeCurrency, homeCents });
    if (homeCents === null) {
      c.foreignWithoutRate++;
      continue;
    }
    const flagged =
      allInvoices.has(v.businessId) ||
      Boolean(flaggedInvoices.get(v.businessId)?.has(v.qboId)) ||
      (v.currency !== null && v.currency !== c.homeCurrency);
    (c.input.invoices as RunwayInput['invoices'][number][]).push({
      qboId: v.qboId,
      dueDate: v.dueDate,
      amountCents: homeCents,
      flagged,
    });
  }
  return out;
}
