// QBO writes amounts with two decimals; RowCol keeps integer cents so that SQL sums are exact.

/** Cents from a QBO amount, or undefined when it is not a finite number. */
export function toCents(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n)) return undefined;
  return Math.round(n * 100);
}

export function formatMoney(cents: number, currency = 'USD'): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const symbol = currency === 'USD' ? '$' : `${currency} `;
  return `${sign}${symbol}${whole}.${String(abs % 100).padStart(2, '0')}`;
}

/** Amounts in several currencies, each with its own code ("$1,200.00 + EUR 300.00"), never summed; `none` when empty. */
export function formatByCurrency(
  byCurrency: Readonly<Record<string, number>>,
  none: string,
): string {
  const parts = Object.entries(byCurrency)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, cents]) => formatMoney(cents, currency));
  return parts.length === 0 ? none : parts.join(' + ');
}
