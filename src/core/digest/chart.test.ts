import { describe, expect, it } from 'vitest';
import type { DayCash } from '../forecast/projection.ts';
import { cashChartSvg, chartSize, shortMoney } from './chart.ts';

const days = (from: string, cash: (k: number) => number): DayCash[] =>
  Array.from({ length: 91 }, (_, k) => {
    const d = new Date(`${from}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + k);
    return { date: d.toISOString().slice(0, 10), cashCents: cash(k), inCents: 0, outCents: 0 };
  });

const texts = (svg: string, cls: string) =>
  [...svg.matchAll(new RegExp(`<text class="${cls}"[^>]*>([^<]*)</text>`, 'g'))].map((m) => m[1]!);
const attr = (svg: string, cls: string, name: string) =>
  Number(new RegExp(`class="${cls}"[^>]*?\\b${name}="([-\\d.]+)"`).exec(svg)![1]);

describe('the daily cash chart', () => {
  // Falls from $10,000 to −$8,000, lowest on day 60, then climbs back.
  const projection = days('2026-12-01', (k) =>
    k <= 60 ? 1_000_000 - k * 30_000 : -800_000 + (k - 60) * 10_000,
  );
  const lowest = { date: projection[60]!.date, cashCents: -800_000 };
  const svg = cashChartSvg(projection, lowest, 'USD');

  it('dates the x axis at month starts, the first and each new year with the year', () => {
    expect(texts(svg, 'x-tick')).toEqual(['Dec 1, 2026', 'Jan 1, 2027', 'Feb 1', 'Mar 1']);
  });

  it('dates the left edge too when the first month start is far from it', () => {
    const mid = cashChartSvg(
      days('2026-12-02', () => 100),
      { date: '2026-12-02', cashCents: 100 },
      'USD',
    );
    expect(texts(mid, 'x-tick')).toEqual(['Dec 2, 2026', 'Jan 1, 2027', 'Feb 1', 'Mar 1']);
    expect(mid).toMatch(/<text class="x-tick" x="66.0"[^>]*text-anchor="start"/);
    // A month start within a few days of the edge stands for it.
    const near = cashChartSvg(
      days('2026-11-29', () => 100),
      { date: '2026-11-29', cashCents: 100 },
      'USD',
    );
    expect(texts(near, 'x-tick')[0]).toBe('Dec 1, 2026');
  });

  it('puts round amounts on the y axis, zero among them, covering every day', () => {
    const ticks = texts(svg, 'y-tick');
    expect(ticks).toContain('$0');
    expect(ticks[0]).toMatch(/^−\$\d+k$/);
    expect(ticks.at(-1)).toMatch(/^\$\d+k$/);
    expect(ticks).toEqual([...new Set(ticks)]);
  });

  it('draws the zero line apart from the grid, and one point per day', () => {
    expect(svg).toMatch(/<line class="zero"[^>]*stroke="#111827" stroke-width="1.5"/);
    const line = /<path class="cash" d="M([^"]+)"/.exec(svg)![1]!;
    expect(line.split('L')).toHaveLength(91);
    // The lowest point lies below the zero line (SVG y grows downwards), the first day above it.
    const zeroY = attr(svg, 'zero', 'y1');
    expect(attr(svg, 'lowest', 'cy')).toBeGreaterThan(zeroY);
    expect(Number(line.split('L')[0]!.split(',')[1])).toBeLessThan(zeroY);
  });

  it('marks the lowest point with its date and amount, inside the drawing', () => {
    expect(texts(svg, 'lowest-label')).toEqual(['Lowest −$8,000.00 on Jan 30, 2027']);
    const y = attr(svg, 'lowest-label', 'y');
    expect(y).toBeGreaterThan(0);
    expect(y).toBeLessThan(chartSize.height - 30);
    // Near the right edge the label ends at the point instead of running off the drawing.
    const late = cashChartSvg(
      projection,
      { date: projection[90]!.date, cashCents: projection[90]!.cashCents },
      'USD',
    );
    expect(late).toMatch(/<text class="lowest-label"[^>]*text-anchor="end"/);
  });

  it('is self-contained: no script, no link, no external reference', () => {
    expect(svg).not.toMatch(/<script|href=|src=|url\((?!#)/);
  });

  it('keeps a flat, all-positive forecast readable (zero still on the axis)', () => {
    const flat = cashChartSvg(
      days('2026-12-01', () => 500_000),
      { date: '2026-12-01', cashCents: 500_000 },
      'EUR',
    );
    expect(texts(flat, 'y-tick')).toContain('EUR 0');
    expect(texts(flat, 'x-tick')[0]).toMatch(/, 2026$/);
  });
});

describe('axis amounts', () => {
  it('are compact, with a true minus sign', () => {
    expect(shortMoney(-2_500_000, 'USD')).toBe('−$25k');
    expect(shortMoney(150_000_000, 'USD')).toBe('$1.5M');
    expect(shortMoney(25_000, 'EUR')).toBe('EUR 250');
  });
});
