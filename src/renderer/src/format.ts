import { formatByCurrency, formatMoney } from '../../core/mirror/money.ts';

export const money = (cents: number | null | undefined, currency = 'USD'): string =>
  cents === null || cents === undefined ? '—' : formatMoney(cents, currency);

export const moneyByCurrency = (byCurrency: Readonly<Record<string, number>>): string =>
  formatByCurrency(byCurrency, '—');

export const weeks = (w: number | null): string =>
  w === null ? 'No end in sight' : w === 1 ? '1 week' : `${w} weeks`;

export function age(hours: number | null): string {
  if (hours === null) return 'never synced';
  if (hours < 1) return 'just now';
  if (hours < 48) return `${Math.round(hours)} h ago`;
  return `${Math.round(hours / 24)} days ago`;
}

export const percent = (share: number): string => `${Math.round(share * 100)}%`;

// Codes as words: one home in src/core (the digest uses it too).
export { humanCode } from '../../core/words.ts';
