import { describe, expect, it } from 'vitest';
import {
  codesRaisedBy,
  hygieneCodes,
  ruleCodes,
  severityOf,
  syncCodes,
  trayCodes,
} from './codes.ts';
import * as rules from './rules.ts';

describe('the table of tray codes', () => {
  it('names, for every code a rule raises, a rule that rules.ts really has', () => {
    for (const code of ruleCodes) {
      const rule = trayCodes[code].raisedBy.slice('rule:'.length);
      expect(typeof (rules as Record<string, unknown>)[rule], `${code} → ${rule}`).toBe('function');
    }
  });

  it('gives every code exactly one raiser: the tray rules or the sync', () => {
    expect([...ruleCodes, ...syncCodes].sort()).toEqual([...hygieneCodes].sort());
    expect(ruleCodes.filter((c) => (syncCodes as string[]).includes(c))).toEqual([]);
    expect(ruleCodes).toContain('SYNC_STALE');
    expect(codesRaisedBy('sync/engine.ts').sort()).toEqual([
      'RECONNECT_NEEDED',
      'SYNC_FAILED',
      'SYNC_THROTTLED',
    ]);
  });

  it('is where severities come from, and where the sync problems get their titles', () => {
    for (const code of hygieneCodes) expect(severityOf[code]).toBe(trayCodes[code].severity);
    for (const code of codesRaisedBy('sync/engine.ts')) expect(trayCodes[code].title).toMatch(/\S/);
  });

  it('makes a rule’s findings carry the severity of the table', () => {
    const found = rules.staleSync(
      [{ entity: 'Bill', ttlSeconds: 900, lastSuccessAt: '2024-06-01T00:00:00.000Z' }],
      new Date('2024-06-03T00:00:00.000Z'),
      { syncStaleMinSeconds: 3600 },
    );
    expect(found).toMatchObject([
      { code: 'SYNC_STALE', severity: trayCodes.SYNC_STALE.severity, recordKey: 'sync:Bill' },
    ]);
  });
});
