import { describe, expect, it } from 'vitest';
import { qboRecordUrl } from './qbo-links.ts';

const ref = { environment: 'production' as const, realmId: '9130', entity: 'Bill', qboId: '145' };

describe('QuickBooks record links', () => {
  it('opens each record on the web app of its environment, naming the company', () => {
    expect(qboRecordUrl(ref)).toBe(
      'https://app.qbo.intuit.com/app/bill?txnId=145&deeplinkcompanyid=9130',
    );
    expect(qboRecordUrl({ ...ref, environment: 'sandbox', entity: 'Invoice' })).toBe(
      'https://app.sandbox.qbo.intuit.com/app/invoice?txnId=145&deeplinkcompanyid=9130',
    );
    expect(qboRecordUrl({ ...ref, entity: 'Purchase' })).toContain('/app/expense?txnId=145');
    expect(qboRecordUrl({ ...ref, entity: 'Payment' })).toContain('/app/recvpayment?txnId=145');
    expect(qboRecordUrl({ ...ref, entity: 'Vendor' })).toContain('/app/vendordetail?nameId=145');
    expect(qboRecordUrl({ ...ref, entity: 'Account' })).toContain('/app/register?accountId=145');
  });

  it('has no link for the demo books, a client-wide item or an entity without a page', () => {
    expect(qboRecordUrl({ ...ref, environment: 'custom' })).toBeNull();
    expect(qboRecordUrl({ ...ref, entity: null })).toBeNull();
    expect(qboRecordUrl({ ...ref, qboId: undefined })).toBeNull();
    expect(qboRecordUrl({ ...ref, entity: 'CompanyInfo' })).toBeNull();
  });

  it('keeps an id with odd characters inside its parameter', () => {
    expect(qboRecordUrl({ ...ref, qboId: '1&x=2' })).toBe(
      'https://app.qbo.intuit.com/app/bill?txnId=1%26x%3D2&deeplinkcompanyid=9130',
    );
  });
});
