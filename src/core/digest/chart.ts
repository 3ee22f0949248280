// The daily cash chart as inline SVG: no script, no external asset, so the HTML file and its PDF are
// self-contained. The 91 days of the forecast's projection as a line over an area (blue above zero, red
// below), a dated x axis (month starts labelled, weeks as faint lines), amounts on the y axis, the zero
// line drawn darker than the grid, and the lowest point marked with its date and amount. Ticks come from
// d3-scale (linear .nice()/.ticks(), UTC time ticks): calendar days are UTC days, so no time zone or
// daylight-saving change moves a tick.
import { scaleLinear, scaleUtc } from 'd3-scale';
import { utcFormat } from 'd3-time-format';
import type { DayCash } from '../forecast/projection.ts';
import { formatMoney } from '../mirror/money.ts';
import { writeDayInWords, writeDayShort } from '../date-format.ts';
import { defaultSettings, type DateFormat } from '../settings.ts';

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Whole-unit tick label, compact (k / M) so it fits the axis. */
export function shortMoney(cents: number, currency: string): string {
  const v = cents / 100;
  const abs = Math.abs(v);
  const sign = v < 0 ? '−' : '';
  const sym = currency === 'USD' ? '$' : `${currency} `;
  const compact = (x: number) => (Number.isInteger(x) || x >= 10 ? x.toFixed(0) : x.toFixed(1));
  if (abs >= 1_000_000) return `${sign}${sym}${compact(abs / 1_000_000)}M`;
  if (abs >= 1_000) return `${sign}${sym}${compact(abs / 1_000)}k`;
  return `${sign}${sym}${abs.toFixed(0)}`;
}

const utcDay = (day: string) => new Date(`${day}T00:00:00Z`);
const isoOf = utcFormat('%Y-%m-%d');

/**
 * "Dec 1" ("1 Dec" for DD/MM/YYYY), or the date with its year ("Jan 1, 2027") where a year starts (and
 * for the first label), so every date is readable.
 */
function dateLabel(d: Date, first: boolean, format: DateFormat): string {
  const day = isoOf(d);
  return first || (d.getUTCMonth() === 0 && d.getUTCDate() === 1)
    ? writeDayInWords(day, format)
    : writeDayShort(day, format);
}

export const chartSize = { width: 680, height: 280 };
const margin = { left: 66, right: 18, top: 14, bottom: 40 };

export function cashChartSvg(
  projection: readonly DayCash[],
  lowest: { date: string; cashCents: number },
  currency: string,
  format: DateFormat = defaultSettings.dateFormat,
): string {
  const { width, height } = chartSize;
  const days = projection.length > 0 ? projection : [{ ...lowest, inCents: 0, outCents: 0 }];
  const first = utcDay(days[0]!.date);
  const last = utcDay(days[days.length - 1]!.date);
  const x = scaleUtc()
    .domain([
      first,
      last.getTime() === first.getTime() ? new Date(first.getTime() + 86_400_000) : last,
    ])
    .range([margin.left, width - margin.right]);
  const values = days.map((d) => d.cashCents);
  const hi = Math.max(0, ...values);
  const lo = Math.min(0, ...values);
  // Room under the lowest point for its label: the domain reaches a sixth of the span below it.
  const span = hi - lo || 100_000;
  const y = scaleLinear()
    .domain([lo - span / 6, hi + span / 20])
    .nice(5)
    .range([height - margin.bottom, margin.top]);
  const px = (n: number) => n.toFixed(1);
  const plotLeft = margin.left;
  const plotRight = width - margin.right;
  const plotTop = margin.top;
  const plotBottom = height - margin.bottom;
  const zeroY = y(0);
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="Projected cash by day, ${days.length} days from ${esc(writeDayInWords(days[0]!.date, format))}">`,
  );
  // Clip areas above and below zero, so each half gets its colour without splitting the path.
  parts.push(
    `<defs><clipPath id="cash-above"><rect x="${plotLeft}" y="${plotTop}" width="${plotRight - plotLeft}" height="${px(Math.max(0, zeroY - plotTop))}"/></clipPath>` +
      `<clipPath id="cash-below"><rect x="${plotLeft}" y="${px(zeroY)}" width="${plotRight - plotLeft}" height="${px(Math.max(0, plotBottom - zeroY))}"/></clipPath></defs>`,
  );
  // Weeks: faint vertical lines. Amounts: horizontal grid with labels.
  for (const t of x.ticks(13))
    parts.push(
      `<line x1="${px(x(t))}" x2="${px(x(t))}" y1="${plotTop}" y2="${plotBottom}" stroke="#f3f4f6" stroke-width="1"/>`,
    );
  for (const t of y.ticks(5)) {
    parts.push(
      `<line x1="${plotLeft}" x2="${plotRight}" y1="${px(y(t))}" y2="${px(y(t))}" stroke="#e5e7eb" stroke-width="1"/>`,
    );
    parts.push(
      `<text class="y-tick" x="${plotLeft - 6}" y="${px(y(t) + 4)}" text-anchor="end" font-size="11" fill="#6b7280">${esc(shortMoney(t, currency))}</text>`,
    );
  }
  // Month starts: a tick and a date under the axis; today's date at the left edge too, unless a month
  // start is close enough to stand for it. The first date drawn carries the year, and so does Jan 1.
  const months = x.ticks(4);
  const labels: { at: Date; x: number }[] = [];
  if (months.length === 0 || x(months[0]!) - plotLeft > 70) labels.push({ at: first, x: plotLeft });
  for (const t of months) labels.push({ at: t, x: x(t) });
  labels.forEach(({ at, x: tx }, i) => {
    parts.push(
      `<line x1="${px(tx)}" x2="${px(tx)}" y1="${plotBottom}" y2="${plotBottom + 5}" stroke="#6b7280" stroke-width="1"/>`,
    );
    // Labels at either end must not run past the drawing.
    const anchor = tx > plotRight - 30 ? 'end' : tx < plotLeft + 30 ? 'start' : 'middle';
    parts.push(
      `<text class="x-tick" x="${px(tx)}" y="${plotBottom + 18}" text-anchor="${anchor}" font-size="11" fill="#374151">${esc(dateLabel(at, i === 0, format))}</text>`,
    );
  });
  parts.push(
    `<line x1="${plotLeft}" x2="${plotRight}" y1="${plotBottom}" y2="${plotBottom}" stroke="#9ca3af" stroke-width="1"/>`,
  );
  const points = days.map((d) => `${px(x(utcDay(d.date)))},${px(y(d.cashCents))}`);
  const line = `M${points.join('L')}`;
  const area = `${line}L${px(x(utcDay(days[days.length - 1]!.date)))},${px(zeroY)}L${px(x(first))},${px(zeroY)}Z`;
  parts.push(`<path d="${area}" fill="#3b82f6" fill-opacity="0.16" clip-path="url(#cash-above)"/>`);
  parts.push(`<path d="${area}" fill="#dc2626" fill-opacity="0.16" clip-path="url(#cash-below)"/>`);
  parts.push(
    `<path class="cash" d="${line}" fill="none" stroke="#1d4ed8" stroke-width="2" stroke-linejoin="round" clip-path="url(#cash-above)"/>`,
  );
  parts.push(
    `<path d="${line}" fill="none" stroke="#dc2626" stroke-width="2" stroke-linejoin="round" clip-path="url(#cash-below)"/>`,
  );
  // Zero: darker and thicker than the grid, labelled at the right end.
  parts.push(
    `<line class="zero" x1="${plotLeft}" x2="${plotRight}" y1="${px(zeroY)}" y2="${px(zeroY)}" stroke="#111827" stroke-width="1.5"/>`,
  );
  // The lowest point: a dot, and its date and amount beside it, kept inside the plot.
  const lx = x(utcDay(lowest.date));
  const ly = y(lowest.cashCents);
  const anchor = lx > plotRight - 150 ? 'end' : lx < plotLeft + 150 ? 'start' : 'middle';
  const dx = anchor === 'end' ? -6 : anchor === 'start' ? 6 : 0;
  const label = `Lowest ${lowest.cashCents < 0 ? '−' : ''}${formatMoney(Math.abs(lowest.cashCents), currency)} on ${writeDayInWords(lowest.date, format)}`;
  parts.push(
    `<circle class="lowest" cx="${px(lx)}" cy="${px(ly)}" r="4" fill="${lowest.cashCents < 0 ? '#dc2626' : '#1d4ed8'}" stroke="#fff" stroke-width="1.5"/>`,
  );
  parts.push(
    `<text class="lowest-label" x="${px(lx + dx)}" y="${px(Math.min(ly + 18, plotBottom - 4))}" text-anchor="${anchor}" font-size="11" font-weight="600" fill="#111827">${esc(label)}</text>`,
  );
  parts.push('</svg>');
  return parts.join('');
}
