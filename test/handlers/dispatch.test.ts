import { describe, expect, it } from 'vitest';
import { invokeChannels } from '../../src/core/contract.ts';
import { saveClient } from '../../src/main/db/repositories/clients.ts';
import { dispatch } from '../../src/main/handlers/dispatch.ts';
import { argSchemas } from '../../src/main/handlers/schemas.ts';
import { openRuntime } from '../../src/main/runtime/runtime.ts';
import { tempDir } from '../support/temp.ts';

function setup() {
  const dataDir = tempDir();
  const runtime = openRuntime({ dataDir, env: {}, now: () => new Date('2026-11-26T10:00:00Z') });
  return { db: runtime.db, handlers: runtime.handlers, dataDir };
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
    saveClient(db, {
      advisorId: 'local',
      realmId: '42',
      environment: 'custom',
      displayName: 'Bluebird Bakery',
      now: '2026-11-26T10:00:00Z',
    });
    const result = await dispatch(handlers, 'clients:list', {});
    expect(result).toEqual({
      ok: true,
      value: [
        expect.objectContaining({
          realmId: '42',
          displayName: 'Bluebird Bakery',
          connectionState: 'connected',
        }),
      ],
    });
    db.close();
  });

  it('refuses unknown channels and invalid arguments with INVALID_INPUT, never an exception', async () => {
    const { handlers, db } = setup();
    expect(await dispatch(handlers, 'fs:read-file', {})).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'Unknown channel "fs:read-file".' },
    });
    const bad = await dispatch(handlers, 'clients:list', { sneaky: true });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    db.close();
  });

  it('says which app keys are missing when connecting a real company without them', async () => {
    const { handlers, db } = setup();
    expect(await dispatch(handlers, 'clients:connect', {})).toMatchObject({
      ok: false,
      error: { code: 'UNAVAILABLE', message: expect.stringContaining('ROWCOL_QBO_CLIENT_ID') },
    });
    expect(await dispatch(handlers, 'clients:connect', { port: 70_000 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    db.close();
  });

  it('turns a failure inside a handler into an envelope', async () => {
    const { handlers, db } = setup();
    db.close(); // the database is gone under the handler
    const result = await dispatch(handlers, 'clients:list', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});
