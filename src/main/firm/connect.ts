// `rowcol connect --hub URL --code CODE`: signs this desktop in to the firm's hub with the one-time code
// an admin gave, keeps the device token sealed (device-token.ts), and adds the advisor's clients as local
// clients whose books come from the hub (never from QuickBooks directly). `rowcol sync` then pulls them.
import { CodedError } from '../../core/result.ts';
import type { Db } from '../db/open.ts';
import { getClient, saveClient, setConnectionState } from '../db/repositories/clients.ts';
import {
  addFirmClient,
  firmClients,
  firmLink,
  markCaughtUp,
  saveFirmLink,
} from '../db/repositories/firm.ts';
import { writeTransaction } from '../db/transaction.ts';
import { deviceTokenSealer } from './device-token.ts';
import { hubClient, hubUrlFrom, type HubClient } from './hub-client.ts';
import type { HubAdvisor, HubCompany } from './wire.ts';

export type FirmContext = {
  db: Db;
  dataDir: string;
  env: NodeJS.ProcessEnv;
  advisorId: string;
  now: () => Date;
};

export type Connected = { hubUrl: string; advisor: HubAdvisor; clients: number };

/** Local clients for the hub's companies this advisor sees (new ones added); hub company → business id. */
export function ensureFirmClients(
  c: FirmContext,
  companies: readonly HubCompany[],
): Map<string, string> {
  return writeTransaction(c.db, () => {
    const known = new Map(firmClients(c.db).map((f) => [f.companyId, f.businessId]));
    // Before the first pull, the pull from change 0 brings everything of every client; after it, a
    // client assigned later has changes below the cursor and is caught up on its own (sync.ts).
    const nothingPulled = (firmLink(c.db)?.pulledSeq ?? 0) === 0;
    const visible = new Set(companies.map((co) => co.id));
    // A client the firm no longer gives this advisor stays here, shown disconnected, its pulls stopped;
    // assigned again, it is connected and caught up on its own (its changes are below the cursor).
    for (const f of firmClients(c.db)) {
      const state = visible.has(f.companyId) ? 'connected' : 'disconnected';
      const client = getClient(c.db, c.advisorId, f.businessId);
      if (!client || client.connectionState === state) continue;
      setConnectionState(c.db, c.advisorId, f.businessId, state);
      if (state === 'disconnected') markCaughtUp(c.db, f.businessId, false);
    }
    for (const co of companies) {
      if (known.has(co.id)) continue;
      const businessId = saveClient(c.db, {
        advisorId: c.advisorId,
        realmId: co.realmId,
        environment: 'production',
        displayName: co.name ?? `Company ${co.realmId}`,
        now: c.now().toISOString(),
      });
      addFirmClient(c.db, businessId, co.id, nothingPulled);
      known.set(co.id, businessId);
    }
    return known;
  });
}

export async function connectToHub(
  c: FirmContext,
  o: { hubUrl: string; code: string; email?: string; deviceName: string },
): Promise<Connected> {
  const url = hubUrlFrom(o.hubUrl);
  const sealer = deviceTokenSealer(c.db, c.dataDir, c.env);
  const signedIn = await hubClient(url).signIn(o.code, o.deviceName, o.email);
  saveFirmLink(c.db, {
    hubUrl: url,
    advisorEmail: signedIn.advisor.email,
    advisorRole: signedIn.advisor.role,
    deviceId: signedIn.deviceId,
    tokenSealed: sealer.seal(signedIn.token, url),
    linkedAt: c.now().toISOString(),
  });
  const me = await hubClient(url, signedIn.token).me();
  const clients = ensureFirmClients(c, me.companies);
  return { hubUrl: url, advisor: signedIn.advisor, clients: clients.size };
}

/** The signed-in hub of this data folder, ready to call; a clear line when there is none. */
export function linkedHub(c: FirmContext): { client: HubClient; hubUrl: string } {
  const link = firmLink(c.db);
  if (!link)
    throw new CodedError(
      'NOT_FOUND',
      'This data folder is not connected to a firm hub; sign in with rowcol connect --hub URL --code CODE.',
    );
  const token = deviceTokenSealer(c.db, c.dataDir, c.env).open(link.tokenSealed, link.hubUrl);
  return { client: hubClient(link.hubUrl, token), hubUrl: link.hubUrl };
}
