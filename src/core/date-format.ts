// Calendar days written the way the advisor chose in the settings (MM/DD/YYYY, DD/MM/YYYY or ISO), for
// the window and the digests. Days stay 'YYYY-MM-DD' everywhere else (the mirror, the CLI, every input):
// only the last step before a person reads them changes. Read as calendar days, so no time zone shifts them.
import { isIsoDay } from './dates.ts';
import { defaultSettings, type DateFormat } from './settings.ts';

const monthNames = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
] as const;

const parts = (day: string) => {
  const [y, m, d] = day.split('-') as [string, string, string];
  return { y, m, d };
};

/** The whole date: "12/07/2026", "07/12/2026" or "2026-12-07". Anything not a day is returned as it is. */
export function writeDay(day: string, format: DateFormat = defaultSettings.dateFormat): string {
  if (!isIsoDay(day)) return day;
  const { y, m, d } = parts(day);
  if (format === 'DD/MM/YYYY') return `${d}/${m}/${y}`;
  if (format === 'MM/DD/YYYY') return `${m}/${d}/${y}`;
  return day;
}

/**
 * Day and month in words where the year goes without saying (chart axes, "Delay to Dec 16"): the month
 * comes where the chosen format puts it, "Dec 7" or "7 Dec".
 */
export function writeDayShort(
  day: string,
  format: DateFormat = defaultSettings.dateFormat,
): string {
  if (!isIsoDay(day)) return day;
  const { m, d } = parts(day);
  const month = monthNames[Number(m) - 1]!;
  return format === 'DD/MM/YYYY' ? `${Number(d)} ${month}` : `${month} ${Number(d)}`;
}

/** In words with the year, for a chart's labels: "Dec 7, 2026", "7 Dec 2026", or ISO for ISO. */
export function writeDayInWords(
  day: string,
  format: DateFormat = defaultSettings.dateFormat,
): string {
  if (!isIsoDay(day) || format === 'YYYY-MM-DD') return day;
  const short = writeDayShort(day, format);
  return format === 'DD/MM/YYYY' ? `${short} ${day.slice(0, 4)}` : `${short}, ${day.slice(0, 4)}`;
}

const dayInText = /\b\d{4}-\d{2}-\d{2}\b/g;

/**
 * Every calendar day inside a sentence written the chosen way: tray titles are stored with the books'
 * own ISO days ("was due 2026-11-02 and has no decision") and are shown in the advisor's format.
 */
export const writeDaysIn = (
  text: string,
  format: DateFormat = defaultSettings.dateFormat,
): string =>
  format === 'YYYY-MM-DD' ? text : text.replace(dayInText, (day) => writeDay(day, format));
