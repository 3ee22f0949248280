// The QBO entities RowCol mirrors, and the table each lands in.

export const mirroredEntities = [
  'CompanyInfo',
  'Account',
  'Item',
  'Vendor',
  'Customer',
  'Bill',
  'Invoice',
  'BillPayment',
  'Payment',
  'Purchase',
] as const;
export type MirroredEntity = (typeof mirroredEntities)[number];

export const mirrorTableOf = {
  CompanyInfo: 'mirror_company_info',
  Account: 'mirror_balances',
  // Products and services: their income/expense accounts tell where an item line really posts.
  Item: 'mirror_items',
  Vendor: 'mirror_vendors',
  Customer: 'mirror_customers',
  Bill: 'mirror_bills',
  Invoice: 'mirror_invoices',
  BillPayment: 'mirror_bill_payments',
  Payment: 'mirror_payments',
  Purchase: 'mirror_purchases',
} as const satisfies Record<MirroredEntity, string>;

export type MirrorTable = (typeof mirrorTableOf)[MirroredEntity];

export const isMirroredEntity = (name: unknown): name is MirroredEntity =>
  typeof name === 'string' && (mirroredEntities as readonly string[]).includes(name);
