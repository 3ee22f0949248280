// The QBO Accounting API client (undici): paged query, read, sparse update, delete, CDC, CompanyInfo,
// all with `minorversion=75` (docs/qbo-api.md §2). Each HTTP attempt passes the company's limiter and
// circuit breaker; failures become typed errors (errors.ts); retryable ones are retried (retry.ts); a
// 401 asks the token source for a fresh access token once and repeats the request once.
import { Agent, errors as undiciErrors, request, type Dispatcher } from 'undici';
import { randomUUID } from 'node:crypto';
import { splitQueryAnswer, type SplitAnswer } from './raw-records.ts';
import { follow } from './abort-relay.ts';
import { CircuitBreakers, defaultBreakerOptions, type BreakerOptions } from './breaker.ts';
import {
  AuthenticationError,
  NetworkError,
  QboError,
  RateLimitError,
  ServerError,
  TimeoutError,
  errorFromResponse,
  intuitTidOf,
} from './errors.ts';
import { RealmLimiters, productionLimits, type Limits } from './limiter.ts';
import { PageBuffers } from './page-buffers.ts';
import { defaultRetryPolicy, withRetry, type RetryPolicy } from './retry.ts';

export const minorVersion = 75;

/** Supplies the bearer token for a company; implemented by oauth/token-manager.ts. */
export type AccessTokenSource = {
  accessToken(): Promise<string>;
  /** Called after a 401 with the token that was refused; single-flight per realm. */
  refreshAfterRejection(rejected: string): Promise<string>;
};

/** Counts for one sync run (printed in the CLI summary). */
export type RequestStats = {
  requests: number;
  retries: number;
  errors: number;
  throttled: number;
  refreshes: number;
};
export const newRequestStats = (): RequestStats => ({
  requests: 0,
  retries: 0,
  errors: 0,
  throttled: 0,
  refreshes: 0,
});

export type Connection = {
  realmId: string;
  tokens: AccessTokenSource;
  stats?: RequestStats;
  signal?: AbortSignal;
};

export type QboClientOptions = {
  apiBaseUrl: string;
  limits?: Limits;
  retry?: RetryPolicy;
  breaker?: BreakerOptions;
  /** Per-request time limit; QBO itself gives up after 120 s (docs/qbo-api.md §6.3). */
  timeoutMs?: number;
  /** Global cap on sockets to the API host, shared by every realm. */
  maxSockets?: number;
  random?: () => number;
  /**
   * Asked before every HTTP attempt, after this process's own limiter: resolves when the request may
   * go, with a function to call once its answer is in. The hub passes its realm budget shared by every
   * hub process through PostgreSQL (hub/budget); the desktop passes nothing.
   */
  admit?: (realmId: string, signal?: AbortSignal) => Promise<() => void>;
};

type Call = {
  method: 'GET' | 'POST';
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  contentType?: string;
  /** A query's entity: its records come back as QBO's own text too (qbo/raw-records.ts). */
  recordsOf?: string;
};

type Answer = {
  json: Record<string, unknown>;
  intuitTid: string | null;
  /** With `recordsOf`: the records' texts as sent (decoded when asked), the array left out of `json`. */
  records?: SplitAnswer;
};

/** `time` is the server's clock in the response envelope, used for cursors (ours may differ). */
export type Page = { records: unknown[]; intuitTid: string | null; time: string | null };
/**
 * A query page with its records as the JSON text QBO sent (stored as is: no stringify round trip),
 * decoded when the page is written: until then a page holds only its bytes.
 */
export type TextPage = {
  count: number;
  texts: () => string[];
  intuitTid: string | null;
  time: string | null;
};

/**
 * The records of a page's texts. A text that is not JSON (the answer's shape was sound, one record's
 * inside was not) fails the page as an unreadable answer, which the sync records and resumes from.
 */
export function parseRecords(texts: readonly string[]): unknown[] {
  try {
    return texts.map((t) => JSON.parse(t) as unknown);
  } catch (error) {
    throw new ServerError('QuickBooks sent an unreadable record in a page of results', {
      status: 200,
      intuitTid: null,
      cause: error,
    });
  }
}

const timeOf = (json: Record<string, unknown>): string | null =>
  typeof json.time === 'string' ? json.time : null;

export class QboClient {
  readonly apiBaseUrl: string;
  readonly limiters: RealmLimiters;
  readonly breakers: CircuitBreakers;
  private readonly retry: RetryPolicy;
  private readonly timeoutMs: number;
  private readonly agent: Agent;
  private readonly random: () => number;
  private readonly admit: QboClientOptions['admit'];
  /** Query pages are read into buffers used again page after page (page-buffers.ts). */
  private readonly pageBuffers = new PageBuffers();

  constructor(options: QboClientOptions) {
    this.apiBaseUrl = options.apiBaseUrl.replace(/\/+$/, '');
    this.limiters = new RealmLimiters(options.limits ?? productionLimits, this.apiBaseUrl);
    this.breakers = new CircuitBreakers(options.breaker ?? defaultBreakerOptions);
    this.retry = options.retry ?? defaultRetryPolicy;
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.agent = new Agent({ connections: options.maxSockets ?? 64, keepAliveTimeout: 10_000 });
    this.random = options.random ?? Math.random;
    this.admit = options.admit;
  }

  async close(): Promise<void> {
    await this.limiters.close();
    await this.agent.close();
  }

  /** One API call with limits, breaker, retries and a single re-try after a refreshed token. */
  async call(connection: Connection, c: Call): Promise<Answer> {
    // The run's signal is shared by dozens of calls at once: each waits on one of its own (abort-relay.ts).
    const following = connection.signal && follow(connection.signal);
    try {
      return await this.callFollowing(
        following ? { ...connection, signal: following.signal } : connection,
        c,
      );
    } finally {
      following?.done();
    }
  }

  private async callFollowing(conn: Connection, c: Call): Promise<Answer> {
    let token = await conn.tokens.accessToken();
    let refreshed = false;
    for (;;) {
      try {
        return await withRetry(this.retry, () => this.attempt(conn, c, token), {
          random: this.random,
          signal: conn.signal,
          onRetry: () => {
            if (conn.stats) conn.stats.retries++;
          },
        });
      } catch (error) {
        if (conn.signal?.aborted) throw conn.signal.reason ?? error;
        if (error instanceof AuthenticationError && !refreshed) {
          refreshed = true;
          if (conn.stats) conn.stats.refreshes++;
          token = await conn.tokens.refreshAfterRejection(token);
          continue;
        }
        if (conn.stats) conn.stats.errors++;
        throw error;
      }
    }
  }

  private attempt(conn: Connection, c: Call, token: string): Promise<Answer> {
    return this.limiters.schedule(
      conn.realmId,
      async (answered) => {
        this.breakers.admit(conn.realmId);
        const admitted = this.admit ? await this.admit(conn.realmId, conn.signal) : undefined;
        if (conn.stats) conn.stats.requests++;
        try {
          const result = await this.send(conn, c, token, answered);
          this.breakers.succeeded(conn.realmId);
          return result;
        } catch (error) {
          // A cancel is ours, not the company's: no breaker failure, no retry (the reason is a plain Error).
          if (conn.signal?.aborted) {
            this.breakers.abandoned(conn.realmId);
            throw conn.signal.reason ?? error;
          }
          // A 429 means QBO is up and pacing us: the breaker is for a company that is down.
          if (error instanceof RateLimitError) this.breakers.abandoned(conn.realmId);
          else if (error instanceof QboError && error.retryable) this.breakers.failed(conn.realmId);
          else if (error instanceof QboError)
            this.breakers.succeeded(conn.realmId); // QBO answered: it is up
          else this.breakers.abandoned(conn.realmId);
          if (conn.stats && error instanceof QboError && error.status === 429)
            conn.stats.throttled++;
          throw error;
        } finally {
          admitted?.();
        }
      },
      conn.signal,
    );
  }

  private async send(
    conn: Connection,
    c: Call,
    token: string,
    answered: () => void = () => {},
  ): Promise<Answer> {
    const url = new URL(
      `${this.apiBaseUrl}/v3/company/${encodeURIComponent(conn.realmId)}/${c.path}`,
    );
    for (const [k, v] of Object.entries(c.query ?? {})) url.searchParams.set(k, v);
    url.searchParams.set('minorversion', String(minorVersion));
    let res: Dispatcher.ResponseData;
    try {
      res = await request(url, {
        method: c.method,
        dispatcher: this.agent,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          ...(c.body === undefined ? {} : { 'content-type': c.contentType ?? 'application/json' }),
        },
        body:
          c.body === undefined
            ? undefined
            : typeof c.body === 'string'
              ? c.body
              : JSON.stringify(c.body),
        headersTimeout: this.timeoutMs,
        bodyTimeout: this.timeoutMs,
        signal: conn.signal,
      });
    } catch (error) {
      if (conn.signal?.aborted) throw conn.signal.reason ?? error;
      throw transportError(error, url);
    }
    answered(); // the headers are in: the rate windows count the request from now (limiter.ts)
    // A query page is read as bytes and cut into its records' texts (qbo/raw-records.ts): it
    // never becomes one large string, and its records stay unparsed until the page is written.
    let bytes: Buffer | null = null;
    let release = () => {};
    let text: string;
    try {
      if (c.recordsOf && res.statusCode >= 200 && res.statusCode < 300) {
        ({ bytes, release } = await this.pageBuffers.read(res.body));
        text = '';
      } else text = await res.body.text();
    } catch (error) {
      if (conn.signal?.aborted) throw conn.signal.reason ?? error;
      throw transportError(error, url);
    }
    const headers = res.headers as Record<string, string | string[] | undefined>;
    if (res.statusCode < 200 || res.statusCode >= 300)
      throw errorFromResponse(res.statusCode, headers, text);
    let json: unknown;
    let records: SplitAnswer | undefined;
    try {
      const split = bytes && c.recordsOf ? splitQueryAnswer(bytes, c.recordsOf) : null;
      const qr = split
        ? (JSON.parse(split.envelope) as { QueryResponse?: Record<string, unknown> } | null)
        : null;
      if (split && qr?.QueryResponse && Array.isArray(qr.QueryResponse[c.recordsOf!])) {
        json = qr;
        // The buffer goes back to the pool once the records are decoded.
        let decoded: string[] | undefined;
        records = {
          ...split,
          texts: () => {
            if (!decoded) {
              decoded = split.texts();
              release();
            }
            return decoded;
          },
        };
      } else {
        // Any other shape is parsed whole, as every other answer is.
        if (bytes) text = bytes.toString('utf8');
        release();
        json = JSON.parse(text);
      }
    } catch (error) {
      if (bytes && !text) text = bytes.toString('utf8');
      release();
      // A 200 that is not JSON is a broken gateway, not data: retry it like a server error.
      throw new ServerError(`QuickBooks sent an unreadable answer: ${text.slice(0, 120)}`, {
        status: res.statusCode,
        intuitTid: intuitTidOf(headers),
        cause: error,
      });
    }
    const obj = (json ?? {}) as Record<string, unknown>;
    // Batch-style faults can come inside a 200.
    if (obj.Fault) throw errorFromResponse(400, headers, text || (bytes?.toString('utf8') ?? ''));
    return { json: obj, intuitTid: intuitTidOf(headers), ...(records ? { records } : {}) };
  }

  /** One page of `SELECT * FROM entity [WHERE …] STARTPOSITION s MAXRESULTS m` (1-based, max 1000). */
  async queryPage(
    conn: Connection,
    entity: string,
    where: string | null,
    startPosition: number,
    maxResults = 1000,
  ): Promise<Page> {
    const page = await this.queryPageTexts(conn, entity, where, startPosition, maxResults);
    return { records: parseRecords(page.texts()), intuitTid: page.intuitTid, time: page.time };
  }

  /**
   * queryPage with each record as the JSON text QBO sent (what the mirror stores), not yet parsed: the
   * caller parses a page when it writes it (parseRecords).
   */
  async queryPageTexts(
    conn: Connection,
    entity: string,
    where: string | null,
    startPosition: number,
    maxResults = 1000,
  ): Promise<TextPage> {
    const statement = `SELECT * FROM ${entity}${where ? ` WHERE ${where}` : ''} ORDERBY Id STARTPOSITION ${startPosition} MAXRESULTS ${maxResults}`;
    const {
      json,
      intuitTid,
      records: split,
    } = await this.call(conn, {
      method: 'GET',
      path: 'query',
      query: { query: statement },
      recordsOf: entity,
    });
    if (split)
      return { count: split.count, texts: () => split.texts(), intuitTid, time: timeOf(json) };
    const qr = (json.QueryResponse ?? {}) as Record<string, unknown>;
    // A page past the end is `{"QueryResponse":{}}` (fixture query_empty_page.json).
    const records = Array.isArray(qr[entity]) ? (qr[entity] as unknown[]) : [];
    return {
      count: records.length,
      texts: () => records.map((r) => JSON.stringify(r) ?? 'null'),
      intuitTid,
      time: timeOf(json),
    };
  }

  async read(conn: Connection, entity: string, id: string): Promise<unknown> {
    const { json } = await this.call(conn, {
      method: 'GET',
      path: `${entity.toLowerCase()}/${encodeURIComponent(id)}`,
    });
    return json[entity];
  }

  async companyInfo(conn: Connection): Promise<Page> {
    const { json, intuitTid } = await this.call(conn, {
      method: 'GET',
      path: `companyinfo/${encodeURIComponent(conn.realmId)}`,
    });
    return { records: json.CompanyInfo ? [json.CompanyInfo] : [], intuitTid, time: timeOf(json) };
  }

  /** Sparse update (only the fields given change); `requestid` makes a retry idempotent (docs/qbo-api.md §2). */
  async sparseUpdate(
    conn: Connection,
    entity: string,
    fields: { Id: string; SyncToken: string } & Record<string, unknown>,
    requestId: string = randomUUID(),
  ): Promise<unknown> {
    const { json } = await this.call(conn, {
      method: 'POST',
      path: entity.toLowerCase(),
      query: { requestid: requestId },
      body: { ...fields, sparse: true },
    });
    return json[entity];
  }

  async delete(
    conn: Connection,
    entity: string,
    ref: { Id: string; SyncToken: string },
    requestId: string = randomUUID(),
  ): Promise<unknown> {
    const { json } = await this.call(conn, {
      method: 'POST',
      path: entity.toLowerCase(),
      query: { operation: 'delete', requestid: requestId },
      body: ref,
    });
    return json[entity];
  }

  /**
   * QBO's invoice send operation: e-mails the invoice to `sendTo` and answers the Invoice with its
   * EmailStatus "EmailSent" (docs/qbo-api.md §5.13). `requestid` makes a retry send it once.
   */
  async sendInvoice(
    conn: Connection,
    id: string,
    sendTo: string,
    requestId: string = randomUUID(),
  ): Promise<unknown> {
    const { json } = await this.call(conn, {
      method: 'POST',
      path: `invoice/${encodeURIComponent(id)}/send`,
      query: { sendTo, requestid: requestId },
      body: '',
      contentType: 'application/octet-stream',
    });
    return json.Invoice;
  }

  /** Changes since `changedSince` for every entity named, in one request (docs/qbo-api.md §4). */
  async cdc(
    conn: Connection,
    entities: readonly string[],
    changedSince: string,
  ): Promise<{ byEntity: Map<string, unknown[]>; intuitTid: string | null; time: string | null }> {
    const { json, intuitTid } = await this.call(conn, {
      method: 'GET',
      path: 'cdc',
      query: { entities: entities.join(','), changedSince },
    });
    const byEntity = new Map<string, unknown[]>();
    for (const block of Array.isArray(json.CDCResponse) ? json.CDCResponse : []) {
      const responses = (block as Record<string, unknown>)?.QueryResponse;
      for (const qr of Array.isArray(responses) ? responses : []) {
        for (const [key, value] of Object.entries((qr ?? {}) as Record<string, unknown>)) {
          if (Array.isArray(value)) byEntity.set(key, [...(byEntity.get(key) ?? []), ...value]);
        }
      }
    }
    return { byEntity, intuitTid, time: timeOf(json) };
  }
}

function transportError(error: unknown, url: URL): QboError {
  const where = `${url.origin}`;
  if (error instanceof QboError) return error;
  const name = (error as Error)?.name;
  if (name === 'AbortError') throw error; // cancellation is not a failure to retry
  if (
    error instanceof undiciErrors.HeadersTimeoutError ||
    error instanceof undiciErrors.BodyTimeoutError ||
    (error as { code?: string })?.code === 'UND_ERR_CONNECT_TIMEOUT'
  ) {
    return new TimeoutError(`QuickBooks at ${where} did not answer in time`, { cause: error });
  }
  const code =
    (error as { code?: string; cause?: { code?: string } })?.code ??
    (error as { cause?: { code?: string } })?.cause?.code ??
    'unknown';
  return new NetworkError(`Cannot reach QuickBooks at ${where} (${code})`, { cause: error });
}
