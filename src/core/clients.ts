// A client is one small business the advisor looks after: one connected QuickBooks Online company.

export const connectionStates = ['connected', 'reconnect_needed', 'disconnected'] as const;
export type ConnectionState = (typeof connectionStates)[number];

export const qboEnvironments = ['production', 'sandbox', 'custom'] as const;
export type QboEnvironment = (typeof qboEnvironments)[number];

export type Client = {
  /** Our own id for the business (stable, used in every mirror key). */
  businessId: string;
  /** QBO company id, from the OAuth redirect. */
  realmId: string;
  environment: QboEnvironment;
  displayName: string;
  connectionState: ConnectionState;
  /** ISO timestamp of the connection. */
  connectedAt: string;
};
