// The hub's token vault: each company's tokens sealed in `companies.tokens_sealed` with the hub key, the
// company id as associated data (a blob copied to another company does not open). The same TokenVault
// shape as the desktop's, so oauth/token-manager.ts refreshes hub tokens unchanged.
import { CodedError } from '../../../core/result.ts';
import { aesGcmSealer } from '../../oauth/token-vault.ts';
import { isTokens, type TokenVault, type Tokens } from '../../oauth/tokens.ts';
import type { HubDb } from '../db/hub-db.ts';
import { getSealedTokens, keyCheck, putSealedTokens } from '../db/repositories/companies.ts';
import type { HubKey } from './hub-key.ts';

const aadOf = (companyId: string) => `hub/${companyId}`;
const checkAad = 'hub/key-check';
const checkPlain = 'rowcol-hub-key';

export type HubSealer = {
  seal(companyId: string, tokens: Tokens): string;
  vault: TokenVault;
};

/**
 * Opens the vault, after checking that this key is the fleet's: the first hub process stores a value
 * sealed with its key; one started with another key stops here with one clear line.
 */
export async function openHubVault(db: HubDb, key: HubKey): Promise<HubSealer> {
  const sealer = aesGcmSealer(key.key);
  const stored = await keyCheck(db, sealer.seal(checkPlain, checkAad));
  try {
    if (sealer.open(stored, checkAad) !== checkPlain) throw new Error('mismatch');
  } catch {
    const where = key.source === 'env' ? 'ROWCOL_HUB_KEY' : `the key file ${key.file}`;
    throw new CodedError(
      'UNAVAILABLE',
      `The hub's database was set up with another token key than ${where}: give every hub process the same ROWCOL_HUB_KEY.`,
    );
  }
  const seal = (companyId: string, tokens: Tokens) =>
    sealer.seal(JSON.stringify(tokens), aadOf(companyId));
  const vault: TokenVault = {
    async save(companyId, tokens) {
      await putSealedTokens(db, companyId, seal(companyId, tokens));
    },
    async load(companyId) {
      const sealed = await getSealedTokens(db, companyId);
      if (sealed === undefined) return undefined;
      let parsed: unknown;
      try {
        parsed = JSON.parse(sealer.open(sealed, aadOf(companyId)));
      } catch {
        parsed = undefined;
      }
      if (!isTokens(parsed))
        throw new CodedError(
          'AUTH_REQUIRED',
          `The hub's saved QuickBooks connection of ${companyId} cannot be opened with this key; connect it again.`,
        );
      return parsed;
    },
    async remove(companyId) {
      await putSealedTokens(db, companyId, null);
    },
  };
  return { seal, vault };
}
