// The hub's migrations, numbered and append-only like the SQLite ones (src/main/db/migrations).
// Numbers: 001–009 the hub's sync, jobs and outbox; 010–019 the firm's advisors, devices and work.
import { hubMigration001 } from './001-initial.ts';
import { hubMigration002 } from './002-refreshes.ts';
// The firm's (issue 15 §4-5): advisors and access, then their shared work and the audit trail.
import { hubMigration010 } from './010-advisors.ts';
import { hubMigration011 } from './011-work.ts';

export type HubMigration = { version: number; name: string; sql: string };

export const hubMigrations: readonly HubMigration[] = [
  { version: 1, name: 'initial', sql: hubMigration001 },
  { version: 2, name: 'refreshes', sql: hubMigration002 },
  { version: 10, name: 'advisors', sql: hubMigration010 },
  { version: 11, name: 'work', sql: hubMigration011 },
];

export const latestHubVersion = Math.max(...hubMigrations.map((m) => m.version));
