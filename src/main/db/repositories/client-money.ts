// What the runway is fed, for one client or every client of the advisor, in a handful of set-based,
// indexed queries (never one query per record): the clients, their cash, their burn, their open bills
// (with the current decision) and invoices, and the open tray items that throw doubt on that money.
// services/runway-inputs.ts turns these rows into the runway's input.
import type { BillPlan } from '../../../core/runway/runway.ts';
import type { ConnectionState } from '../../../core/clients.ts';
import type { HygieneCode } from '../../../core/hygiene/codes.ts';
import type { Db } from '../open.ts';
import { stmt } from '../statements.ts';

const only = (businessId: string | undefined, alias = '') =>
  businessId ? ` AND ${alias}business_id = @businessId` : '';
const params = (advisorId: string, businessId: string | undefined) =>
  businessId ? { advisorId, businessId } : { advisorId };

export type MoneyClient = {
  businessId: string;
  realmId: string;
  displayName: string;
  connectionState: ConnectionState;
  homeCurrency: string;
};

export function moneyClients(db: Db, advisorId: string, businessId?: string): MoneyClient[] {
  return stmt(
    db,
    `SELECT business_id AS businessId, realm_id AS realmId, display_name AS displayName, connection_state AS connectionState, home_currency AS homeCurrency
     FROM clients WHERE advisor_id = @advisorId${only(businessId)} ORDER BY display_name COLLATE NOCASE, business_id`,
  ).all(params(advisorId, businessId)) as MoneyClient[];
}

/**
 * Cash: active Bank accounts. A foreign-currency account counts at QBO's CurrentBalanceInHomeCurrency;
 * without it the account is left out (never summed as home currency) and counted as unconverted.
 */
export function cashByClient(
  db: Db,
  advisorId: string,
  businessId?: string,
): { businessId: string; cents: number | null; unconverted: number }[] {
  return stmt(
    db,
    `SELECT a.business_id AS businessId,
       SUM(CASE WHEN a.currency IS NULL OR a.currency = c.home_currency THEN a.current_balance_cents ELSE a.current_balance_home_cents END) AS cents,
       SUM(CASE WHEN a.currency IS NOT NULL AND a.currency <> c.home_currency AND a.current_balance_home_cents IS NULL THEN 1 ELSE 0 END) AS unconverted
     FROM mirror_balances a
     JOIN clients c ON c.business_id = a.business_id
     WHERE a.advisor_id = @advisorId${only(businessId, 'a.')} AND a.account_type = 'Bank' AND a.active = 1 AND a.deleted = 0
     GROUP BY a.business_id`,
  ).all(params(advisorId, businessId)) as {
    businessId: string;
    cents: number | null;
    unconverted: number;
  }[];
}

/**
 * Spending: Purchases dated in [burnFrom, today), one indexed range per client. A credit (refund,
 * Purchase.Credit = true) lowers the spending; a foreign-currency Purchase counts at its ExchangeRate
 * (home units per unit of CurrencyRef) and is left out without one (counted as unconverted).
 */
export function spendingByClient(
  db: Db,
  advisorId: string,
  burnFrom: string,
  today: string,
  businessId?: string,
): { businessId: string; cents: number | null; unconverted: number }[] {
  return stmt(
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
  ).all({ ...params(advisorId, businessId), burnFrom, today }) as {
    businessId: string;
    cents: number | null;
    unconverted: number;
  }[];
}

export type DoubtItem = {
  businessId: string;
  code: HygieneCode;
  entity: string | null;
  qboIds: string;
};

/** Open tray items that may be about the projection's money: on a bill, invoice, account or purchase, or client-wide. */
export function openDoubtItems(
  db: Db,
  advisorId: string,
  exceptCodes: readonly HygieneCode[],
  businessId?: string,
): DoubtItem[] {
  return stmt(
    db,
    `SELECT business_id AS businessId, code, entity, qbo_ids AS qboIds FROM hygiene_items
     WHERE advisor_id = @advisorId${only(businessId)} AND status = 'open' AND code NOT IN (${exceptCodes.map((c) => `'${c}'`).join(', ')})
       AND (entity IS NULL OR entity IN ('Bill', 'Invoice', 'Account', 'Purchase'))`,
  ).all(params(advisorId, businessId)) as DoubtItem[];
}

export type OpenRecordRow = {
  businessId: string;
  qboId: string;
  docNumber: string | null;
  counterpartyName: string | null;
  counterpartyId: string | null;
  txnDate: string | null;
  dueDate: string | null;
  balanceCents: number;
  currency: string | null;
  exchangeRate: number | null;
};

export type OpenBillRow = OpenRecordRow & {
  decisionId: number | null;
  action: BillPlan['action'] | null;
  plannedDate: string | null;
};

/** Bills with an open balance, each with its current decision if any. */
export function openBills(db: Db, advisorId: string, businessId?: string): OpenBillRow[] {
  return stmt(
    db,
    `SELECT b.business_id AS businessId, b.qbo_id AS qboId, b.doc_number AS docNumber, b.vendor_name AS counterpartyName, b.vendor_id AS counterpartyId,
            b.txn_date AS txnDate, b.due_date AS dueDate, b.balance_cents AS balanceCents, b.currency, b.exchange_rate AS exchangeRate,
            d.id AS decisionId, d.action, d.planned_date AS plannedDate
     FROM mirror_bills b
     LEFT JOIN decisions d ON d.advisor_id = b.advisor_id AND d.business_id = b.business_id AND d.bill_qbo_id = b.qbo_id AND d.superseded_at IS NULL
     WHERE b.advisor_id = @advisorId${only(businessId, 'b.')} AND b.deleted = 0 AND b.balance_cents <> 0`,
  ).all(params(advisorId, businessId)) as OpenBillRow[];
}

/** Invoices with an open balance. */
export function openInvoices(db: Db, advisorId: string, businessId?: string): OpenRecordRow[] {
  return stmt(
    db,
    `SELECT i.business_id AS businessId, i.qbo_id AS qboId, i.doc_number AS docNumber, i.customer_name AS counterpartyName, i.customer_id AS counterpartyId,
            i.txn_date AS txnDate, i.due_date AS dueDate, i.balance_cents AS balanceCents, i.currency, i.exchange_rate AS exchangeRate
     FROM mirror_invoices i WHERE i.advisor_id = @advisorId${only(businessId, 'i.')} AND i.deleted = 0 AND i.balance_cents <> 0`,
  ).all(params(advisorId, businessId)) as OpenRecordRow[];
}
