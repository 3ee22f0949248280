// Every QBO failure becomes one of these typed errors, parsed from every fault shape QBO really sends
// (docs/qbo-api.md §6): the JSON `Fault` envelope (HTTP 400, codes as strings), the lower-case 401
// envelope (`fault.error[]`, fixture fault_auth_401_token_expired.json) and the XML 429 body that QBO
// sends even when JSON was asked for (fixture fault_throttle_429_xml.xml, python-quickbooks#43).

export type FaultDetail = {
  code: string | null;
  message: string;
  detail: string | null;
  element: string | null;
};

export type QboErrorInit = {
  status?: number | null;
  intuitTid?: string | null;
  faultType?: string | null;
  errors?: FaultDetail[];
  cause?: unknown;
};

export class QboError extends Error {
  readonly status: number | null;
  readonly intuitTid: string | null;
  readonly faultType: string | null;
  readonly errors: FaultDetail[];
  /** Whether a retry of the same request may succeed (429, 5xx, timeouts, network). */
  readonly retryable: boolean = false;

  constructor(message: string, init: QboErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = new.target.name;
    this.status = init.status ?? null;
    this.intuitTid = init.intuitTid ?? null;
    this.faultType = init.faultType ?? null;
    this.errors = init.errors ?? [];
  }

  get faultCode(): string | null {
    return this.errors[0]?.code ?? null;
  }
}

/** 401 (or an AuthenticationFault): the access token is expired, malformed or revoked. */
export class AuthenticationError extends QboError {}
/** 403 AuthorizationFault: the connected user may not do this. Not retried. */
export class AuthorizationError extends QboError {}
/** 429 ThrottleExceeded (code 3001); QBO once sent it as 403. */
export class RateLimitError extends QboError {
  override readonly retryable = true;
  /** From `Retry-After` when present; QBO is not known to send it (docs/qbo-api.md §6.3). */
  retryAfterMs: number | null = null;
}
export class NetworkError extends QboError {
  override readonly retryable = true;
}
export class TimeoutError extends QboError {
  override readonly retryable = true;
}
/** HTTP 400 ValidationFault other than the codes below. */
export class ValidationError extends QboError {}
/** Code 5010: the SyncToken we sent is not the current one. */
export class StaleObjectError extends QboError {}
/** Code 610, or HTTP 404. */
export class NotFoundError extends QboError {}
export class ServerError extends QboError {
  override readonly retryable = true;
}
/** The circuit for this company is open: we do not call it until the cool-down ends. */
export class CircuitOpenError extends QboError {
  constructor(
    message: string,
    readonly retryAtMs: number,
  ) {
    super(message);
  }
}

type Headers = Record<string, string | string[] | undefined>;

const header = (headers: Headers, name: string): string | null => {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
  const v = key === undefined ? undefined : headers[key];
  return Array.isArray(v) ? (v[0] ?? null) : (v ?? null);
};

/** QBO's SDKs read `intuit_tid`; recordings show `Intuit-Tid` (docs/qbo-api.md §2). Accept both. */
export const intuitTidOf = (headers: Headers): string | null =>
  header(headers, 'intuit_tid') ?? header(headers, 'intuit-tid');

const str = (v: unknown): string | null =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null;

function parseJsonFault(body: string): { type: string | null; errors: FaultDetail[] } | null {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return null;
  }
  if (!json || typeof json !== 'object') return null;
  const root = json as Record<string, unknown>;
  // Upper-case `Fault.Error[]` (400s) or lower-case `fault.error[]` (401s).
  const fault = (root.Fault ?? root.fault) as Record<string, unknown> | undefined;
  if (!fault || typeof fault !== 'object') {
    // The token endpoint's shape, in case a gateway answers like it: {"error":"invalid_grant", ...}
    if (typeof root.error === 'string')
      return {
        type: null,
        errors: [
          {
            code: root.error,
            message: root.error,
            detail: str(root.error_description),
            element: null,
          },
        ],
      };
    return null;
  }
  const list = (fault.Error ?? fault.error) as unknown;
  const errors = Array.isArray(list)
    ? list.map((e) => {
        const r = (e ?? {}) as Record<string, unknown>;
        return {
          code: str(r.code),
          message: str(r.Message ?? r.message) ?? '',
          detail: str(r.Detail ?? r.detail),
          element: str(r.element),
        };
      })
    : [];
  return { type: str(fault.type), errors };
}

const xmlText = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .trim();

function parseXmlFault(body: string): { type: string | null; errors: FaultDetail[] } | null {
  const fault = /<Fault\b([^>]*)>([\s\S]*?)<\/Fault>/.exec(body);
  if (!fault) return null;
  const type = /\btype="([^"]*)"/.exec(fault[1] ?? '')?.[1] ?? null;
  const errors: FaultDetail[] = [];
  for (const m of (fault[2] ?? '').matchAll(/<Error\b([^>]*)>([\s\S]*?)<\/Error>/g)) {
    const inner = m[2] ?? '';
    const message = /<Message>([\s\S]*?)<\/Message>/.exec(inner)?.[1];
    const detail = /<Detail>([\s\S]*?)<\/Detail>/.exec(inner)?.[1];
    errors.push({
      code: /\bcode="([^"]*)"/.exec(m[1] ?? '')?.[1] ?? null,
      message: message === undefined ? '' : xmlText(message),
      detail: detail === undefined ? null : xmlText(detail),
      element: /\belement="([^"]*)"/.exec(m[1] ?? '')?.[1] ?? null,
    });
  }
  return { type, errors };
}

/** Parses any QBO fault body; null when the body is not a fault (an HTML error page, empty). */
export function parseFault(body: string): { type: string | null; errors: FaultDetail[] } | null {
  const trimmed = body.trimStart();
  if (trimmed.startsWith('<')) return parseXmlFault(trimmed);
  return parseJsonFault(trimmed);
}

/** Seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, nowMs: number): number | null {
  if (!value) return null;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}

/**
 * Hides token-like text (a run of 20+ token characters with a digit in it): QBO's 401 detail quotes the
 * access token ("Token expired: AB01…", fixture fault_auth_401_token_expired.json), and error text goes
 * to integration_log, sync_state, the tray and stderr.
 */
export const redactTokens = (text: string): string =>
  text.replace(/(?=[A-Za-z0-9_\-.~+/]*\d)[A-Za-z0-9_\-.~+/]{20,}=*/g, '[redacted]');

/** Turns a non-2xx response (or a 200 whose body is a Fault) into a typed error. */
export function errorFromResponse(
  status: number,
  headers: Headers,
  rawBody: string,
  nowMs = Date.now(),
): QboError {
  const rawParsed = parseFault(rawBody);
  const rawCode = rawParsed?.errors[0]?.code ?? '';
  const auth =
    status === 401 ||
    (rawParsed?.type ?? '').toLowerCase().startsWith('authentication') ||
    rawCode === '3200' ||
    rawCode === '100';
  const body = auth ? redactTokens(rawBody) : rawBody;
  const parsed =
    auth && rawParsed
      ? {
          ...rawParsed,
          errors: rawParsed.errors.map((e) => ({
            ...e,
            message: redactTokens(e.message),
            detail: e.detail === null ? null : redactTokens(e.detail),
          })),
        }
      : rawParsed;
  const intuitTid = intuitTidOf(headers);
  const errors = parsed?.errors ?? [];
  const first = errors[0];
  const summary = first
    ? [first.message, first.detail].filter(Boolean).join(': ')
    : body.slice(0, 200).trim() || `HTTP ${status}`;
  const init: QboErrorInit = { status, intuitTid, faultType: parsed?.type ?? null, errors };
  const code = first?.code ?? '';
  const type = (parsed?.type ?? '').toLowerCase();
  const message = `QuickBooks answered ${status}: ${summary}${intuitTid ? ` (intuit_tid ${intuitTid})` : ''}`;

  // Throttling first: code 3001 has come as 429 and, in older responses, as 403.
  if (status === 429 || code === '3001' || /ThrottleExceeded/i.test(first?.message ?? '')) {
    const e = new RateLimitError(message, init);
    e.retryAfterMs = parseRetryAfter(header(headers, 'retry-after'), nowMs);
    return e;
  }
  if (status === 401 || type.startsWith('authentication') || code === '3200' || code === '100')
    return new AuthenticationError(message, init);
  if (status === 403 || type.startsWith('authorization'))
    return new AuthorizationError(message, init);
  if (status >= 500) return new ServerError(message, init);
  if (code === '5010') return new StaleObjectError(message, init);
  if (status === 404 || code === '610') return new NotFoundError(message, init);
  return new ValidationError(message, init);
}
