// The 13-week cash chart as inline SVG: no script, no external asset, so the HTML file and its PDF are
// self-contained. Bars are the projected closing balance of each week (red below zero), over a zero line.
import type { ProjectedWeek } from '../runway/runway.ts';
import { formatMoney } from '../mirror/money.ts';

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Whole-dollar tick label, compact (k / M) so it fits the axis. */
export function shortMoney(cents: number, currency: string): string {
  const v = cents / 100;
  const abs = Math.abs(v);
  const sign = v < 0 ? '-' : '';
  const sym = currency === 'USD' ? '$' : `${currency} `;
  const compact = (x: number) => (Number.isInteger(x) || x >= 10 ? x.toFixed(0) : x.toFixed(1));
  if (abs >= 1_000_000) return `${sign}${sym}${compact(abs / 1_000_000)}M`;
  if (abs >= 1_000) return `${sign}${sym}${compact(abs / 1_000)}k`;
  return `${sign}${sym}${abs.toFixed(0)}`;
}

/** Round tick values (1, 2 or 5 × 10^n steps) covering [min, max], zero included. */
export function niceTicks(min: number, max: number, target = 4): number[] {
  const raw = (max - min) / target;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((st) => st >= raw) ?? 10 * mag;
  const ticks: number[] = [];
  for (let t = Math.floor(min / step) * step; t <= max + step / 2; t += step)
    ticks.push(Math.round(t));
  return ticks;
}

export function cashChartSvg(
  cashCents: number,
  weeks: readonly ProjectedWeek[],
  currency: string,
): string {
  const width = 680;
  const height = 240;
  const left = 64;
  const right = 12;
  const top = 16;
  const bottom = 36;
  const values = [cashCents, ...weeks.map((w) => w.closingCents)];
  const hi = Math.max(0, ...values);
  const lo = Math.min(0, ...values);
  const ticks = niceTicks(lo, hi === lo ? lo + 10_000 : hi);
  const min = ticks[0]!;
  const max = ticks[ticks.length - 1]!;
  const plotH = height - top - bottom;
  const y = (v: number) => top + ((max - v) / (max - min)) * plotH;
  const slot = (width - left - right) / values.length;
  const barW = Math.max(4, slot * 0.62);
  const zeroY = y(0);
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="Projected cash, 13 weeks">`,
  );
  for (const t of ticks) {
    parts.push(
      `<line x1="${left}" x2="${width - right}" y1="${y(t).toFixed(1)}" y2="${y(t).toFixed(1)}" stroke="#e5e7eb" stroke-width="1"/>`,
    );
    parts.push(
      `<text x="${left - 6}" y="${(y(t) + 4).toFixed(1)}" text-anchor="end" font-size="11" fill="#6b7280">${esc(shortMoney(t, currency))}</text>`,
    );
  }
  values.forEach((v, i) => {
    const x = left + i * slot + (slot - barW) / 2;
    const y0 = Math.min(y(v), zeroY);
    const h = Math.max(1, Math.abs(y(v) - zeroY));
    const fill = v < 0 ? '#dc2626' : i === 0 ? '#1e3a8a' : '#3b82f6';
    const label =
      i === 0
        ? `Today: ${formatMoney(v, currency)}`
        : `Week ${i} (from ${weeks[i - 1]!.startsOn}): ${formatMoney(v, currency)}`;
    parts.push(
      `<rect x="${x.toFixed(1)}" y="${y0.toFixed(1)}" width="${barW.toFixed(1)}" height="${h.toFixed(1)}" fill="${fill}" rx="2"><title>${esc(label)}</title></rect>`,
    );
    const tick = i === 0 ? 'now' : `W${i}`;
    parts.push(
      `<text x="${(x + barW / 2).toFixed(1)}" y="${height - bottom + 16}" text-anchor="middle" font-size="11" fill="#374151">${tick}</text>`,
    );
    if (i > 0 && (i === 1 || i % 4 === 1)) {
      parts.push(
        `<text x="${(x + barW / 2).toFixed(1)}" y="${height - bottom + 30}" text-anchor="middle" font-size="9" fill="#9ca3af">${esc(weeks[i - 1]!.startsOn.slice(5))}</text>`,
      );
    }
  });
  parts.push(
    `<line x1="${left}" x2="${width - right}" y1="${zeroY.toFixed(1)}" y2="${zeroY.toFixed(1)}" stroke="#111827" stroke-width="1"/>`,
  );
  parts.push('</svg>');
  return parts.join('');
}
