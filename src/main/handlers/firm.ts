// Firm mode's channels (issue 15 §5): sign in to the firm's hub, its status, and one firm sync (push the
// work made here, pull the hub's changes). The one implementation for the window, the CLI and tests.
import { hostname } from 'node:os';
import type { Handlers } from '../../core/contract.ts';
import type { FirmLostEdit } from '../../core/firm.ts';
import { ok } from '../../core/result.ts';
import { firmClients, firmLink, lostOps, unpushedCount } from '../db/repositories/firm.ts';
import { connectToHub, type FirmContext } from '../firm/connect.ts';
import { firmSync } from '../firm/sync.ts';
import type { HandlerContext } from './context.ts';

type FirmChannels = 'firm:connect' | 'firm:status' | 'firm:sync';

export function firmHandlers(ctx: HandlerContext): Pick<Handlers, FirmChannels> {
  const firm = (): FirmContext => ({
    db: ctx.db,
    dataDir: ctx.dataDir,
    env: ctx.env ?? process.env,
    advisorId: ctx.advisorId,
    now: ctx.now,
  });
  return {
    'firm:connect': async ({ hubUrl, code, email, deviceName }) =>
      ok(await connectToHub(firm(), { hubUrl, code, email, deviceName: deviceName ?? hostname() })),
    'firm:status': async () => {
      const link = firmLink(ctx.db);
      if (!link) return ok({ linked: false as const });
      return ok({
        linked: true as const,
        hubUrl: link.hubUrl,
        advisorEmail: link.advisorEmail,
        role: link.advisorRole,
        pulledSeq: link.pulledSeq,
        lastPullAt: link.lastPullAt,
        lastPushAt: link.lastPushAt,
        businessIds: firmClients(ctx.db).map((f) => f.businessId),
        waiting: unpushedCount(ctx.db),
        lost: lostOps(ctx.db) as FirmLostEdit[],
      });
    },
    'firm:sync': async () => {
      const r = await firmSync({ ...firm(), thresholds: ctx.trayThresholds() });
      return ok(r);
    },
  };
}
