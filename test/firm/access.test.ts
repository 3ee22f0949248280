// Who may ask the hub what (both hub drivers): a request without a device token, with an unknown or
// signed-out one, is refused 401; an advisor asking for a client not assigned to them is refused 403 and
// nothing is written; only reviewers and admins read the audit; a sign-in code works once; bad input is
// one clear line (400). The device token is never stored or logged in clear, and a firm client is never
// synced with QuickBooks from the desktop.
import { afterEach, describe, expect, it } from 'vitest';
import { firmClients, firmLink } from '../../src/main/db/repositories/firm.ts';
import { readMirror } from '../../src/main/db/repositories/mirror.ts';
import { setAssignments } from '../../src/main/hub/auth/assignments.ts';
import { deviceTokenSealer } from '../../src/main/firm/device-token.ts';
import { hubClient } from '../../src/main/firm/hub-client.ts';
import { hubTestDrivers } from '../support/postgres.ts';
import { startFirm, type Firm } from './support/firm-harness.ts';

const drivers = hubTestDrivers();
let firm: Firm | undefined;
afterEach(async () => {
  await firm?.close();
  firm = undefined;
});

async function get(url: string, token?: string) {
  const res = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return {
    status: res.status,
    body: (await res.json()) as { error?: { code: string; message: string } } & Record<
      string,
      unknown
    >,
  };
}

describe.each(drivers)('hub access on $name', (driver) => {
  if (driver.skip) console.warn(`skipping PostgreSQL firm access tests: ${driver.skip}`);

  it.skipIf(driver.skip !== null)(
    'refuses requests without a valid token (401) and for clients not assigned (403)',
    { timeout: 180_000 },
    async () => {
      firm = await startFirm(driver, 2);
      await firm.refresh();
      const [c0, c1] = firm.hub.companies.map((c) => c.companyId) as [string, string];
      const carolCode = await firm.advisor('carol@firm.test', 'advisor', [c1]);
      const carol = await firm.desktop('carol-pc', carolCode);
      const token = deviceTokenSealer(carol.db, carol.dir, carol.ctx.env).open(
        firmLink(carol.db)!.tokenSealed,
        firm.api.url,
      );

      expect(await carol.runtime.call('firm:status', {})).toMatchObject({
        linked: true,
        hubUrl: firm.api.url,
        advisorEmail: 'carol@firm.test',
        role: 'advisor',
        pulledSeq: 0,
        businessIds: [firmClients(carol.db)[0]!.businessId],
        waiting: 0,
        lost: [],
      });

      // No token, a made-up one: 401 with one line saying what to do.
      const none = await get(`${firm.api.url}/pull?since=0`);
      expect(none.status).toBe(401);
      expect(none.body.error).toMatchObject({
        code: 'unauthorized',
        message: expect.stringMatching(/no device token/),
      });
      expect((await get(`${firm.api.url}/pull?since=0`, 'rch_madeup')).status).toBe(401);

      // Carol's desktop knows only client 1, and the hub gives it only client 1's changes.
      expect(firmClients(carol.db).map((f) => f.companyId)).toEqual([c1]);
      const pulled = await get(`${firm.api.url}/pull?since=0&limit=5000`, token);
      expect(pulled.status).toBe(200);
      const companies = new Set(
        (pulled.body.changes as { companyId: string }[]).map((c) => c.companyId),
      );
      expect([...companies]).toEqual([c1]);

      // Asking for client 0 anyway: 403, and a push for it writes nothing.
      const foreign = await get(`${firm.api.url}/pull?since=0&company=${c0}`, token);
      expect(foreign.status).toBe(403);
      expect(foreign.body.error?.code).toBe('forbidden');
      const push = await fetch(`${firm.api.url}/push`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          ops: [
            {
              opId: '6f1c2d3e-4a5b-4c6d-8e7f-0a1b2c3d4e5f',
              companyId: c0,
              kind: 'decision',
              itemKey: 'bill:1',
              baseSeq: null,
              madeAt: null,
              body: { billQboId: '1', action: 'hold' },
            },
          ],
        }),
      });
      expect(push.status).toBe(403);
      const { n } = (
        await firm.hub.db.query<{ n: number }>(
          'SELECT (SELECT count(*) FROM work_items) + (SELECT count(*) FROM work_ops) AS n',
        )
      )[0]!;
      expect(Number(n)).toBe(0);

      // An advisor does not read the audit; a reviewer of the client does.
      expect((await get(`${firm.api.url}/audit?company=${c1}`, token)).status).toBe(403);
      const bob = await firm.desktop(
        'bob-pc',
        await firm.advisor('bob@firm.test', 'reviewer', [c1]),
      );
      const bobToken = deviceTokenSealer(bob.db, bob.dir, bob.ctx.env).open(
        firmLink(bob.db)!.tokenSealed,
        firm.api.url,
      );
      expect((await get(`${firm.api.url}/audit?company=${c1}`, bobToken)).status).toBe(200);

      // An admin sees every client of the firm without being assigned any, and reads any client's audit.
      const admin = await firm.desktop(
        'admin-pc',
        await firm.advisor('boss@firm.test', 'admin', []),
      );
      expect(
        firmClients(admin.db)
          .map((f) => f.companyId)
          .sort(),
      ).toEqual([c0, c1].sort());
      const adminToken = deviceTokenSealer(admin.db, admin.dir, admin.ctx.env).open(
        firmLink(admin.db)!.tokenSealed,
        firm.api.url,
      );
      expect((await get(`${firm.api.url}/audit?company=${c0}`, adminToken)).status).toBe(200);

      // Bad input: one line, 400.
      const bad = await get(`${firm.api.url}/pull?since=soon`, token);
      expect(bad.status).toBe(400);
      expect(bad.body.error?.message).toBe('since: expected a whole number');

      // A malformed op is refused by itself, with the reason; a malformed request, whole, in one line.
      const apiUrl = firm.api.url;
      const pushRaw = (body: unknown) =>
        fetch(`${apiUrl}/push`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      const op = {
        opId: '7a1c2d3e-4a5b-4c6d-8e7f-0a1b2c3d4e5f',
        companyId: c1,
        kind: 'decision',
        itemKey: 'bill:1',
        baseSeq: null,
        madeAt: null,
        body: { billQboId: '1', action: 'maybe' },
      };
      const refused = await pushRaw({ ops: [op] });
      expect(refused.status).toBe(200);
      expect(await refused.json()).toEqual({
        results: [
          {
            opId: op.opId,
            outcome: 'refused',
            detail: expect.stringMatching(/^the decision is not well formed: action: /),
          },
        ],
      });
      const badRequest = await pushRaw({ ops: [{ ...op, opId: 'not-a-uuid' }] });
      expect(badRequest.status).toBe(400);
      expect(((await badRequest.json()) as { error: { message: string } }).error.message).toBe(
        'ops.0.opId: expected a uuid',
      );

      // A code works once.
      const code = await firm.advisor('dan@firm.test', 'advisor', [c1]);
      await hubClient(firm.api.url).signIn(code, 'first');
      await expect(hubClient(firm.api.url).signIn(code, 'second')).rejects.toThrow(/not valid/);

      // Signed out: the token is refused from then on.
      await hubClient(firm.api.url, bobToken).signOut();
      expect((await get(`${firm.api.url}/me`, bobToken)).status).toBe(401);

      // The token is neither in the desktop's database file nor in the hub's log.
      expect(firmLink(carol.db)!.tokenSealed).not.toContain(token.slice(4));
      expect(firm.log.length).toBeGreaterThan(5);
      expect(firm.log.join('\n')).not.toContain('rch_');
      const { hashes } = (
        await firm.hub.db.query<{ hashes: string }>(
          "SELECT string_agg(token_hash, ',') AS hashes FROM devices",
        )
      )[0]!;
      expect(hashes).not.toContain(token);

      // The desktop never asks QuickBooks for a firm client: refused in one line, no request reaches QBO.
      const realm = firm.hub.companies[1]!.realmId;
      const before = (await firm.hub.counters(realm)).total;
      await expect(
        carol.runtime.call('sync:run', { businessId: firmClients(carol.db)[0]!.businessId }),
      ).rejects.toThrow(/firm client: the firm's hub syncs it/);
      expect(await carol.runtime.call('sync:run', {})).toEqual([]);
      expect((await firm.hub.counters(realm)).total).toBe(before);

      // The firm takes client 1 away from Carol while she has unpushed work on it: her sync goes on, the
      // client shows disconnected, the work waits; assigned again, it is pushed.
      await carol.sync();
      const carolClient = firmClients(carol.db)[0]!.businessId;
      const bill = readMirror(
        carol.db,
        { advisorId: carol.ctx.advisorId, businessId: carolClient },
        'Bill',
      ).find((r) => Number((r.data as { Balance?: number }).Balance ?? 0) > 0)!;
      await carol.runtime.call('decisions:record', {
        businessId: carolClient,
        billQboId: bill.qboId,
        action: 'hold',
      });
      await setAssignments(firm.hub.db, 'carol@firm.test', [c1], true);
      expect(await carol.sync()).toMatchObject({ pushed: 0 });
      expect((await carol.runtime.call('clients:list', {}))[0]).toMatchObject({
        connectionState: 'disconnected',
      });
      expect(await carol.runtime.call('firm:status', {})).toMatchObject({ waiting: 1 });
      await setAssignments(firm.hub.db, 'carol@firm.test', [c1]);
      expect(await carol.sync()).toMatchObject({ pushed: 1 });
      expect((await carol.runtime.call('clients:list', {}))[0]).toMatchObject({
        connectionState: 'connected',
      });
    },
  );
});
