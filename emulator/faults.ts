// Faults on demand (issue 3 §6): added latency, a share of 500/503 answers, dropped connections, forced
// 401s, 429 storms, answers slower than a client's timeout, and "commit the write, then drop the response".
// Set by EmulatorOptions.faults or POST {adminUrl}/faults; a realmId limits them to one company.
export type FaultOptions = {
  realmId?: string;
  latencyMs?: number;
  errorRate?: number;
  errorStatus?: 500 | 503;
  dropRate?: number;
  force401?: number;
  storm429?: number;
  slowMs?: number;
  commitThenDrop?: number;
};

const KEYS = [
  'realmId',
  'latencyMs',
  'errorRate',
  'errorStatus',
  'dropRate',
  'force401',
  'storm429',
  'slowMs',
  'commitThenDrop',
] as const;

/** Check an admin body; a message for the first bad field, or the options. */
export function parseFaults(body: unknown): FaultOptions | string {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    return 'the body must be a JSON object';
  const b = body as Record<string, unknown>;
  for (const k of Object.keys(b))
    if (!(KEYS as readonly string[]).includes(k))
      return `unknown fault "${k}" (known: ${KEYS.join(', ')})`;
  if (b.realmId !== undefined && typeof b.realmId !== 'string') return 'realmId must be a string';
  for (const k of ['latencyMs', 'force401', 'storm429', 'slowMs', 'commitThenDrop'] as const)
    if (
      b[k] !== undefined &&
      !(typeof b[k] === 'number' && Number.isInteger(b[k]) && (b[k] as number) >= 0)
    )
      return `${k} must be a whole number >= 0`;
  for (const k of ['errorRate', 'dropRate'] as const)
    if (
      b[k] !== undefined &&
      !(typeof b[k] === 'number' && (b[k] as number) >= 0 && (b[k] as number) <= 1)
    )
      return `${k} must be between 0 and 1`;
  if (b.errorStatus !== undefined && b.errorStatus !== 500 && b.errorStatus !== 503)
    return 'errorStatus must be 500 or 503';
  return b as FaultOptions;
}

/** Seeded so a run with faults is repeatable. */
function mulberry(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type FaultDecision = {
  drop: boolean;
  force401: boolean;
  storm429: boolean;
  delayMs: number;
  errorStatus: number | null;
  commitThenDrop: boolean;
};

export class Faults {
  private current: FaultOptions = {};
  private readonly random: () => number;

  constructor(seed: number, initial?: FaultOptions) {
    this.random = mulberry(seed ^ 0x5eed);
    if (initial) this.current = { ...initial };
  }

  set(options: FaultOptions): FaultOptions {
    this.current = { ...options };
    return this.get();
  }

  clear(): void {
    this.current = {};
  }

  get(): FaultOptions {
    return { ...this.current };
  }

  /** Decide what happens to one API call of `realmId` (counters are consumed here). */
  decide(realmId: string, isWrite: boolean): FaultDecision {
    const f = this.current;
    const none: FaultDecision = {
      drop: false,
      force401: false,
      storm429: false,
      delayMs: 0,
      errorStatus: null,
      commitThenDrop: false,
    };
    if (f.realmId && f.realmId !== realmId) return none;
    const d = { ...none, delayMs: (f.latencyMs ?? 0) + (f.slowMs ?? 0) };
    if (f.force401) {
      f.force401 -= 1;
      d.force401 = true;
      return d;
    }
    if (f.storm429) {
      f.storm429 -= 1;
      d.storm429 = true;
      return d;
    }
    if (f.dropRate && this.random() < f.dropRate) d.drop = true;
    else if (f.errorRate && this.random() < f.errorRate) d.errorStatus = f.errorStatus ?? 500;
    else if (isWrite && f.commitThenDrop) {
      f.commitThenDrop -= 1;
      d.commitThenDrop = true;
    }
    return d;
  }
}
