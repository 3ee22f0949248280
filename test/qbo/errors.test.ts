// Fault parsing against the real fault bodies in shared/qbo-fixtures (docs/qbo-api.md §6).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { openDataDir } from '../../src/main/db/data-dir.ts';
import { saveClient } from '../../src/main/db/repositories/clients.ts';
import { openTokenVault } from '../../src/main/oauth/token-vault.ts';
import { resolveEndpoints } from '../../src/main/qbo/endpoints.ts';
import { SyncEngine } from '../../src/main/sync/engine.ts';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  NotFoundError,
  RateLimitError,
  ServerError,
  StaleObjectError,
  ValidationError,
  errorFromResponse,
  parseFault,
  parseRetryAfter,
} from '../../src/main/qbo/errors.ts';
import { fixtureText } from '../support/fixtures.ts';

const fixture = fixtureText;

describe('QBO fault parsing', () => {
  it('reads the XML 429 throttle body as a RateLimitError with code 3001 and the intuit_tid', () => {
    const e = errorFromResponse(
      429,
      { intuit_tid: '1-abc' },
      fixture('fault_throttle_429_xml.xml'),
    );
    expect(e).toBeInstanceOf(RateLimitError);
    expect(e.faultCode).toBe('3001');
    expect(e.faultType).toBe('SERVICE');
    expect(e.errors[0]?.detail).toBe('The request limit was reached.  Try again later');
    expect(e.intuitTid).toBe('1-abc');
    expect(e.retryable).toBe(true);
  });

  it('reads the older 403 throttle body as a rate limit, not an authorization failure', () => {
    expect(errorFromResponse(403, {}, fixture('fault_throttle_403_xml.xml'))).toBeInstanceOf(
      RateLimitError,
    );
  });

  it('reads the lower-case 401 envelope as an AuthenticationError that is not retried', () => {
    const e = errorFromResponse(
      401,
      { 'Intuit-Tid': '1-5f7349e0' },
      fixture('fault_auth_401_token_expired.json'),
    );
    expect(e).toBeInstanceOf(AuthenticationError);
    expect(e.faultCode).toBe('3200');
    expect(e.faultType).toBe('AUTHENTICATION');
    expect(e.errors[0]?.detail).toMatch(/^Token expired/);
    expect(e.intuitTid).toBe('1-5f7349e0');
    expect(e.retryable).toBe(false);
  });

  it('keeps the access token quoted in a 401 detail out of every stored error text', () => {
    const token = 'AB01601390262kxzxOlnHYdhtEVRXISU7piPqQrCmmbDN35Yjd';
    const body = fixture('fault_auth_401_token_expired.json');
    expect(body).toContain(token);
    const e = errorFromResponse(401, {}, body);
    expect(e.message).toContain('Token expired: [redacted]');
    expect(JSON.stringify(e.errors)).not.toContain(token);
    const dir = mkdtempSync(join(tmpdir(), 'rowcol-redact-'));
    const db = openDataDir(dir);
    try {
      const businessId = saveClient(db, {
        advisorId: 'local',
        realmId: '9130',
        environment: 'sandbox',
        displayName: 'Acme',
        now: new Date().toISOString(),
      });
      const engine = new SyncEngine({
        db,
        advisorId: 'local',
        vault: openTokenVault({
          db,
          advisorId: 'local',
          dataDir: dir,
          env: { ROWCOL_KEYCHAIN: 'off' },
        }).vault,
        endpoints: resolveEndpoints({}, {}),
      });
      engine.recordFailure(businessId, ['Bill'], e);
      const stored = JSON.stringify([
        db.prepare('SELECT * FROM sync_state').all(),
        db.prepare('SELECT * FROM integration_log').all(),
        db.prepare('SELECT * FROM hygiene_items').all(),
      ]);
      expect(stored).toContain('Token expired');
      expect(stored).not.toContain(token);
    } finally {
      db.close();
    }
  });

  it.each([
    ['fault_validation_duplicate_name.json', '6240'],
    ['fault_validation_invalid_query.json', '4001'],
    ['fault_validation_unrecognized_property.json', '2010'],
    ['fault_validation_invalid_id_no_time.json', '2030'],
    ['fault_validation_unsupported_operation.json', '500'],
  ])('reads %s as a ValidationError with code %s', (file, code) => {
    const e = errorFromResponse(400, {}, fixture(file));
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.faultCode).toBe(code);
    expect(e.message).toContain('QuickBooks answered 400');
  });

  it('maps the batch faults 5010 and 610 to StaleObjectError and NotFoundError', () => {
    const batch = JSON.parse(fixture('batch_response_with_faults.json')) as {
      BatchItemResponse: Record<string, unknown>[];
    };
    const faults = batch.BatchItemResponse.filter((i) => i.Fault).map((i) =>
      JSON.stringify({ Fault: i.Fault }),
    );
    const errors = faults.map((f) => errorFromResponse(400, {}, f));
    expect(errors.some((e) => e instanceof StaleObjectError && e.faultCode === '5010')).toBe(true);
    expect(errors.some((e) => e instanceof NotFoundError && e.faultCode === '610')).toBe(true);
  });

  it('turns a 5xx with an HTML body into a retryable ServerError', () => {
    const e = errorFromResponse(503, {}, '<html><body>Service Unavailable</body></html>');
    expect(e).toBeInstanceOf(ServerError);
    expect(e.retryable).toBe(true);
  });

  it('returns null for a body that is no fault', () => {
    expect(parseFault('{"QueryResponse":{}}')).toBeNull();
    expect(parseFault('not json')).toBeNull();
  });

  it('honours Retry-After in seconds and as an HTTP date', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter(null, now)).toBeNull();
    const e = errorFromResponse(
      429,
      { 'retry-after': '2' },
      fixture('fault_throttle_429_xml.xml'),
      now,
    ) as RateLimitError;
    expect(e.retryAfterMs).toBe(2000);
  });
});
