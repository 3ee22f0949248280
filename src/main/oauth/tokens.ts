// The tokens of one connected company, and where they are kept. Never stored in plain text: one vault
// for the window and the CLI (token-vault.ts: AES-256-GCM under a key in the OS keychain, token-key.ts).

export type Tokens = {
  realmId: string;
  accessToken: string;
  refreshToken: string;
  /** Epoch ms when the access token stops working (`expires_in`, 3600 s at Intuit). */
  accessExpiresAt: number;
  /** Epoch ms of the rolling refresh-token expiry (`x_refresh_token_expires_in`). */
  refreshExpiresAt: number;
};

export type TokenVault = {
  save(businessId: string, tokens: Tokens): Promise<void>;
  load(businessId: string): Promise<Tokens | undefined>;
  remove(businessId: string): Promise<void>;
};

/** Turns bytes into an opaque sealed string and back; the vault never sees a key. */
export type Sealer = {
  seal(plain: string, associatedData: string): string;
  open(sealed: string, associatedData: string): string;
};

export const isTokens = (v: unknown): v is Tokens => {
  const t = v as Tokens;
  return (
    !!t &&
    typeof t.realmId === 'string' &&
    typeof t.accessToken === 'string' &&
    typeof t.refreshToken === 'string' &&
    typeof t.accessExpiresAt === 'number' &&
    typeof t.refreshExpiresAt === 'number'
  );
};
