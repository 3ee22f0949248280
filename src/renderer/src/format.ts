import { writeDay, writeDayInWords, writeDayShort, writeDaysIn } from '../../core/date-format.ts';
import { formatByCurrency, formatMoney } from '../../core/mirror/money.ts';
import { defaultSettings, type DateFormat } from '../../core/settings.ts';

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

let chosenFormat: DateFormat = defaultSettings.dateFormat;
/** The advisor's date format (settings); the settings store sets it whenever it reads or saves them. */
export const chooseDateFormat = (format: DateFormat): void => {
  chosenFormat = format;
};

/** "Dec 7" (or "7 Dec" for DD/MM/YYYY) from "2026-12-07": where the year goes without saying. */
export const shortDate = (day: string): string => writeDayShort(day, chosenFormat);

/** The whole date in the advisor's format ("12/07/2026"): where the year matters. */
export const longDate = (day: string): string => writeDay(day, chosenFormat);

/** In words with its year ("Jan 14, 2027", "14 Jan 2027"): a chart's tooltip. */
export const dayInWords = (day: string): string => writeDayInWords(day, chosenFormat);

/** Every day inside a stored sentence (a tray title) in the advisor's format. */
export const daysIn = (text: string): string => writeDaysIn(text, chosenFormat);

/** "Mon" … "Sun" of a calendar day. */
export function weekday(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][
    new Date(Date.UTC(y, m - 1, d)).getUTCDay()
  ]!;
}

const minus = '\u2212';
/** A word joiner after a sign: HTML text never breaks a line between "−" and "$4,210". */
const glue = '\u2060';

// Making an Intl.NumberFormat costs far more than using one, and a list of 2,000 clients formats
// thousands of amounts: one formatter per currency and style, kept.
const formatters = new Map<string, Intl.NumberFormat>();

function currencyFormat(currency: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${currency} ${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    try {
      f = new Intl.NumberFormat('en-US', { style: 'currency', currency, ...options });
    } catch {
      // A code Intl does not know: the amount with the code before it, as formatMoney writes it.
      f = new Intl.NumberFormat('en-US', options);
    }
    formatters.set(key, f);
  }
  return f;
}

const isCurrencyStyle = new WeakMap<Intl.NumberFormat, boolean>();

function withCode(formatted: string, currency: string, f: Intl.NumberFormat): string {
  let style = isCurrencyStyle.get(f);
  if (style === undefined)
    isCurrencyStyle.set(f, (style = f.resolvedOptions().style === 'currency'));
  return style ? formatted : `${currency} ${formatted}`;
}

/** Whole units, a true minus sign: "−$4,210" (figures the advisor compares, not reconciles). */
export function wholeMoney(cents: number, currency = 'USD'): string {
  const f = currencyFormat(currency, { maximumFractionDigits: 0, minimumFractionDigits: 0 });
  const text = withCode(f.format(Math.abs(Math.round(cents / 100))), currency, f);
  return cents <= -50 ? `${minus}${glue}${text}` : text;
}

/** A change with its sign: "+$1,200", "−$1,200", "±$0". */
export function signedMoney(cents: number, currency = 'USD'): string {
  if (Math.round(cents / 100) === 0) return `±${glue}${wholeMoney(0, currency)}`;
  return cents > 0 ? `+${glue}${wholeMoney(cents, currency)}` : wholeMoney(cents, currency);
}

/** Axis amounts: "$12K", "−$1.5M", "$0". */
export function compactMoney(cents: number, currency = 'USD'): string {
  const f = currencyFormat(currency, {
    notation: 'compact',
    minimumFractionDigits: 0,
    maximumFractionDigits: 1,
  });
  const text = withCode(f.format(Math.abs(cents / 100)), currency, f);
  return cents < 0 && Math.abs(cents) >= 1 ? `${minus}${text}` : text;
}
