// Terminal wording for the advisor's figures, shared by the advisor-work commands.
import { formatByCurrency, formatMoney } from '../../core/mirror/money.ts';
import { isIsoDay } from '../../core/dates.ts';
import { CliFailure } from './io.ts';

export const money = (cents: number | null | undefined, currency = 'USD'): string =>
  cents === null || cents === undefined ? '-' : formatMoney(cents, currency);
export const moneyByCurrency = (byCurrency: Readonly<Record<string, number>>): string =>
  formatByCurrency(byCurrency, '-');
export const weeks = (w: number | null): string => (w === null ? 'unbounded' : `${w} wk`);
export const percent = (x: number): string => `${Math.round(x * 100)}%`;

export function age(hours: number | null): string {
  if (hours === null) return 'never';
  if (hours < 1) return `${Math.round(hours * 60)} min`;
  if (hours < 48) return `${Math.round(hours)} h`;
  return `${Math.round(hours / 24)} d`;
}

/** A required client id option, or a one-line usage failure. */
export function requireClient(client: string | undefined, command: string): string {
  if (!client?.trim())
    throw new CliFailure(`${command} needs --client ID (see \`rowcol clients\`).`, 2);
  return client.trim();
}

export function requireDay(value: string, option: string): string {
  if (!isIsoDay(value)) throw new CliFailure(`${option} is not a date (YYYY-MM-DD): ${value}`, 2);
  return value;
}
