// The hub's migrations, numbered and append-only like the SQLite ones (src/main/db/migrations).
// Numbers: 001–009 the hub's sync, jobs and outbox; 010–019 the firm's advisors, devices and work.
import { hubMigration001 } from './001-initial.ts';

export type HubMigration = { version: number; name: string; sql: string };

export const hubMigrations: readonly HubMigration[] = [
  { version: 1, name: 'initial', sql: hubMigration001 },
];

export const latestHubVersion = Math.max(...hubMigrations.map((m) => m.version));
