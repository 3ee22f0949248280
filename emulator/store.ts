// One company's books in memory: a Map and an Id-ordered array per entity, so a query page is a slice of
// a pre-sorted array and a read is one Map lookup. Each record caches its wire JSON until it changes.
import type { Clock } from './clock.ts';
import { entityNames, isList, type EntityName } from './entities.ts';
import type { Answer } from './errors.ts';
import { emptyTruth, type PlantedTruth } from './truth.ts';
import { metaTime, pacificDate, toWire, type Json } from './wire.ts';

export type Rec = { entity: EntityName; data: Json; updated: number; json: string | null };

export type Table = { byId: Map<string, Rec>; rows: Rec[] };

export type Tombstone = { entity: EntityName; id: string; updated: number };

/** A record as it was before the write now running first touched it (see `Books.effects`). */
type Before = { rec: Rec; state: string; updated: number; lastUpdated: unknown; linked: unknown };

/** What a record's own state is, ignoring times and the order of LinkedTxn (a reversal re-adds at the end). */
function stateOf(data: Json): string {
  const copy: Json = { ...data, MetaData: undefined };
  if (Array.isArray(data.LinkedTxn))
    copy.LinkedTxn = (data.LinkedTxn as Json[])
      .map((l) => `${String(l.TxnType)}:${String(l.TxnId)}`)
      .sort();
  return toWire(copy);
}

const nameKey = (data: Json, field: string): string => String(data[field] ?? '').toLowerCase();

export class Books {
  readonly tables = new Map<EntityName, Table>();
  readonly tombstones: Tombstone[] = [];
  /** requestid → the answer first given (qbo-api.md §2: a repeat with the same id gets the original response). */
  readonly idempotent = new Map<string, Answer>();
  /** The QBO user named in a 5010 (the recorded fault names the person who saved first). */
  userName = 'Emulator Admin';
  /** What the generator planted (habits, recurring money); empty for books loaded from a data file. */
  truth: PlantedTruth = emptyTruth();
  private txnSeq = 0;
  private readonly listSeq = new Map<EntityName, number>();
  /** Records touched by the write now running, keyed by the record, with their state before it. */
  private scope: Map<Rec, Before> | null = null;
  /** Documents (bills, invoices) whose payments changed during the write now running. */
  private linkedDocs: Set<Rec> | null = null;
  private readonly names = new Map<EntityName, Map<string, Rec>>();
  private readonly nameFields = new Map<EntityName, string>();
  /** The write now running only creates (see `effects`). */
  private creating = false;

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

  /**
   * The record of a name list holding this name (`field` lower-cased, as QBO compares names), or
   * undefined. An index per list, so adding the 27,000th vendor does not read the other 26,999.
   */
  named(entity: EntityName, field: string, lower: string): Rec | undefined {
    let index = this.names.get(entity);
    if (!index) {
      index = new Map();
      for (const r of this.table(entity).rows) index.set(nameKey(r.data, field), r);
      this.names.set(entity, index);
      this.nameFields.set(entity, field);
    }
    return index.get(lower);
  }

  /** A record's data was replaced (an edit, a void): its list's name index is rebuilt when next asked. */
  replaced(rec: Rec): void {
    this.names.delete(rec.entity);
  }

  insert(entity: EntityName, data: Json, atMs: number): Rec {
    const t = this.table(entity);
    const rec: Rec = { entity, data, updated: atMs, json: null };
    const field = this.nameFields.get(entity);
    if (field) this.names.get(entity)?.set(nameKey(data, field), rec);
    const id = String(data.Id);
    t.byId.set(id, rec);
    const last = t.rows[t.rows.length - 1];
    t.rows.push(rec);
    if (last && Number(last.data.Id) > Number(id))
      t.rows.sort((a, b) => Number(a.data.Id) - Number(b.data.Id));
    return rec;
  }

  /**
   * A change QBO makes itself (a balance moving): LastUpdatedTime moves, SyncToken does not (fixture
   * customer_with_open_balance: SyncToken 0, LastUpdatedTime at a later payment). Inside `effects`, a
   * record whose state ends where it began keeps its old time (an edit reversed then re-applied).
   */
  touch(rec: Rec, atMs: number): void {
    if (this.scope && !this.scope.has(rec))
      this.scope.set(rec, {
        rec,
        // A create only adds (nothing is reversed), so what it touches has changed: no state to keep.
        state: this.creating ? '' : stateOf(rec.data),
        updated: rec.updated,
        lastUpdated: (rec.data.MetaData as Json | undefined)?.LastUpdatedTime,
        linked: rec.data.LinkedTxn,
      });
    this.stamp(rec, atMs);
  }

  /**
   * A bill or invoice whose payments changed: besides the touch, QBO moves its SyncToken (fixtures
   * bill_paid_single_line: SyncToken 1, LastUpdatedTime = bill payment 104's CreateTime;
   * invoice_paid_multi_line_taxed: SyncToken 3, LastUpdatedTime = payment 120's CreateTime).
   */
  touchLinked(rec: Rec, atMs: number): void {
    this.touch(rec, atMs);
    this.linkedDocs?.add(rec);
  }

  /** A user's edit: SyncToken + 1 and LastUpdatedTime. */
  bump(rec: Rec, atMs: number): void {
    rec.data.SyncToken = String(Number(rec.data.SyncToken ?? 0) + 1);
    this.stamp(rec, atMs);
  }

  /**
   * Run one write's derived effects (reverse the old version, apply the new) as one change: every record
   * touched and back where it was keeps its time; a linked document that really changed moves its
   * SyncToken once, however many times the write touched it.
   */
  effects<T>(atMs: number, run: () => T, kind: 'create' | 'change' = 'change'): T {
    if (this.scope) return run();
    this.scope = new Map();
    this.linkedDocs = new Set();
    this.creating = kind === 'create';
    try {
      return run();
    } finally {
      const scope = this.scope;
      const linkedDocs = this.linkedDocs;
      const creating = this.creating;
      this.scope = null;
      this.linkedDocs = null;
      this.creating = false;
      for (const b of scope.values()) {
        if (!creating && stateOf(b.rec.data) === b.state) {
          b.rec.updated = b.updated;
          const meta = b.rec.data.MetaData as Json | undefined;
          if (meta) meta.LastUpdatedTime = b.lastUpdated;
          b.rec.data.LinkedTxn = b.linked;
          if (b.linked === undefined) delete b.rec.data.LinkedTxn;
          b.rec.json = null;
        } else if (
          linkedDocs.has(b.rec) &&
          this.table(b.rec.entity).byId.get(String(b.rec.data.Id)) === b.rec
        )
          this.bump(b.rec, atMs);
      }
    }
  }

  private stamp(rec: Rec, atMs: number): void {
    rec.updated = atMs;
    const meta = rec.data.MetaData as Json | undefined;
    if (meta) meta.LastUpdatedTime = metaTime(atMs);
    rec.json = null;
  }

  remove(rec: Rec, atMs: number): void {
    this.names.delete(rec.entity);
    const t = this.table(rec.entity);
    const id = String(rec.data.Id);
    t.byId.delete(id);
    const i = t.rows.indexOf(rec);
    if (i >= 0) t.rows.splice(i, 1);
    this.tombstones.push({ entity: rec.entity, id, updated: atMs });
  }
}

export const recJson = (rec: Rec): string => (rec.json ??= toWire(rec.data));
