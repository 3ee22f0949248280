// Every figure of a bench run goes to one JSON file (bin/bench.js names it in ROWCOL_BENCH_OUT and prints
// its path; a bench run on its own writes .tmp/bench/<time>.json), so two runs can be compared figure by
// figure. Benchmarks print and record; they never fail the suite.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type Figure = {
  /** The name for it, e.g. "full sync vs node-quickbooks". */
  figure: string;
  /** Which size or client count it was measured at. */
  at?: string;
  value: number;
  unit: string;
  anchor?: { name: string; value: number; unit: string };
  /** ours ÷ anchor, median of the rounds' ratios. */
  ratio?: number;
  rounds?: number;
  goal?: string;
  met?: boolean;
  /** Anything else worth comparing between runs (request counts, floors, ranges). */
  detail?: Record<string, unknown>;
};

type ReportFile = {
  startedAt: string;
  cpus: number;
  runs: {
    bench: string;
    at: string;
    loadBefore: number[];
    loadAfter?: number[];
    figures: Figure[];
  }[];
};

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const reportPath = (): string => {
  const named = process.env.ROWCOL_BENCH_OUT;
  if (named) return named;
  const path = join(
    root,
    '.tmp',
    'bench',
    `${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
  );
  process.env.ROWCOL_BENCH_OUT = path;
  return path;
};

/** Opens this bench's entry in the run's file; `add` records a figure at once (a crash keeps what was measured). */
export function benchReport(bench: string): { add: (f: Figure) => void; close: () => void } {
  const path = reportPath();
  const read = (): ReportFile =>
    existsSync(path)
      ? (JSON.parse(readFileSync(path, 'utf8')) as ReportFile)
      : { startedAt: new Date().toISOString(), cpus: cpus().length, runs: [] };
  const write = (f: ReportFile) => {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, JSON.stringify(f, null, 2) + '\n');
  };
  const file = read();
  const at = new Date().toISOString();
  file.runs.push({ bench, at, loadBefore: loadavg(), figures: [] });
  write(file);
  const update = (change: (run: ReportFile['runs'][number]) => void) => {
    const f = read();
    const run = f.runs.find((r) => r.bench === bench && r.at === at);
    if (run) change(run);
    write(f);
  };
  return {
    add: (figure) => update((run) => run.figures.push(figure)),
    close: () => {
      update((run) => (run.loadAfter = loadavg()));
      if (!process.env.ROWCOL_BENCH_QUIET) console.log(`   figures written to ${path}`);
    },
  };
}
