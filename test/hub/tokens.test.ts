// Tokens across a fleet (real PostgreSQL): two hub processes (two token managers) whose access token for
// one company ran out at the same moment refresh it once, at Intuit, and both use the pair it gave; the
// tokens stay sealed in the database, never in plain text.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { realmBudget } from '../../src/main/hub/budget/realm-budget.ts';
import { HubConnections } from '../../src/main/hub/jobs/connections.ts';
import { newOwner } from '../../src/main/hub/jobs/owner.ts';
import { hubTestDrivers } from '../support/postgres.ts';
import { startHubHarness, type HubHarness } from './support/hub-harness.ts';

const postgres = hubTestDrivers().find((d) => d.name === 'postgres')!;
if (postgres.skip) console.warn(`skipping the hub token tests: ${postgres.skip}`);

let h: HubHarness | undefined;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  await h?.close();
  h = undefined;
});

/**
 * In front of the token endpoint: holds the first refresh's answer until `release()`, so a second
 * process asks while the first refresh is still out; counts the refreshes that reached it.
 */
async function tokenGate(target: string) {
  let held: (() => void) | undefined;
  let releaseFirst!: () => void;
  const released = new Promise<void>((r) => (releaseFirst = r));
  let seen = 0;
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const n = ++seen;
    if (n === 1) await new Promise<void>((r) => (held = r)).then(() => released);
    const answer = await request(target, {
      method: 'POST',
      headers: {
        authorization: String(req.headers.authorization ?? ''),
        'content-type': String(req.headers['content-type'] ?? ''),
        accept: 'application/json',
      },
      body: Buffer.concat(chunks),
    });
    res.writeHead(answer.statusCode, { 'content-type': 'application/json' });
    res.end(await answer.body.text());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closers.push(() => new Promise<void>((r) => server.close(() => r())));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/token`,
    seen: () => seen,
    firstHeld: () => held !== undefined,
    release: () => {
      held?.();
      releaseFirst();
    },
  };
}

describe.skipIf(postgres.skip !== null)('hub tokens across a fleet', () => {
  it('two processes needing a fresh token for one company refresh it once', async () => {
    h = await startHubHarness(postgres, { companies: 1 });
    const [c] = h.companies;
    const saved = (await h.sealer.vault.load(c!.companyId))!;
    await h.sealer.vault.save(c!.companyId, { ...saved, accessExpiresAt: 0 });
    const gate = await tokenGate(h.endpoints.tokenUrl);
    const hubProcess = () => {
      const made = new HubConnections({
        db: h!.db,
        endpoints: { ...h!.endpoints, tokenUrl: gate.url },
        vault: h!.sealer.vault,
        admit: realmBudget(h!.db, newOwner('t')),
      });
      closers.push(() => made.close());
      return made;
    };
    const [a, b] = [hubProcess(), hubProcess()];
    const first = a.tokens.accessToken(c!.companyId);
    // A's refresh is at Intuit (held there); now B needs a token too.
    while (!gate.firstHeld()) await new Promise((r) => setTimeout(r, 5));
    const second = b.tokens.accessToken(c!.companyId);
    // B either waits on A's lock (seen in pg_locks) or, without one, asks Intuit itself.
    for (;;) {
      const [w] = await h.db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted",
      );
      if (w!.n > 0 || gate.seen() > 1) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    gate.release();
    const [ta, tb] = await Promise.all([first, second]);
    expect(gate.seen()).toBe(1);
    expect(tb).toBe(ta);
    expect(ta).not.toBe(saved.accessToken);
    // At rest: sealed, with no token in the row's text.
    const [row] = await h.db.query<{ tokens_sealed: string }>(
      'SELECT tokens_sealed FROM companies WHERE id = $1',
      [c!.companyId],
    );
    expect(row!.tokens_sealed).toMatch(/^v1\./);
    expect(row!.tokens_sealed).not.toContain(ta);
    expect(row!.tokens_sealed).not.toContain(saved.refreshToken);
  });
});
