// Which addresses RowCol opens in the system browser (shell.openExternal): Intuit's consent page and
// links to a record in QuickBooks Online, over https, and nothing else. A link anywhere else in the app
// (a vendor's website in a memo, a crafted URL in the books) is refused, so data from QuickBooks can never
// make the app launch an arbitrary URL or a local program (file:, smb:, custom schemes).
export const externalHosts = [
  'appcenter.intuit.com', // Intuit's OAuth consent page (docs/qbo-api.md §1)
  'app.qbo.intuit.com', // a record in QuickBooks Online
  'app.sandbox.qbo.intuit.com', // a record in a sandbox company
] as const;

/**
 * True when `url` may be opened in the system browser. `extraOrigins`: exact origins the operator
 * configured (ROWCOL_QBO_AUTHORIZE_URL pointing at a test server), never taken from the books.
 */
export function isAllowedExternalUrl(url: string, extraOrigins: readonly string[] = []): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  // Credentials in a URL are a classic disguise (https://appcenter.intuit.com@evil.example/).
  if (u.username || u.password) return false;
  if (extraOrigins.includes(u.origin)) return true;
  return (
    u.protocol === 'https:' &&
    u.port === '' &&
    (externalHosts as readonly string[]).includes(u.hostname)
  );
}

/**
 * A customer's e-mail or phone link (the collections screen's mailto: and tel:): handed to the system's
 * mail or phone app, never navigated to in the window. Only these two schemes, nothing that can launch a
 * program, and no embedded line breaks (a crafted address cannot smuggle headers into the mail app).
 */
export function isContactLink(url: string): boolean {
  return /^(mailto|tel):[^\s\r\n]+$/i.test(url);
}
