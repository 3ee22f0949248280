// What a bench run measures, from its command line (`npm run bench sync -- --sizes 1x,4x --rounds 3`):
// the sizes of books (1x is the emulator's large company; 4x and 16x it several times over) and how many
// paired rounds give each median. A quick run picks fewer sizes and rounds; the defaults are the issue's.
import type { Size } from '../../emulator/sizes.ts';

export type BenchOptions = {
  sizes: { label: string; size: Size }[];
  rounds: number;
  clients: number[];
};

const value = (argv: readonly string[], name: string): string | undefined => {
  const at = argv.indexOf(`--${name}`);
  if (at >= 0) return argv[at + 1];
  return argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
};

const sizeOf = (label: string): Size | null =>
  label === '1x' || label === 'large'
    ? 'large'
    : /^(2|4|8|16)x$/.test(label)
      ? (label as Size)
      : null;

export function benchOptions(
  argv: readonly string[] = process.argv.slice(2),
  defaults: { sizes?: string; rounds?: number; clients?: string } = {},
): BenchOptions {
  const labels = (value(argv, 'sizes') ?? defaults.sizes ?? '1x,4x,16x').split(',').filter(Boolean);
  const sizes = labels.map((label) => {
    const size = sizeOf(label);
    if (!size) {
      console.error(`rowcol bench: --sizes takes 1x, 2x, 4x, 8x, 16x (not ${label})`);
      process.exit(2);
    }
    return { label: label === 'large' ? '1x' : label, size };
  });
  const rounds = Number(value(argv, 'rounds') ?? defaults.rounds ?? 3);
  const clients = (value(argv, 'clients') ?? defaults.clients ?? '')
    .split(',')
    .filter(Boolean)
    .map(Number);
  if (
    !Number.isInteger(rounds) ||
    rounds < 1 ||
    clients.some((n) => !Number.isInteger(n) || n < 1)
  ) {
    console.error('rowcol bench: --rounds and --clients take whole numbers above 0');
    process.exit(2);
  }
  return { sizes, rounds, clients };
}
