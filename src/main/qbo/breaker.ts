// A circuit breaker per company (realm): after `failureThreshold` consecutive failed requests (after
// their retries) it opens and refuses calls at once, so a company that is down is not hammered; after
// `coolDownMs` it half-opens and lets one trial request through: success closes it, failure re-opens it.
// While it is open the sync engine serves the mirror (sync/read-refresh.ts).
import { CircuitOpenError } from './errors.ts';

export type BreakerOptions = { failureThreshold: number; coolDownMs: number };
export const defaultBreakerOptions: BreakerOptions = { failureThreshold: 5, coolDownMs: 60_000 };

export type BreakerState = 'closed' | 'open' | 'half-open';

type Circuit = { failures: number; openedAt: number | null; trialInFlight: boolean };

export class CircuitBreakers {
  private readonly circuits = new Map<string, Circuit>();

  constructor(
    private readonly options: BreakerOptions = defaultBreakerOptions,
    private readonly now: () => number = Date.now,
  ) {}

  private circuit(key: string): Circuit {
    let c = this.circuits.get(key);
    if (!c) this.circuits.set(key, (c = { failures: 0, openedAt: null, trialInFlight: false }));
    return c;
  }

  state(key: string): BreakerState {
    const c = this.circuit(key);
    if (c.openedAt === null) return 'closed';
    return this.now() - c.openedAt >= this.options.coolDownMs ? 'half-open' : 'open';
  }

  /** Throws CircuitOpenError when the call must not be made; otherwise lets it through. */
  admit(key: string): void {
    const c = this.circuit(key);
    const state = this.state(key);
    if (state === 'closed') return;
    const retryAtMs = (c.openedAt ?? 0) + this.options.coolDownMs;
    if (state === 'half-open' && !c.trialInFlight) {
      c.trialInFlight = true;
      return;
    }
    throw new CircuitOpenError(
      `QuickBooks kept failing for company ${key}; not calling it again before ${new Date(retryAtMs).toISOString()}.`,
      retryAtMs,
    );
  }

  /**
   * The advisor asked for this company now (Sync now, `rowcol sync`): an open circuit half-opens at once,
   * so one trial request goes out instead of waiting out the cool-down; a failed trial opens it again.
   * Background syncs never call this, so a company that is down is still not hammered.
   */
  trialNow(key: string): void {
    const c = this.circuit(key);
    if (this.state(key) === 'open') c.openedAt = this.now() - this.options.coolDownMs;
  }

  succeeded(key: string): void {
    this.circuits.set(key, { failures: 0, openedAt: null, trialInFlight: false });
  }

  /** The call ended without an answer either way (cancelled): free the half-open trial slot. */
  abandoned(key: string): void {
    this.circuit(key).trialInFlight = false;
  }

  failed(key: string): void {
    const c = this.circuit(key);
    c.failures++;
    if (c.trialInFlight || c.failures >= this.options.failureThreshold) c.openedAt = this.now();
    c.trialInFlight = false;
  }
}
