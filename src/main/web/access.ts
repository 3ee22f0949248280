// Who may use the browser version: only the browser that opened the one-time link `rowcol app` printed,
// on the address it printed. The link's token is exchanged once for an HttpOnly, SameSite=Strict cookie
// (another random value); both are checked against SHA-256 digests in constant time, so no comparison
// leaks how much of a guess was right. Model: Jupyter's token login, with the
// DNS-rebinding and cross-site checks of ARCHITECTURE.md "The browser version".
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();
const sameDigest = (a: Buffer, b: Buffer): boolean =>
  a.length === b.length && timingSafeEqual(a, b);
const secret = (): string => randomBytes(32).toString('base64url');

export type SessionKeys = {
  /** The one-time token for the printed link; only this value redeems, and only once. */
  readonly oneTimeToken: string;
  /** The cookie's value for the first correct token, undefined for any other or a second try. */
  redeem(token: string): string | undefined;
  /** Whether a request carrying this cookie value is the browser that redeemed the token. */
  admits(cookie: string | undefined): boolean;
};

export function sessionKeys(): SessionKeys {
  const oneTimeToken = secret();
  let tokenDigest: Buffer | undefined = digest(oneTimeToken);
  let cookieDigest: Buffer | undefined;
  return {
    oneTimeToken,
    redeem: (token) => {
      if (!tokenDigest || !sameDigest(digest(token), tokenDigest)) return undefined;
      tokenDigest = undefined;
      const cookie = secret();
      cookieDigest = digest(cookie);
      return cookie;
    },
    admits: (cookie) =>
      cookie !== undefined &&
      cookieDigest !== undefined &&
      sameDigest(digest(cookie), cookieDigest),
  };
}

/**
 * Cookies are shared by every port of a host, so each server names its own: two `rowcol app` running at
 * once do not overwrite each other's.
 */
export const cookieName = (port: number): string => `rowcol_session_${port}`;

export const setCookieHeader = (port: number, value: string): string =>
  // No Max-Age: a session cookie, gone with the browser session; a new server needs a new link anyway.
  `${cookieName(port)}=${value}; Path=/; HttpOnly; SameSite=Strict`;

export function cookieFrom(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * The Host header names the address the browser thinks it talks to: a page of another site whose name was
 * rebound to 127.0.0.1 (DNS rebinding) sends its own name, and is refused.
 */
export const allowedHosts = (port: number): readonly string[] => [
  `127.0.0.1:${port}`,
  `localhost:${port}`,
];

/** A request another page sent (its Origin) is refused; the page's own requests name this very host. */
export const originAllowed = (origin: string | undefined, host: string): boolean =>
  origin === undefined || origin === `http://${host}`;

/**
 * Fetch metadata (Sec-Fetch-Site, sent by every current browser): the API answers only the page itself,
 * never another site's or a sibling port's scripts, even where Origin is missing.
 */
export const fetchSiteAllowed = (site: string | undefined): boolean =>
  site === undefined || site === 'same-origin';
