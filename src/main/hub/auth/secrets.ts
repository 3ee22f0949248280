// The hub's secrets in clear exist only twice: when made (shown once: the code to the admin, the token to
// the desktop) and when presented. Stored, each is a SHA-256 hash: both are long random values, so a hash
// alone cannot be reversed or guessed, and a leaked database signs no one in.
import { createHash, randomBytes, randomUUID } from 'node:crypto';

export const hashSecret = (secret: string): string =>
  createHash('sha256').update(secret, 'utf8').digest('hex');

/** A device's bearer token: 32 random bytes, prefixed so a leaked one is recognisable in a scan. */
export const newDeviceToken = (): string => `rch_${randomBytes(32).toString('base64url')}`;

// Crockford's base32 without I, L, O, U: a code read aloud or typed from a note is not mistaken.
const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A one-time sign-in code: 16 characters (80 bits) in groups of four, e.g. `7KQ2-M9XD-…`. */
export function newSignInCode(): string {
  const bytes = randomBytes(16);
  const chars = [...bytes].map((b) => alphabet[b % 32]).join('');
  return chars.match(/.{4}/g)!.join('-');
}

/** The code as typed: case, spaces and dashes do not matter. */
export const normalizeCode = (code: string): string =>
  code.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');

export const codeHash = (code: string): string => hashSecret(normalizeCode(code));

export const newId = (): string => randomUUID();
