// The demo books of one process: the embedded emulator runs while the process does (the desktop app for
// its whole life, a CLI command for one command), demo clients are re-authorized when it starts (an
// emulator forgets its tokens), and the engine reaches them through `endpointsFor`.
import type { Db } from '../db/open.ts';
import type { ConnectedClient } from '../oauth/connect.ts';
import type { TokenVault } from '../oauth/tokens.ts';
import type { QboEndpoints } from '../qbo/endpoints.ts';
import {
  connectDemoCompany,
  demoClientIds,
  readDemoState,
  startDemoBooks,
  type DemoBooks,
} from './demo.ts';
import { getClient } from '../db/repositories/clients.ts';

export class DemoSession {
  private books: DemoBooks | undefined;
  /** Demo clients re-authorized against the running books (a second resume skips them). */
  private readonly authorized = new Set<string>();

  constructor(
    private readonly db: Db,
    private readonly advisorId: string,
    private readonly vault: TokenVault,
    private readonly dataDir: string,
  ) {}

  /** The demo books' endpoints when a client lives there; undefined for real QuickBooks. */
  endpointsFor(apiBaseUrl: string): QboEndpoints | undefined {
    return this.books && apiBaseUrl === this.books.endpoints.apiBaseUrl
      ? this.books.endpoints
      : undefined;
  }

  /** Whether a client lives in the demo books (running now or described by demo.json). */
  isDemoClient(client: { apiBaseUrl: string | null }): boolean {
    const url = this.books?.endpoints.apiBaseUrl ?? readDemoState(this.dataDir)?.apiBaseUrl;
    return url !== undefined && client.apiBaseUrl === url;
  }

  /** Whether the demo books run in this process now. */
  get running(): boolean {
    return this.books !== undefined;
  }

  /** Brings back the demo books that demo clients (of `only`, when given) were connected to, if any. */
  async resume(only?: readonly string[]): Promise<void> {
    const ids = demoClientIds(this.db, this.advisorId, readDemoState(this.dataDir)).filter(
      (id) => (!only || only.includes(id)) && !this.authorized.has(id),
    );
    if (ids.length === 0) return;
    this.books ??= await startDemoBooks(this.dataDir);
    try {
      for (const id of ids) {
        const client = getClient(this.db, this.advisorId, id);
        if (client) {
          await connectDemoCompany(this.db, this.advisorId, this.vault, this.books, client.realmId);
          this.authorized.add(id);
        }
      }
    } catch (error) {
      // A running emulator would keep a CLI process alive after the failure is reported.
      await this.close();
      throw error;
    }
  }

  /**
   * Starts the demo books (or reuses the running ones) and connects every company in them. `fresh`: new
   * books from the seed, replacing the ones demo.json describes (`rowcol connect --demo`).
   */
  async connectAll(opts: { fresh?: boolean } = {}): Promise<ConnectedClient[]> {
    if (opts.fresh) await this.close();
    this.books ??= await startDemoBooks(this.dataDir, { fresh: opts.fresh });
    const connected: ConnectedClient[] = [];
    for (const company of this.books.emulator.companies) {
      const c = await connectDemoCompany(
        this.db,
        this.advisorId,
        this.vault,
        this.books,
        company.realmId,
      );
      this.authorized.add(c.businessId);
      connected.push(c);
    }
    return connected;
  }

  async close(): Promise<void> {
    await this.books?.close();
    this.books = undefined;
    this.authorized.clear();
  }
}
