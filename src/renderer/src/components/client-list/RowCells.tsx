// One row of the client list: the health dot (or the ring of a client never synced), the name on one
// line, cash, runway in days, the lowest point, confidence in words, open items, bills due, overdue
// receivables and the last sync (or what the connection needs). Every text keeps to its cell with an
// ellipsis and its whole text in a title.
import type { ClientOverview } from '../../../../core/advisor-work.ts';
import {
  confidenceText,
  healthLabel,
  runwayDetail,
  runwayText,
  syncCell,
} from '../../client-words.ts';
import { shortDate, wholeMoney } from '../../format.ts';

/** A cell's text, kept on one line, with the whole text in its title when it does not fit. */
function Text({ text, title, className }: { text: string; title?: string; className?: string }) {
  return (
    <span className={`cl-text ${className ?? ''}`} title={title ?? text}>
      {text}
    </span>
  );
}

/** The most severe open items in words ("2 high"), the others as "+5" (each severity in the title). */
function Items({ c }: { c: ClientOverview }) {
  const o = c.openItems;
  const all = o.high + o.medium + o.low;
  if (all === 0) return <span className="cl-none">None</span>;
  const top = (['high', 'medium', 'low'] as const).find((s) => o[s] > 0)!;
  const rest = all - o[top];
  const title = `${o.high} high, ${o.medium} medium, ${o.low} low`;
  return (
    <span className="cl-items" title={title}>
      <span className={`pill pill-${top}`} aria-hidden="true">
        {o[top]} {top === 'medium' ? 'med' : top}
      </span>
      {rest > 0 && (
        <span className="pill pill-rest" aria-hidden="true">
          +{rest}
        </span>
      )}
      <span className="visually-hidden">{title}</span>
    </span>
  );
}

/** "2 · $4,310", or None. */
function Counted({
  n,
  currency,
  what,
}: {
  n: { count: number; cents: number };
  currency: string;
  what: string;
}) {
  if (n.count === 0) return <span className="cl-none">None</span>;
  const text = `${n.count} · ${wholeMoney(n.cents, currency)}`;
  return <Text text={text} title={`${n.count} ${what}, ${wholeMoney(n.cents, currency)}`} />;
}

export function RowCells({ c, now }: { c: ClientOverview; now: Date }) {
  const f = c.figures;
  const cur = c.homeCurrency;
  const none = (
    <span className="cl-none">
      <span aria-hidden="true">—</span>
      <span className="visually-hidden">none</span>
    </span>
  );
  const sync = syncCell(c, now);
  const reasons = c.healthReasons.join('; ');
  return (
    <>
      <td className="cl-name">
        <span className="cl-name-inner">
          {f ? (
            <span
              className={`cl-health cl-health-${c.health}`}
              role="img"
              aria-label={healthLabel[c.health]}
              title={`${healthLabel[c.health]}${reasons ? `: ${reasons}` : ''}`}
            />
          ) : (
            <span
              className="cl-health cl-health-unsynced"
              role="img"
              aria-label="Not synced yet"
              title="Not synced yet: its books come in at the first sync"
            />
          )}
          <Text text={c.displayName} />
          {c.tags.length > 0 && (
            <span className="cl-tag" title={`Tags: ${c.tags.join(', ')}`}>
              {c.tags[0]}
              {c.tags.length > 1 ? ` +${c.tags.length - 1}` : ''}
            </span>
          )}
        </span>
      </td>
      {f ? (
        <>
          <td className="num">
            <Text
              text={wholeMoney(f.cashCents, cur)}
              className={f.cashCents < 0 ? 'negative' : ''}
            />
          </td>
          <td className="num">
            <Text
              text={runwayText(f)}
              title={runwayDetail(f)}
              className={f.runwayDays !== null && f.runwayDays < 28 ? 'negative' : ''}
            />
          </td>
          <td className="num">
            <Text
              text={`${wholeMoney(f.lowest.cashCents, cur)} · ${shortDate(f.lowest.date)}`}
              title={`Lowest ${wholeMoney(f.lowest.cashCents, cur)} on ${shortDate(f.lowest.date)}`}
              className={f.lowest.cashCents < 0 ? 'negative' : ''}
            />
          </td>
          <td>
            <Text
              text={confidenceText(f).level}
              title={confidenceText(f).detail}
              className={`cl-level cl-level-${confidenceText(f).level.toLowerCase()}`}
            />
          </td>
        </>
      ) : (
        <td colSpan={4} className="cl-unsynced">
          <Text text="Not synced yet: no numbers until its first sync" />
        </td>
      )}
      <td>
        <Items c={c} />
      </td>
      <td className="num cl-opt">
        {f ? (
          <Counted n={f.billsDueThisWeek} currency={cur} what="bill(s) due in the next 7 days" />
        ) : (
          none
        )}
      </td>
      <td className="num cl-opt">
        {f ? <Counted n={f.overdueReceivables} currency={cur} what="invoice(s) past due" /> : none}
      </td>
      <td>
        <Text
          text={sync.text}
          title={c.syncProblem ? `${sync.text}: ${c.syncProblem.message}` : sync.text}
          className={`cl-sync cl-sync-${sync.tone}`}
        />
      </td>
    </>
  );
}
