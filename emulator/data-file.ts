// --data: companies and their entities from a JSON file (format in docs/emulator.md):
// {"companies":[{"realmId"?, "name", "homeCurrency"?, "companyInfo"?, "entities": {"Account":[…], "Vendor":[…], "Bill":[…]}}]}
// Entities are created in the order of ENTITY_ORDER (so references resolve) with the same rules as the API.
import { readFile } from 'node:fs/promises';
import type { Clock } from './clock.ts';
import { addCompanyInfo } from './company.ts';
import { dataRecordProblem } from './data-checks.ts';
import { entityByName, type EntityName } from './entities.ts';
import { QboFault } from './errors.ts';
import { Books } from './store.ts';
import type { Json } from './wire.ts';
import { createRecord } from './writes.ts';

const ENTITY_ORDER: EntityName[] = [
  'Term',
  'Account',
  'Item',
  'Class',
  'PaymentMethod',
  'Employee',
  'Vendor',
  'Customer',
  'Bill',
  'Invoice',
  'Estimate',
  'SalesReceipt',
  'Purchase',
  'VendorCredit',
  'CreditMemo',
  'BillPayment',
  'Payment',
  'Deposit',
  'Transfer',
  'JournalEntry',
];

export class DataFileError extends Error {}

export async function loadDataFile(
  source: string | object,
  clock: Clock,
  opts: { checked: boolean } = { checked: true },
): Promise<Books[]> {
  let data: unknown = source;
  if (typeof source === 'string') {
    let text: string;
    try {
      text = await readFile(source, 'utf8');
    } catch (error) {
      throw new DataFileError(
        `cannot read the data file ${source}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      );
    }
    try {
      data = JSON.parse(text);
    } catch (error) {
      throw new DataFileError(
        `the data file ${source} is not valid JSON: ${(error as Error).message}`,
      );
    }
  }
  const companies = (data as { companies?: unknown } | null)?.companies;
  if (!Array.isArray(companies))
    throw new DataFileError('the data must be an object with a "companies" array');
  const now = clock.now();
  const realms = new Set<string>();
  return companies.map((c: unknown, i: number) => {
    if (!c || typeof c !== 'object') throw new DataFileError(`companies[${i}] must be an object`);
    const co = c as {
      realmId?: unknown;
      name?: unknown;
      homeCurrency?: unknown;
      companyInfo?: unknown;
      entities?: unknown;
    };
    if (typeof co.name !== 'string' || !co.name)
      throw new DataFileError(`companies[${i}].name is missing`);
    const realmId =
      co.realmId === undefined ? `9341000000${String(i + 1).padStart(6, '0')}` : String(co.realmId);
    if (realms.has(realmId))
      throw new DataFileError(`companies[${i}].realmId ${realmId} is used twice`);
    realms.add(realmId);
    const books = new Books(
      realmId,
      co.name,
      typeof co.homeCurrency === 'string' ? co.homeCurrency : 'USD',
      clock,
    );
    addCompanyInfo(books, now, (co.companyInfo as Json | undefined) ?? {});
    const entities = (co.entities ?? {}) as Record<string, unknown>;
    for (const key of Object.keys(entities)) {
      const e = entityByName(key);
      if (!e || !ENTITY_ORDER.includes(e))
        throw new DataFileError(`companies[${i}].entities: unknown entity "${key}"`);
      if (!Array.isArray(entities[key]))
        throw new DataFileError(`companies[${i}].entities.${key} must be an array`);
    }
    for (const e of ENTITY_ORDER) {
      const list = Object.entries(entities).find(([k]) => entityByName(k) === e)?.[1] as
        Json[] | undefined;
      const ids = new Set<string>();
      for (const [j, body] of (list ?? []).entries()) {
        const problem =
          body && typeof body === 'object' && !Array.isArray(body)
            ? opts.checked
              ? dataRecordProblem(body, ids)
              : null
            : 'is not an object';
        if (problem) throw new DataFileError(`companies[${i}].entities.${e}[${j}]: ${problem}`);
        try {
          createRecord(books, e, body, now, { keepId: true });
        } catch (error) {
          if (error instanceof QboFault)
            throw new DataFileError(
              `companies[${i}].entities.${e}[${j}]: ${error.spec.message}: ${error.spec.detail}`,
            );
          throw error;
        }
      }
    }
    return books;
  });
}
