// A company's fixed parts: CompanyInfo (served at companyinfo/{realmId}) and Preferences, and the realm id.
import { currencyRef } from './entities.ts';
import type { Books } from './store.ts';
import { metaTime } from './wire.ts';

export function addCompanyInfo(
  books: Books,
  atMs: number,
  extra: Record<string, unknown> = {},
): void {
  const meta = { CreateTime: metaTime(atMs), LastUpdatedTime: metaTime(atMs) };
  const name = books.name;
  books.insert(
    'CompanyInfo',
    {
      CompanyName: name,
      LegalName: `${name} LLC`,
      CompanyAddr: {
        Id: '1',
        Line1: '2500 Garcia Ave',
        City: 'Mountain View',
        CountrySubDivisionCode: 'CA',
        Country: 'USA',
        PostalCode: '94043',
      },
      CustomerCommunicationAddr: {
        Id: '1',
        Line1: '2500 Garcia Ave',
        City: 'Mountain View',
        CountrySubDivisionCode: 'CA',
        Country: 'USA',
        PostalCode: '94043',
      },
      LegalAddr: {
        Id: '1',
        Line1: '2500 Garcia Ave',
        City: 'Mountain View',
        CountrySubDivisionCode: 'CA',
        Country: 'USA',
        PostalCode: '94043',
      },
      PrimaryPhone: { FreeFormNumber: '(650) 555-0100' },
      CompanyStartDate: '2015-06-01',
      FiscalYearStartMonth: 'January',
      Country: 'US',
      Email: { Address: `books@${name.toLowerCase().replace(/[^a-z0-9]+/g, '')}.example` },
      SupportedLanguages: 'en',
      NameValue: [
        { Name: 'NeoEnabled', Value: 'true' },
        { Name: 'OfferingSku', Value: 'QuickBooks Online Plus' },
        { Name: 'SubscriptionStatus', Value: 'PAID' },
        { Name: 'HomeCurrency', Value: books.homeCurrency },
      ],
      ...extra,
      domain: 'QBO',
      sparse: false,
      Id: '1',
      SyncToken: '0',
      MetaData: meta,
    },
    atMs,
  );
  books.insert(
    'Preferences',
    {
      CurrencyPrefs: { MultiCurrencyEnabled: true, HomeCurrency: currencyRef(books.homeCurrency) },
      SalesFormsPrefs: { DefaultTerms: { value: '3' }, AllowDeposit: false, AllowDiscount: true },
      VendorAndPurchasesPrefs: { BillableExpenseTracking: false, TrackingByCustomer: false },
      domain: 'QBO',
      sparse: false,
      Id: '1',
      SyncToken: '0',
      MetaData: { ...meta },
    },
    atMs,
  );
}
