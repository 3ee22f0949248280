import type { ProjectedWeek } from '../../../core/runway/runway.ts';
import { money } from '../format.ts';

/** The 13-week projected closing balance as bars; below zero in red. */
export function CashChart({ weeks, currency }: { weeks: ProjectedWeek[]; currency: string }) {
  const width = 640;
  const height = 160;
  const max = Math.max(1, ...weeks.map((w) => Math.abs(w.closingCents)));
  const zeroY = weeks.some((w) => w.closingCents < 0) ? height / 2 : height - 16;
  const scale = (zeroY - 8) / max;
  const barW = width / Math.max(1, weeks.length) - 6;
  return (
    <svg
      className="chart"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label="13-week projected cash"
    >
      <line x1={0} x2={width} y1={zeroY} y2={zeroY} stroke="#9aa3b2" />
      {weeks.map((w, i) => {
        const h = Math.abs(w.closingCents) * scale;
        const y = w.closingCents >= 0 ? zeroY - h : zeroY;
        return (
          <g key={w.week}>
            <rect
              x={i * (barW + 6) + 3}
              y={y}
              width={barW}
              height={Math.max(1, h)}
              fill={w.closingCents < 0 ? '#c0392b' : '#2e86c1'}
            >
              <title>{`Week ${w.week} (from ${w.startsOn}): ${money(w.closingCents, currency)}`}</title>
            </rect>
            <text
              x={i * (barW + 6) + 3 + barW / 2}
              y={height - 2}
              fontSize="10"
              textAnchor="middle"
              fill="#5b6474"
            >
              {`W${w.week}`}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
