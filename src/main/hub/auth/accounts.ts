// Advisors and their devices: adding one (with a one-time sign-in code), signing a desktop in (a device
// token, shown once), and recognising a token on each request. Every change is in the audit trail.
import { CodedError } from '../../../core/result.ts';
import type { HubDb, HubSql } from '../db/hub-db.ts';
import {
  addDevice,
  addSignInCode,
  advisorByEmail,
  deviceByTokenHash,
  putAdvisor,
  useSignInCode,
  type Advisor,
  type DeviceSession,
  type Role,
} from '../db/repositories/advisors.ts';
import { addAudit } from '../db/repositories/audit.ts';
import { codeHash, hashSecret, newDeviceToken, newId, newSignInCode } from './secrets.ts';

/** How long a sign-in code stays valid. */
export const codeValidHours = 24;

export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

const emailShape = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function checkEmail(email: string): string {
  const e = normalizeEmail(email);
  if (!emailShape.test(e) || e.length > 320)
    throw new CodedError('INVALID_INPUT', `"${email}" is not an email address.`);
  return e;
}

async function issueCode(q: HubSql, advisor: Advisor): Promise<string> {
  const code = newSignInCode();
  await addSignInCode(q, advisor.id, codeHash(code), codeValidHours);
  return code;
}

/**
 * Adds an advisor (or changes the role of one already there) and makes a one-time sign-in code for them.
 * `by`: the admin doing it, or null for the hub's own machine (the bootstrap of the first admin).
 */
export async function addAdvisor(
  db: HubDb,
  a: { email: string; role: Role; name?: string | null },
  by: string | null = null,
): Promise<{ advisor: Advisor; code: string }> {
  const email = checkEmail(a.email);
  return db.tx(async (q) => {
    const advisor = await putAdvisor(q, { id: newId(), email, name: a.name ?? null, role: a.role });
    const code = await issueCode(q, advisor);
    await addAudit(q, {
      advisorId: by,
      action: 'advisor-added',
      after: { email, role: a.role },
    });
    return { advisor, code };
  });
}

/** A new one-time code for an advisor already there (a new computer, a lost code); `by`: the admin. */
export async function newCodeFor(
  db: HubDb,
  email: string,
  by: string | null = null,
): Promise<string> {
  const e = checkEmail(email);
  return db.tx(async (q) => {
    const advisor = await advisorByEmail(q, e);
    if (!advisor || advisor.disabledAt)
      throw new CodedError(
        'NOT_FOUND',
        `No advisor ${e} on this hub; add one with rowcol hub add-advisor.`,
      );
    await addAudit(q, { advisorId: by, action: 'sign-in-code', detail: advisor.email });
    return issueCode(q, advisor);
  });
}

export type SignedIn = { token: string; deviceId: string; advisor: Advisor };

/** Signs a desktop in with a one-time code: a new device and its token (returned once, kept as a hash). */
export async function signIn(
  db: HubDb,
  s: { email?: string; code: string; deviceName: string },
): Promise<SignedIn> {
  const email = s.email === undefined ? null : normalizeEmail(s.email);
  return db.tx(async (q) => {
    const advisor = await useSignInCode(q, email, codeHash(s.code));
    if (!advisor)
      throw new CodedError(
        'AUTH_REQUIRED',
        'That sign-in code is not valid (unknown, already used or more than a day old); ask your firm admin for a new one.',
      );
    const token = newDeviceToken();
    const deviceId = newId();
    await addDevice(q, {
      id: deviceId,
      advisorId: advisor.id,
      tokenHash: hashSecret(token),
      name: s.deviceName,
    });
    await addAudit(q, {
      advisorId: advisor.id,
      deviceId,
      action: 'signed-in',
      detail: s.deviceName,
    });
    return { token, deviceId, advisor };
  });
}

/** The device and advisor behind a bearer token, or undefined (unknown, revoked, advisor disabled). */
export async function authenticate(db: HubDb, token: string): Promise<DeviceSession | undefined> {
  if (!token.startsWith('rch_') || token.length > 200) return undefined;
  return deviceByTokenHash(db, hashSecret(token));
}

export type { DeviceSession };
