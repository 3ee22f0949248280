// The hub's token key: 32 bytes that seal every company's tokens in PostgreSQL (AES-256-GCM, the very
// sealer of the desktop's vault, oauth/token-vault.ts). From, in order:
//   1. ROWCOL_HUB_KEY (base64): what a fleet uses, the same value on every machine;
//   2. ROWCOL_HUB_KEY_FILE, or else <dataDir>/hub.key (made on first start, mode 0600): one machine.
// No OS keychain: a server has none, and several machines must share the key.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createKeyFile, decodeKey, readKeyFile } from '../../oauth/token-key.ts';

export const hubKeyFileName = 'hub.key';

export type HubKey = { key: Buffer; source: 'env' | 'file'; file?: string; created: boolean };

export function resolveHubKey(o: { env: NodeJS.ProcessEnv; dataDir: string }): HubKey {
  const fromEnv = o.env.ROWCOL_HUB_KEY?.trim();
  if (fromEnv) return { key: decodeKey(fromEnv, 'ROWCOL_HUB_KEY'), source: 'env', created: false };
  const file = o.env.ROWCOL_HUB_KEY_FILE?.trim() || join(o.dataDir, hubKeyFileName);
  const created = !existsSync(file) && createKeyFile(file);
  return { key: readKeyFile(file), source: 'file', file, created };
}
