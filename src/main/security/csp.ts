// The one Content Security Policy of the window, wherever it is served from: the Electron app's response
// header and the browser version's (`rowcol app`, src/main/web). The same text is in
// src/renderer/index.html's meta tag, for a page opened some other way. Scripts and styles come only from
// the app itself (React's inline style attributes need 'unsafe-inline' for styles); no remote content.
export const contentSecurityPolicy =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:";

/**
 * The policy as a response header: frame-ancestors is honoured only there (never in a meta tag), so no
 * other page can frame the app (clickjacking).
 */
export const contentSecurityPolicyHeader = `${contentSecurityPolicy}; frame-ancestors 'none'`;
