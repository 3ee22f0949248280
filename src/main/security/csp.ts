// The renderer's Content Security Policy, sent as a response header by whatever serves the renderer:
// the desktop app's rowcol:// protocol (src/main/app/protocol.ts) and the browser app's HTTP server
// (src/main/web/). One constant, so both modes run under the same policy; a header rather than a <meta>
// tag, because only a header can carry frame-ancestors and it applies before any byte of the page.
//
// - scripts only from the app itself: no inline script, no eval, no other host;
// - inline styles are allowed: React sets style attributes, and the digest page (shown in a sandboxed
//   frame) is one self-contained HTML file with its own <style>;
// - images from the app and data: URLs (the digest's chart is inline SVG, icons may be data:);
// - the page talks only to its own origin (the browser app's API; Electron uses IPC, not the network);
// - no plugins, no <base>, no form posts, and no other site may frame the app.
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers for every response that carries the renderer (its HTML and its assets). */
export const appSecurityHeaders: Readonly<Record<string, string>> = {
  'Content-Security-Policy': contentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
};
