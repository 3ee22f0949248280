import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { invokeChannels } from '../../src/core/contract.ts';
import { openDatabase } from '../../src/main/db/open.ts';
import { saveClient } from '../../src/main/db/repositories/clients.ts';
import { dispatch } from '../../src/main/handlers/dispatch.ts';
import { createHandlers } from '../../src/main/handlers/index.ts';
import { argSchemas } from '../../src/main/handlers/schemas.ts';
import { tempDir } from '../support/temp.ts';

function setup() {
  const dataDir = tempDir();
  const db = openDatabase(join(dataDir, 'rowcol.db'));
  const handlers = createHandlers({ db, advisorId: 'local', dataDir, appVersion: '0.0.0-test', now: () => new Date('2026-11-26T10:00:00Z') });
  return { db, handlers, dataDir };
}

describe('the handler table behind every caller', () => {
  it('implements and validates every channel of the contract', () => {
    const { handlers, db } = setup();
    for (const channel of invokeChannels) {
      expect(typeof handlers[channel]).toBe('function');
      expect(argSchemas[channel]).toBeDefined();
    }
    db.close();
  });

  it('lists the clients from the database inside an ok envelope', async () => {
    const { handlers, db } = setup();
    saveClient(db, { advisorId: 'local', realmId: '42', environment: 'custom', displayName: 'Bluebird Bakery', now: '2026-11-26T10:00:00Z' });
    const result = await dispatch(handlers, 'clients:list', {});
    expect(result).toEqual({ ok: true, value: [expect.objectContaining({ realmId: '42', displayName: 'Bluebird Bakery', connectionState: 'connected' })] });
    db.close();
  });

  it('refuses unknown channels and invalid arguments with INVALID_INPUT, never an exception', async () => {
    const { handlers, db } = setup();
    expect(await dispatch(handlers, 'fs:read-file', {})).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: 'Unknown channel "fs:read-file".' } });
    const bad = await dispatch(handlers, 'clients:list', { sneaky: true });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    db.close();
  });

  it('explains that the demo books need the app when none are running', async () => {
    const { handlers, db } = setup();
    expect(await dispatch(handlers, 'clients:connect-demo', {})).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', message: expect.stringContaining('rowcol connect --demo') } });
    db.close();
  });

  it('turns a failure inside a handler into an envelope', async () => {
    const { handlers, db } = setup();
    db.close(); // the database is gone under the handler
    const result = await dispatch(handlers, 'clients:list', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});
