// Firm mode's channels (issue 15 §5): sign in to the firm's hub, its status, and one firm sync (push the
// work made here, pull the hub's changes). The one implementation for the window, the CLI and tests.
import { hostname } from 'node:os';
import type { Handlers } from '../../core/contract.ts';
import type { FirmLostEdit } from '../../core/firm.ts';
import { CodedError, ok } from '../../core/result.ts';
import {
  firmClients,
  firmCompanyOf,
  firmLink,
  lostOps,
  unpushedCount,
} from '../db/repositories/firm.ts';
import { connectToHub, linkedHub, type FirmContext } from '../firm/connect.ts';
import { firmSync } from '../firm/sync.ts';
import type { HandlerContext } from './context.ts';

type FirmChannels = 'firm:connect' | 'firm:status' | 'firm:sync' | 'firm:audit';

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
    'firm:audit': async ({ businessId, after, limit }) => {
      const companyId = firmCompanyOf(ctx.db, businessId);
      if (!companyId)
        throw new CodedError(
          'NOT_FOUND',
          `${businessId} is not a client of the firm hub this data folder is signed in to.`,
        );
      const { client } = linkedHub(firm());
      const r = await client.audit(companyId, after ?? 0, limit ?? 200);
      return ok({
        more: r.more,
        entries: r.entries.map((e) => ({
          id: e.id,
          at: e.at,
          by: e.by,
          action: e.action,
          kind: e.kind,
          itemKey: e.itemKey,
          before: e.before,
          after: e.after,
          detail: e.detail,
        })),
      });
    },
    'firm:sync': async () => {
      const r = await firmSync({ ...firm(), thresholds: ctx.trayThresholds() });
      return ok(r);
    },
  };
}
