// Feeds the runway formula (src/core/runway/runway.ts) from the mirror for one client or every client of
// the advisor, in a handful of set-based, indexed queries (never one query per record).
import { localDay } from '../../core/dates.ts';
import { syncCodes } from '../../core/hygiene/codes.ts';
import { burnWindowStart, toHomeCents, weeklyBurn, type BillPlan, type RunwayInput } from '../../core/runway/runway.ts';
import type { Db } from '../db/open.ts';
import { stmt } from './gateways/statements.ts';

export type OpenRecord = {
  businessId: string;
  qboId: string;
  docNumber: string | null;
  counterpartyName: string | null;
  counterpartyId: string | null;
  txnDate: string | null;
  dueDate: string | null;
  balanceCents: number;
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
  billFlags: Map<string, string[]>;
};

/** Codes that are about the advisor's workflow, not about doubtful data: they do not lower confidence. */
const workflowCodes = ['BILL_OVERDUE_NO_DECISION', 'INVOICE_OVERDUE_NO_CALL'];
const clientWideCodes = new Set<string>(['SYNC_STALE', ...syncCodes.filter((c) => c !== 'MALFORMED_RECORD')]);
/**
 * Cash (Account) and burn (Purchase) weigh on every week of the projection, so a doubt about them is a doubt
 * about all of the client's placed money: a stale or failing sync of either entity, or a foreign-currency
 * bank account or Purchase left out for want of a rate (FOREIGN_CURRENCY on Account/Purchase).
 */
const projectionWideEntities = new Set(['Account', 'Purchase']);
const projectionWideCodes = new Set<string>([...clientWideCodes, 'FOREIGN_CURRENCY']);

const only = (businessId: string | undefined, alias = '') => (businessId ? ` AND ${alias}business_id = @businessId` : '');

export function loadClientMoney(db: Db, advisorId: string, now: Date, businessId?: string): Map<string, ClientMoney> {
  const today = localDay(now);
  const p = { advisorId, businessId: businessId ?? null, today, burnFrom: burnWindowStart(today) };
  const params = businessId ? p : { advisorId, today, burnFrom: p.burnFrom };
  const clients = stmt(
    db,
    `SELECT business_id AS businessId, realm_id AS realmId, display_name AS displayName, connection_state AS connectionState, home_currency AS homeCurrency
     FROM clients WHERE advisor_id = @advisorId${only(businessId)} ORDER BY display_name COLLATE NOCASE, business_id`,
  ).all(businessId ? { advisorId, businessId } : { advisorId }) as Pick<ClientMoney, 'businessId' | 'realmId' | 'displayName' | 'connectionState' | 'homeCurrency'>[];
  const out = new Map<string, ClientMoney>();
  for (const c of clients) {
    out.set(c.businessId, { ...c, input: { today, cashCents: 0, invoices: [], bills: [], weeklyBurnCents: 0 }, bills: [], invoices: [], foreignWithoutRate: 0, billFlags: new Map() });
  }

  // Cash: active Bank accounts. A foreign-currency account counts at QBO's CurrentBalanceInHomeCurrency;
  // without it the account is left out (never summed as home currency) and counted in foreignWithoutRate;
  // the tray raises FOREIGN_CURRENCY for it (rules.ts unconvertibleCashAndSpending), which lowers confidence.
  const cash = stmt(
    db,
    `SELECT a.business_id AS businessId,
       SUM(CASE WHEN a.currency IS NULL OR a.currency = c.home_currency THEN a.current_balance_cents ELSE a.current_balance_home_cents END) AS cents,
       SUM(CASE WHEN a.currency IS NOT NULL AND a.currency <> c.home_currency AND a.current_balance_home_cents IS NULL THEN 1 ELSE 0 END) AS unconverted
     FROM mirror_balances a
     JOIN clients c ON c.business_id = a.business_id
     WHERE a.advisor_id = @advisorId${only(businessId, 'a.')} AND a.account_type = 'Bank' AND a.active = 1 AND a.deleted = 0
     GROUP BY a.business_id`,
  ).all(businessId ? { advisorId, businessId } : { advisorId }) as { businessId: string; cents: number | null; unconverted: number }[];
  for (const r of cash) {
    const c = out.get(r.businessId)!;
    c.input = { ...c.input, cashCents: r.cents ?? 0 };
    c.foreignWithoutRate += r.unconverted;
  }

  // Burn: Purchases dated in the trailing 12 weeks, one indexed range per client. A credit (refund,
  // Purchase.Credit = true) lowers the spending; a foreign-currency Purchase counts at its ExchangeRate
  // (home units per unit of CurrencyRef) and is left out without one (counted, and flagged by the tray).
  const burn = stmt(
    db,
    `SELECT c.business_id AS businessId,
       (SELECT SUM(ROUND(CASE WHEN p.currency IS NULL OR p.currency = c.home_currency THEN p.total_cents ELSE p.total_cents * p.exchange_rate END)
                   * CASE WHEN p.credit = 1 THEN -1 ELSE 1 END)
          FROM mirror_purchases p WHERE p.advisor_id = c.advisor_id AND p.business_id = c.business_id
          AND p.txn_date >= @burnFrom AND p.txn_date < @today AND p.deleted = 0) AS cents,
       (SELECT COUNT(*) FROM mirror_purchases p WHERE p.advisor_id = c.advisor_id AND p.business_id = c.business_id
          AND p.txn_date >= @burnFrom AND p.txn_date < @today AND p.deleted = 0
          AND p.currency IS NOT NULL AND p.currency <> c.home_currency AND p.exchange_rate IS NULL) AS unconverted
     FROM clients c WHERE c.advisor_id = @advisorId${only(businessId, 'c.')}`,
  ).all(params) as { businessId: string; cents: number | null; unconverted: number }[];
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
  const items = stmt(
    db,
    `SELECT business_id AS businessId, code, entity, qbo_ids AS qboIds FROM hygiene_items
     WHERE advisor_id = @advisorId${only(businessId)} AND status = 'open' AND code NOT IN (${workflowCodes.map((c) => `'${c}'`).join(', ')})
       AND (entity IS NULL OR entity IN ('Bill', 'Invoice', 'Account', 'Purchase'))`,
  ).all(businessId ? { advisorId, businessId } : { advisorId }) as { businessId: string; code: string; entity: string | null; qboIds: string }[];
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

  const bills = stmt(
    db,
    `SELECT b.business_id AS businessId, b.qbo_id AS qboId, b.doc_number AS docNumber, b.vendor_name AS counterpartyName, b.vendor_id AS counterpartyId,
            b.txn_date AS txnDate, b.due_date AS dueDate, b.balance_cents AS balanceCents, b.currency, b.exchange_rate AS exchangeRate,
            d.id AS decisionId, d.action, d.planned_date AS plannedDate
     FROM mirror_bills b
     LEFT JOIN decisions d ON d.advisor_id = b.advisor_id AND d.business_id = b.business_id AND d.bill_qbo_id = b.qbo_id AND d.superseded_at IS NULL
     WHERE b.advisor_id = @advisorId${only(businessId, 'b.')} AND b.deleted = 0 AND b.balance_cents <> 0`,
  ).all(businessId ? { advisorId, businessId } : { advisorId }) as (OpenRecord & { exchangeRate: number | null; decisionId: number | null; action: BillPlan['action'] | null; plannedDate: string | null })[];
  for (const b of bills) {
    const c = out.get(b.businessId);
    if (!c) continue;
    const homeCents = toHomeCents(b.balanceCents, b.currency, c.homeCurrency, b.exchangeRate);
    const plan = b.action ? { action: b.action, plannedDate: b.plannedDate } : null;
    c.bills.push({ ...b, currency: b.currency ?? c.homeCurrency, homeCents, plan, decisionId: b.decisionId });
    if (homeCents === null) {
      c.foreignWithoutRate++;
      continue;
    }
    const flagged = allBills.has(b.businessId) || Boolean(flaggedBills.get(b.businessId)?.has(b.qboId)) || (b.currency !== null && b.currency !== c.homeCurrency);
    (c.input.bills as RunwayInput['bills'][number][]).push({ qboId: b.qboId, dueDate: b.dueDate, amountCents: homeCents, flagged, plan });
  }

  const invoices = stmt(
    db,
    `SELECT i.business_id AS businessId, i.qbo_id AS qboId, i.doc_number AS docNumber, i.customer_name AS counterpartyName, i.customer_id AS counterpartyId,
            i.txn_date AS txnDate, i.due_date AS dueDate, i.balance_cents AS balanceCents, i.currency, i.exchange_rate AS exchangeRate
     FROM mirror_invoices i WHERE i.advisor_id = @advisorId${only(businessId, 'i.')} AND i.deleted = 0 AND i.balance_cents <> 0`,
  ).all(businessId ? { advisorId, businessId } : { advisorId }) as (OpenRecord & { exchangeRate: number | null })[];
  for (const v of invoices) {
    const c = out.get(v.businessId);
    if (!c) continue;
    const homeCents = toHomeCents(v.balanceCents, v.currency, c.homeCurrency, v.exchangeRate);
    c.invoices.push({ ...v, currency: v.currency ?? c.homeCurrency, homeCents });
    if (homeCents === null) {
      c.foreignWithoutRate++;
      continue;
    }
    const flagged = allInvoices.has(v.businessId) || Boolean(flaggedInvoices.get(v.businessId)?.has(v.qboId)) || (v.currency !== null && v.currency !== c.homeCurrency);
    (c.input.invoices as RunwayInput['invoices'][number][]).push({ qboId: v.qboId, dueDate: v.dueDate, amountCents: homeCents, flagged });
  }
  return out;
}
