// What the desktop app opens in the system browser: Intuit's consent page and QBO record links, over
// https, nothing else (a link from the books must never launch an arbitrary URL or a local program).
import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl } from '../../src/main/security/external-links.ts';

describe('links opened in the system browser', () => {
  it.each([
    'https://appcenter.intuit.com/connect/oauth2?client_id=x&state=y',
    'https://app.qbo.intuit.com/app/bill?txnId=123',
    'https://app.sandbox.qbo.intuit.com/app/invoice?txnId=9',
  ])('opens %s', (url) => expect(isAllowedExternalUrl(url)).toBe(true));

  it.each([
    ['plain http', 'http://appcenter.intuit.com/connect/oauth2'],
    ['another host', 'https://evil.example/connect/oauth2'],
    ['a look-alike host', 'https://appcenter.intuit.com.evil.example/'],
    ['a subdomain not listed', 'https://phish.app.qbo.intuit.com/'],
    ['credentials before the host', 'https://appcenter.intuit.com@evil.example/'],
    ['user info on the right host', 'https://user:pw@app.qbo.intuit.com/'],
    ['another port', 'https://app.qbo.intuit.com:8443/app/bill'],
    ['a local file', 'file:///etc/passwd'],
    ['a custom scheme', 'ms-msdt:/id PCWDiagnostic'],
    ['javascript', 'javascript:alert(1)'],
    ['not a URL', 'appcenter.intuit.com'],
  ])('refuses %s', (_why, url) => expect(isAllowedExternalUrl(url)).toBe(false));

  it("opens an operator's configured consent server by its exact origin only", () => {
    const extra = ['http://127.0.0.1:4010'];
    expect(isAllowedExternalUrl('http://127.0.0.1:4010/authorize?x=1', extra)).toBe(true);
    expect(isAllowedExternalUrl('http://127.0.0.1:4011/authorize', extra)).toBe(false);
    expect(isAllowedExternalUrl('http://127.0.0.1:4010/authorize')).toBe(false);
  });
});
