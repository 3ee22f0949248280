import { migration001 } from './001-initial.ts';

/** Numbered, append-only. Migration N brings PRAGMA user_version from N-1 to N. */
export const migrations: readonly string[] = [migration001];

export const latestSchemaVersion = migrations.length;
