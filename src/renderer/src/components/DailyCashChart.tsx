// The forecast's cash day by day (91 days) with recharts: dates and amounts on the axes, the zero line
// drawn apart, the lowest point marked and labelled, today marked, and a tooltip with the day's cash,
// money in and money out. Screen readers get one sentence (the lowest point and the runway) instead.
//
// CSP: recharts positions its tooltip and measures text through element.style (CSSOM), which
// `style-src` does not govern, and draws everything else as SVG attributes: it needs no change to the
// renderer's policy, and works under `style-src 'self'` without 'unsafe-inline' too (tried; the UI test
// fails on any CSP violation logged while the chart is on screen).
//
// `compare`: a second projection drawn dashed behind the main line (the console's bulk re-date draws the
// forecast as it stands behind the one with the moves; the scenarios, the baseline behind a scenario).
import { startTransition, useEffect, useId, useMemo, useState } from 'react';
import { scaleLinear } from 'd3-scale';
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceDot,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  useCartesianScale,
  usePlotArea,
  type TooltipContentProps,
} from 'recharts';
import type { DayCash, Forecast } from '../../../core/forecast/projection.ts';
import { compactMoney, dayInWords, shortDate, weekday, wholeMoney } from '../format.ts';
import { chartSummary } from '../forecast-words.ts';
import '../styles/chart-compare.css';

const colour = {
  cash: '#1f5fa8',
  belowZero: '#b3261e',
  grid: '#e6e8ec',
  axis: '#5b6474',
  today: '#13315c',
  compare: '#5b6474',
};

type Summary = Pick<Forecast, 'projection' | 'lowest' | 'runwayDays' | 'firstBelowZero'>;

/** The projection drawn dashed behind the main line, and what each line is called in the legend. */
export type ChartComparison = {
  forecast: Summary;
  /** The dashed line: "As it stands", "Baseline". */
  name: string;
  /** The solid line: "With these moves", the scenario's name. */
  mainName: string;
};

/** A day of the main projection with the compared one's cash beside it. */
type ChartDay = DayCash & { compareCents?: number };

type Props = {
  forecast: Summary;
  currency: string;
  /** Pixel height of the plot; the console shows a smaller chart than the forecast tab. */
  height?: number;
  /** Days between date ticks (7: every week; 14 where space is short). */
  tickEveryDays?: number;
  compare?: ChartComparison;
};

/** Y ticks at round amounts, always including zero so the distance to it is visible. */
function amountScale(projection: readonly ChartDay[]) {
  const values = projection.flatMap((d) =>
    d.compareCents === undefined ? [d.cashCents] : [d.cashCents, d.compareCents],
  );
  const lo = Math.min(0, ...values);
  const hi = Math.max(0, ...values);
  const nice = scaleLinear()
    .domain([lo, hi === lo ? lo + 100_00 : hi])
    .nice(5);
  const ticks = nice.ticks(5);
  const [niceLo, niceHi] = nice.domain() as [number, number];
  // Room under the lowest point for its label.
  const floor = Math.min(niceLo, lo - (niceHi - niceLo) * 0.14);
  return { domain: [floor, niceHi] as [number, number], ticks };
}

/** Where the line crosses zero inside its own box (for the gradient that turns it red below zero). */
function zeroOffset(lo: number, hi: number): number {
  if (hi <= 0) return 0;
  if (lo >= 0) return 1;
  return hi / (hi - lo);
}

function DayTooltip({
  active,
  payload,
  currency,
  compare,
}: TooltipContentProps & { currency: string; compare: ChartComparison | undefined }) {
  const day = active ? (payload?.[0]?.payload as ChartDay | undefined) : undefined;
  if (!day) return null;
  return (
    <div className="chart-tooltip">
      <strong>
        {weekday(day.date)}, {dayInWords(day.date)}
      </strong>
      <div className={day.cashCents < 0 ? 'negative' : ''}>
        {compare ? `${compare.mainName}: cash` : 'Cash'} {wholeMoney(day.cashCents, currency)}
      </div>
      {compare && day.compareCents !== undefined && (
        <div className={day.compareCents < 0 ? 'negative' : ''}>
          {compare.name}: cash {wholeMoney(day.compareCents, currency)}
        </div>
      )}
      <div className="muted">
        In {wholeMoney(day.inCents, currency)} · Out {wholeMoney(day.outCents, currency)}
      </div>
    </div>
  );
}

/** "Today" in the margin above the plot, right of its line: clear of the cash line at any level. */
function TodayLabel({ viewBox }: { viewBox?: unknown }) {
  const box = viewBox as { x?: number; y?: number } | undefined;
  if (box?.x === undefined || box.y === undefined) return null;
  return (
    <text
      className="chart-today-label"
      x={box.x + 4}
      y={box.y - 6}
      fill={colour.today}
      fontSize={11}
      fontWeight={600}
    >
      Today
    </text>
  );
}

/** The lowest point's label, kept inside the plot: it leans left near the right edge and vice versa. */
function LowestLabel({ date, cashCents, text }: { date: string; cashCents: number; text: string }) {
  const at = useCartesianScale({ x: date, y: cashCents });
  const plot = usePlotArea();
  if (!at || !plot) return null;
  const third = plot.width / 3;
  const anchor =
    at.x > plot.x + 2 * third ? 'end' : at.x < plot.x + third * 0.5 ? 'start' : 'middle';
  const dx = anchor === 'end' ? -6 : anchor === 'start' ? 6 : 0;
  return (
    <text
      className="chart-lowest-label"
      x={at.x + dx}
      y={Math.min(at.y + 22, plot.y + plot.height - 4)}
      textAnchor={anchor}
      fill={cashCents < 0 ? colour.belowZero : colour.today}
      fontSize={12}
      fontWeight={600}
      // A white halo: a second (dashed) line may run through the label.
      stroke="#fff"
      strokeWidth={3}
      paintOrder="stroke"
    >
      {text}
    </text>
  );
}

/**
 * False for the first frame, then true: the tab's figures and bills are on screen at once and the chart
 * (the heaviest part to draw) follows a frame later, in an interruptible render, in its own space.
 */
function useDrawnAfterFirstPaint(): boolean {
  const [drawn, setDrawn] = useState(false);
  useEffect(() => {
    const frame = requestAnimationFrame(() => startTransition(() => setDrawn(true)));
    return () => cancelAnimationFrame(frame);
  }, []);
  return drawn;
}

export function DailyCashChart({
  forecast,
  currency,
  height = 220,
  tickEveryDays = 7,
  compare,
}: Props) {
  const id = useId().replace(/:/g, '');
  const drawn = useDrawnAfterFirstPaint();
  const { lowest } = forecast;
  const projection: ChartDay[] = useMemo(
    () =>
      compare
        ? forecast.projection.map((d, i) => ({
            ...d,
            compareCents: compare.forecast.projection[i]?.cashCents,
          }))
        : forecast.projection,
    [forecast.projection, compare],
  );
  const { domain, ticks } = useMemo(() => amountScale(projection), [projection]);
  const dateTicks = useMemo(
    () => projection.filter((_, i) => i % tickEveryDays === 0).map((d) => d.date),
    [projection, tickEveryDays],
  );
  const values = projection.map((d) => d.cashCents);
  const lineOffset = zeroOffset(Math.min(...values), Math.max(...values));
  const fillOffset = zeroOffset(Math.min(0, ...values), Math.max(0, ...values));
  const today = projection[0];
  const summary = compare
    ? `${compare.mainName}: ${chartSummary(forecast, currency)} ${compare.name}, dashed: ${chartSummary(compare.forecast, currency)}`
    : chartSummary(forecast, currency);
  if (!today) return null;
  return (
    <figure className="cash-chart">
      <div role="img" aria-label={summary} style={{ height }}>
        {drawn && (
          <ResponsiveContainer width="100%" height="100%">
            <ComposedChart
              data={projection}
              margin={{ top: 22, right: 16, bottom: 4, left: 4 }}
              accessibilityLayer={false}
            >
              <defs>
                <linearGradient id={`line-${id}`} x1="0" y1="0" x2="0" y2="1">
                  <stop offset={lineOffset} stopColor={colour.cash} />
                  <stop offset={lineOffset} stopColor={colour.belowZero} />
                </linearGradient>
                <linearGradient id={`fill-${id}`} x1="0" y1="0" x2="0" y2="1">
                  <stop offset={0} stopColor={colour.cash} stopOpacity={0.18} />
                  <stop offset={fillOffset} stopColor={colour.cash} stopOpacity={0.06} />
                  <stop offset={fillOffset} stopColor={colour.belowZero} stopOpacity={0.12} />
                  <stop offset={1} stopColor={colour.belowZero} stopOpacity={0.24} />
                </linearGradient>
              </defs>
              <CartesianGrid stroke={colour.grid} vertical={false} />
              <XAxis
                dataKey="date"
                ticks={dateTicks}
                interval="preserveStart"
                minTickGap={8}
                tickFormatter={shortDate}
                tick={{ fill: colour.axis, fontSize: 12 }}
                tickLine={false}
                axisLine={{ stroke: colour.grid }}
                padding={{ left: 6, right: 6 }}
              />
              <YAxis
                domain={domain}
                ticks={ticks}
                allowDataOverflow={false}
                tickFormatter={(v: number) => compactMoney(v, currency)}
                tick={{ fill: colour.axis, fontSize: 12 }}
                tickLine={false}
                axisLine={false}
                width={68}
              />
              <Tooltip
                content={(p) => <DayTooltip {...p} currency={currency} compare={compare} />}
                cursor={{ stroke: colour.axis, strokeDasharray: '3 3' }}
                isAnimationActive={false}
              />
              <Area
                type="linear"
                dataKey="cashCents"
                name="Cash"
                baseValue={0}
                stroke={`url(#line-${id})`}
                strokeWidth={2}
                fill={`url(#fill-${id})`}
                isAnimationActive={false}
                dot={false}
                activeDot={{ r: 4 }}
              />
              {compare && (
                <Line
                  type="linear"
                  dataKey="compareCents"
                  name={compare.name}
                  stroke={colour.compare}
                  strokeWidth={1.5}
                  strokeDasharray="5 4"
                  isAnimationActive={false}
                  dot={false}
                  activeDot={false}
                />
              )}
              <ReferenceLine
                y={0}
                stroke={colour.belowZero}
                strokeWidth={1.5}
                strokeDasharray="6 4"
                label={{
                  value: 'Zero',
                  position: 'insideTopRight',
                  fill: colour.belowZero,
                  fontSize: 11,
                }}
              />
              <ReferenceLine
                x={today.date}
                // The first and last days sit on the plot's edges: a rounding error after a resize must
                // not make recharts think they lie outside it and drop the mark.
                ifOverflow="visible"
                stroke={colour.today}
                strokeDasharray="2 3"
                label={{ content: TodayLabel }}
              />
              <ReferenceDot
                x={lowest.date}
                y={lowest.cashCents}
                ifOverflow="visible"
                r={5}
                fill={lowest.cashCents < 0 ? colour.belowZero : colour.today}
                stroke="#fff"
                strokeWidth={2}
              />
              <LowestLabel
                date={lowest.date}
                cashCents={lowest.cashCents}
                text={`Lowest ${wholeMoney(lowest.cashCents, currency)} · ${shortDate(lowest.date)}`}
              />
            </ComposedChart>
          </ResponsiveContainer>
        )}
      </div>
      {compare && (
        <figcaption className="chart-legend" aria-hidden="true">
          <span className="legend-main">{compare.mainName}</span>
          <span className="legend-compare">{compare.name}</span>
        </figcaption>
      )}
    </figure>
  );
}
