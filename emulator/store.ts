// One company's books in memory: a Map and an Id-ordered array per entity, so a query page is a slice of
// a pre-sorted array and a read is one Map lookup. Each record caches its wire JSON until it changes.
import type { Clock } from './clock.ts';
import { entityNames, isList, type EntityName } from './entities.ts';
import type { Answer } from './errors.ts';
import { metaTime, pacificDate, toWire, type Json } from './wire.ts';

export type Rec = { entity: EntityName; data: Json; updated: number; json: string | null };

export type Table = { byId: Map<string, Rec>; rows: Rec[] };

export type Tombstone = { entity: EntityName; id: string; updated: number };

export class Books {
  readonly tables = new Map<EntityName, Table>();
  readonly tombstones: Tombstone[] = [];
  /** requestid → the answer first given (qbo-api.md §2: a repeat with the same id gets the original response). */
  readonly idempotent = new Map<string, Answer>();
  private txnSeq = 0;
  private readonly listSeq = new Map<EntityName, number>();

  constructor(
    readonly realmId: string,
    public name: string,
    public homeCurrency: string,
    readonly clock: Clock,
  ) {
    for (const e of entityNames) this.tables.set(e, { byId: new Map(), rows: [] });
  }

  table(entity: EntityName): Table {
    const t = this.tables.get(entity);
    if (!t) throw new Error(`no table ${entity}`);
    return t;
  }

  get(entity: EntityName, id: string): Rec | undefined {
    return this.table(entity).byId.get(id);
  }

  /** Data of a record, or undefined. */
  data(entity: EntityName, id: unknown): Json | undefined {
    return typeof id === 'string' ? this.table(entity).byId.get(id)?.data : undefined;
  }

  today(): string {
    return pacificDate(this.clock.now());
  }

  /** Next Id: transactions share one sequence, each name list has its own (as in the QBO sample company). */
  nextId(entity: EntityName): string {
    if (isList(entity)) {
      const n = (this.listSeq.get(entity) ?? 0) + 1;
      this.listSeq.set(entity, n);
      return String(n);
    }
    this.txnSeq += 1;
    return String(this.txnSeq);
  }

  /** Keep sequences ahead of Ids that came from a data file. */
  noteId(entity: EntityName, id: string): void {
    const n = Number(id);
    if (!Number.isInteger(n)) return;
    if (isList(entity)) this.listSeq.set(entity, Math.max(this.listSeq.get(entity) ?? 0, n));
    else this.txnSeq = Math.max(this.txnSeq, n);
  }

  insert(entity: EntityName, data: Json, atMs: number): Rec {
    const t = this.table(entity);
    const rec: Rec = { entity, data, updated: atMs, json: null };
    const id = String(data.Id);
    t.byId.set(id, rec);
    const last = t.rows[t.rows.length - 1];
    t.rows.push(rec);
    if (last && Number(last.data.Id) > Number(id))
      t.rows.sort((a, b) => Number(a.data.Id) - Number(b.data.Id));
    return rec;
  }

  /** A change QBO makes itself (a balance moving): LastUpdatedTime moves, SyncToken does not (fixture: customer 1 after invoice 266 was deleted). */
  touch(rec: Rec, atMs: number): void {
    rec.updated = atMs;
    const meta = rec.data.MetaData as Json | undefined;
    if (meta) meta.LastUpdatedTime = metaTime(atMs);
    rec.json = null;
  }

  /** A user's edit: SyncToken + 1 and LastUpdatedTime. */
  bump(rec: Rec, atMs: number): void {
    rec.data.SyncToken = String(Number(rec.data.SyncToken ?? 0) + 1);
    this.touch(rec, atMs);
  }

  remove(rec: Rec, atMs: number): void {
    const t = this.table(rec.entity);
    const id = String(rec.data.Id);
    t.byId.delete(id);
    const i = t.rows.indexOf(rec);
    if (i >= 0) t.rows.splice(i, 1);
    this.tombstones.push({ entity: rec.entity, id, updated: atMs });
  }
}

export const recJson = (rec: Rec): string => (rec.json ??= toWire(rec.data));
