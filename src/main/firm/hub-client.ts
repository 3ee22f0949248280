// Talks to the firm's hub over HTTP(S): one call per route, answers parsed, failures turned into one
// clear line (offline, signed out, not allowed) with the code the CLI and the window know. The token is
// sent only in the Authorization header and never appears in a message.
import type { FirmAuditEntry } from '../../core/firm.ts';
import { CodedError, type ErrorCode } from '../../core/result.ts';
import type {
  HubAdvisor,
  MeAnswer,
  OutgoingOp,
  PullAnswer,
  PushAnswer,
  SignInAnswer,
} from './wire.ts';

export type HubClient = {
  url: string;
  signIn(code: string, deviceName: string, email?: string): Promise<SignInAnswer>;
  me(): Promise<MeAnswer>;
  pull(since: number, limit: number, company?: string): Promise<PullAnswer>;
  push(ops: readonly OutgoingOp[]): Promise<PushAnswer>;
  signOut(): Promise<void>;
  /** Reviewers and admins (the hub refuses advisors with 403). */
  audit(
    company: string,
    after: number,
    limit: number,
  ): Promise<{ entries: FirmAuditEntry[]; more: boolean }>;
  /** An admin's device only (the hub refuses others with 403). */
  admin: {
    addAdvisor(
      email: string,
      role: HubAdvisor['role'],
      name?: string,
    ): Promise<{ advisor: { email: string; role: string }; code: string }>;
    signInCode(email: string): Promise<{ code: string }>;
    assign(
      email: string,
      clients: readonly string[],
      remove: boolean,
    ): Promise<{ email: string; changed: number }>;
    advisors(): Promise<{ advisors: HubAdvisorRow[] }>;
    disable(email: string): Promise<{ disabled: string }>;
  };
};

export type HubAdvisorRow = {
  email: string;
  name: string | null;
  role: HubAdvisor['role'];
  clients: number;
  devices: number;
  disabled: boolean;
};

/** The hub's address as given: http(s) only, no path, query or credentials; trailing slash dropped. */
export function hubUrlFrom(text: string): string {
  let u: URL;
  try {
    u = new URL(text.trim());
  } catch {
    throw new CodedError(
      'INVALID_INPUT',
      `--hub must be the hub's address, like https://hub.example.com, not "${text}".`,
    );
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:')
    throw new CodedError(
      'INVALID_INPUT',
      `--hub must be an http:// or https:// address, not "${text}".`,
    );
  if (u.username || u.password || u.search || u.hash)
    throw new CodedError(
      'INVALID_INPUT',
      '--hub takes only the address of the hub (no user, query or #).',
    );
  const local =
    ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname) || u.hostname.startsWith('127.');
  if (u.protocol === 'http:' && !local)
    throw new CodedError(
      'INVALID_INPUT',
      `The hub at ${u.host} must be reached over https: the device token would cross the network in clear.`,
    );
  return `${u.origin}${u.pathname.replace(/\/+$/, '')}`;
}

export function hubClient(url: string, token?: string): HubClient {
  async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(`${url}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(120_000),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } })?.cause?.code ?? (error as Error)?.name;
      if (typeof cause === 'string' && /CERT|SSL|TLS|HOSTNAME/.test(cause))
        throw new CodedError(
          'UNAVAILABLE',
          `The firm hub at ${url} did not prove who it is (${cause}); if your firm uses its own certificate authority, set NODE_EXTRA_CA_CERTS to its certificate file.`,
        );
      throw new CodedError(
        'OFFLINE',
        `The firm hub at ${url} cannot be reached (${cause ?? 'no answer'}); your work stays here and is pushed at the next sync.`,
      );
    }
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (res.ok) return parsed as T;
    const message =
      (parsed as { error?: { message?: string } } | undefined)?.error?.message ??
      `HTTP ${res.status}`;
    const code: ErrorCode =
      res.status === 401
        ? 'AUTH_REQUIRED'
        : res.status === 403
          ? 'AUTH_REQUIRED'
          : res.status === 400 || res.status === 413
            ? 'INVALID_INPUT'
            : res.status === 404
              ? 'NOT_FOUND'
              : res.status === 409
                ? 'CONFLICT'
                : 'UNAVAILABLE';
    throw Object.assign(new CodedError(code, `The firm hub refused: ${message}`), {
      status: res.status,
    });
  }
  return {
    url,
    signIn: (code, deviceName, email) =>
      call('POST', '/sign-in', { code, deviceName, ...(email ? { email } : {}) }),
    me: () => call('GET', '/me'),
    pull: (since, limit, company) =>
      call(
        'GET',
        `/pull?since=${since}&limit=${limit}${company ? `&company=${encodeURIComponent(company)}` : ''}`,
      ),
    push: (ops) => call('POST', '/push', { ops }),
    signOut: async () => {
      await call('POST', '/sign-out');
    },
    audit: (company, after, limit) =>
      call('GET', `/audit?company=${encodeURIComponent(company)}&after=${after}&limit=${limit}`),
    admin: {
      addAdvisor: (email, role, name) =>
        call('POST', '/advisors', { email, role, ...(name ? { name } : {}) }),
      signInCode: (email) => call('POST', '/advisors/sign-in-code', { email }),
      assign: (email, clients, remove) => call('POST', '/assignments', { email, clients, remove }),
      advisors: () => call('GET', '/advisors'),
      disable: (email) => call('POST', '/advisors/disable', { email }),
    },
  };
}
