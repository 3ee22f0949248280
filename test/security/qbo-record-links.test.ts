// The tray's "Open in QuickBooks" links pass the desktop app's openExternal allowlist, and what only
// looks like them does not (the allowlist is the shell's; the links are built by core/tray/qbo-links.ts).
import { describe, expect, it } from 'vitest';
import { qboRecordUrl } from '../../src/core/tray/qbo-links.ts';
import { isAllowedExternalUrl } from '../../src/main/security/external-links.ts';

const ref = {
  environment: 'production' as const,
  realmId: '9130',
  entity: 'Bill' as const,
  qboId: '145',
};

describe('QuickBooks record links and the openExternal allowlist', () => {
  it('lets the links the tray builds open, in production and in the sandbox', () => {
    expect(isAllowedExternalUrl(qboRecordUrl(ref)!)).toBe(true);
    expect(isAllowedExternalUrl(qboRecordUrl({ ...ref, environment: 'sandbox' })!)).toBe(true);
  });

  it('refuses what only looks like one', () => {
    for (const bad of [
      'http://app.qbo.intuit.com/app/bill?txnId=1',
      'https://app.qbo.intuit.com.evil.example/app/bill?txnId=1',
      'https://user:pw@app.qbo.intuit.com/app/bill?txnId=1',
      'https://app.qbo.intuit.com:8443/app/bill?txnId=1',
      'javascript:alert(1)',
      'not a url',
    ])
      expect(isAllowedExternalUrl(bad), bad).toBe(false);
  });
});

describe('contact links from the collections screen', () => {
  it('hands mailto: and tel: to the system, and nothing else that looks like them', async () => {
    const { isContactLink } = await import('../../src/main/security/external-links.ts');
    expect(isContactLink('mailto:ap@bluebird.example')).toBe(true);
    expect(isContactLink('tel:+15550142')).toBe(true);
    for (const bad of [
      'mailto:a@b.example%0D%0ABcc:x@evil.example\r\n',
      'mailto:a@b.example\nBcc:x@evil.example',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'tel:',
    ])
      expect(isContactLink(bad), bad).toBe(false);
  });
});
