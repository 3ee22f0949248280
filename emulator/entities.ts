// Which QBO entities the emulator serves, and how each behaves (qbo-api.md §5).

export type EntityKind = 'list' | 'txn' | 'singleton';

export const entityKinds = {
  Account: 'list',
  Vendor: 'list',
  Customer: 'list',
  Item: 'list',
  Term: 'list',
  Employee: 'list',
  Class: 'list',
  PaymentMethod: 'list',
  Bill: 'txn',
  Invoice: 'txn',
  BillPayment: 'txn',
  Payment: 'txn',
  Purchase: 'txn',
  Deposit: 'txn',
  JournalEntry: 'txn',
  VendorCredit: 'txn',
  CreditMemo: 'txn',
  SalesReceipt: 'txn',
  Estimate: 'txn',
  Transfer: 'txn',
  CompanyInfo: 'singleton',
  Preferences: 'singleton',
} as const satisfies Record<string, EntityKind>;

export type EntityName = keyof typeof entityKinds;
export const entityNames = Object.keys(entityKinds) as EntityName[];

const byLower = new Map(entityNames.map((n) => [n.toLowerCase(), n]));

/** Canonical name for a case-insensitive entity name (queries and CDC accept any case), or undefined. */
export const entityByName = (name: string): EntityName | undefined =>
  byLower.get(name.toLowerCase());

export const isList = (e: EntityName): boolean => entityKinds[e] === 'list';
export const isTxn = (e: EntityName): boolean => entityKinds[e] === 'txn';

/** Field that names a list entity (unique per company, QBO's 6240 on a duplicate). */
export const nameField: Partial<Record<EntityName, string>> = {
  Account: 'Name',
  Vendor: 'DisplayName',
  Customer: 'DisplayName',
  Item: 'Name',
  Term: 'Name',
  Class: 'Name',
  PaymentMethod: 'Name',
  Employee: 'DisplayName',
};

export const currencyNames: Record<string, string> = {
  USD: 'United States Dollar',
  CAD: 'Canadian Dollar',
  EUR: 'Euro',
  GBP: 'British Pound Sterling',
  AUD: 'Australian Dollar',
  MXN: 'Mexican Peso',
};
export const currencyRef = (code: string): { value: string; name: string } => ({
  value: code,
  name: currencyNames[code] ?? code,
});
