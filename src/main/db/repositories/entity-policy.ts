import type { Db } from '../open.ts';
import { stmt } from '../statements.ts';

export function ttlSeconds(db: Db, entity: string): number | undefined {
  const row = stmt(db, 'SELECT ttl_seconds FROM entity_policy WHERE entity = ?').get(entity) as
    { ttl_seconds: number } | undefined;
  return row?.ttl_seconds;
}

export function setTtlSeconds(db: Db, entity: string, seconds: number): void {
  stmt(
    db,
    'INSERT INTO entity_policy (entity, ttl_seconds) VALUES (?, ?) ON CONFLICT (entity) DO UPDATE SET ttl_seconds = excluded.ttl_seconds',
  ).run(entity, seconds);
}

export function allPolicies(db: Db): { entity: string; ttlSeconds: number }[] {
  return (
    stmt(db, 'SELECT entity, ttl_seconds FROM entity_policy ORDER BY entity').all() as {
      entity: string;
      ttl_seconds: number;
    }[]
  ).map((r) => ({
    entity: r.entity,
    ttlSeconds: r.ttl_seconds,
  }));
}
