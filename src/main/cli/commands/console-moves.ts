// `rowcol console --client ID --move BILL[,BILL…] (--by N | --to DATE | --pay-now) [--record]`: the
// bulk re-date. Without --record it shows the combined effect and writes nothing; with --record it keeps
// one decision per bill (all or none). Bills are named by id or picked by the console's groups:
// `overdue`, `due-this-week`, `later`, `all` (mixable: `--move overdue,131`).
import type { ConsoleBill, ConsoleView } from '../../../core/advisor-work.ts';
import type { BillMove } from '../../../core/forecast/impact.ts';
import type { MovesPreview } from '../../../core/forecast/scenario-view.ts';
import { money, requireDay } from '../advisor-format.ts';
import { effectLine } from '../forecast-format.ts';
import { json, table } from '../format.ts';
import { CliFailure, type CliIo } from '../io.ts';
import type { Session } from '../session.ts';

export type MoveOptions = {
  move?: string;
  by?: string;
  to?: string;
  payNow?: boolean;
  record?: boolean;
  note?: string;
  json?: boolean;
};

/** The words `--move` takes for a group of the console's bills. */
const groupWords: Record<string, (v: ConsoleView) => ConsoleBill[]> = {
  overdue: (v) => v.groups.overdue,
  'due-this-week': (v) => v.groups.this_week,
  later: (v) => v.groups.later,
  all: (v) => [...v.groups.overdue, ...v.groups.this_week, ...v.groups.later],
};

type Target = { to: 'pay-now' } | { to: 'date'; date: string } | { to: 'days'; days: number };

/** The one way of moving, from the options, or a one-line usage failure (exit 2). */
export function moveTarget(o: MoveOptions): Target | null {
  const given = [o.by !== undefined, o.to !== undefined, Boolean(o.payNow)].filter(Boolean).length;
  if (o.move === undefined) {
    if (given > 0 || o.record || o.note !== undefined)
      throw new CliFailure(
        '--by, --to, --pay-now, --record and --note go with --move BILL[,BILL…].',
        2,
      );
    return null;
  }
  if (given !== 1)
    throw new CliFailure(
      '--move needs exactly one of --by N (days), --to YYYY-MM-DD, --pay-now.',
      2,
    );
  if (o.payNow) return { to: 'pay-now' };
  if (o.to !== undefined) return { to: 'date', date: requireDay(o.to, '--to') };
  if (!/^[+-]?\d{1,3}$/.test(o.by!) || Number(o.by) === 0 || Math.abs(Number(o.by)) > 366)
    throw new CliFailure(
      `--by must be a number of days from -366 to 366 other than 0, not "${o.by}".`,
      2,
    );
  return { to: 'days', days: Number(o.by) };
}

/** Bill ids in the order given, groups expanded, each once. */
function selectedBills(spec: string, view: ConsoleView): string[] {
  const words = spec
    .split(',')
    .map((w) => w.trim())
    .filter(Boolean);
  if (words.length === 0)
    throw new CliFailure(
      `--move needs bill ids or one of ${Object.keys(groupWords).join(', ')}.`,
      2,
    );
  const ids = new Set<string>();
  for (const w of words) {
    const group = groupWords[w.toLowerCase()];
    if (group) for (const b of group(view)) ids.add(b.qboId);
    else ids.add(w);
  }
  if (ids.size === 0)
    throw new CliFailure(`No open bill of ${view.displayName} matches --move ${spec}.`, 1);
  return [...ids];
}

function howMoved(t: Target): string {
  if (t.to === 'pay-now') return 'paid now';
  if (t.to === 'date') return `moved to ${t.date}`;
  return `moved ${Math.abs(t.days)} day${Math.abs(t.days) === 1 ? '' : 's'} ${t.days > 0 ? 'later' : 'earlier'}`;
}

function printEffect(io: CliIo, p: MovesPreview, view: ConsoleView): void {
  const m = (c: number) => money(c, p.homeCurrency);
  const known = new Map(
    [...view.groups.overdue, ...view.groups.this_week, ...view.groups.later].map((b) => [
      b.qboId,
      b,
    ]),
  );
  if (p.moved.length > 0)
    io.out(
      table(
        ['BILL', 'VENDOR', 'AMOUNT', 'PAID ON NOW', 'MOVED TO'],
        p.moved.map((b) => {
          const c = known.get(b.billId);
          return [
            c?.docNumber ? `${b.billId} #${c.docNumber}` : b.billId,
            c?.vendorName ?? '-',
            m(b.amountCents),
            b.fromDate,
            b.toDate,
          ];
        }),
      ),
    );
  io.out(`${effectLine(p.before, p.after, p.homeCurrency)}\n`);
  if (p.unknownBillIds.length > 0)
    io.out(`Not open bills of this client, left out: ${p.unknownBillIds.join(', ')}\n`);
}

export async function runMoves(
  s: Session,
  io: CliIo,
  businessId: string,
  o: MoveOptions,
  target: Target,
): Promise<void> {
  const view = await s.call('console:list', { businessId });
  const moves = selectedBills(o.move!, view).map((billId) => ({ billId, ...target }) as BillMove);
  if (o.record) {
    const r = await s.call('decisions:record-moves', {
      businessId,
      moves,
      ...(o.note !== undefined ? { note: o.note } : {}),
    });
    if (o.json) return io.out(json(r));
    io.out(
      `Recorded ${r.recorded.length} decision${r.recorded.length === 1 ? '' : 's'} for ${view.displayName}: ${r.recorded.length === 1 ? 'the bill' : 'the bills'} ${howMoved(target)}.\n`,
    );
    return printEffect(io, r.impact, view);
  }
  const p = await s.call('console:preview-moves', { businessId, moves });
  if (o.json) return io.out(json(p));
  io.out(
    `${p.moved.length} bill${p.moved.length === 1 ? '' : 's'} of ${view.displayName} ${howMoved(target)} (nothing recorded yet):\n`,
  );
  printEffect(io, p, view);
  const how =
    target.to === 'pay-now'
      ? '--pay-now'
      : target.to === 'date'
        ? `--to ${target.date}`
        : `--by ${target.days}`;
  if (p.moved.length > 0)
    io.out(
      `To record these as decisions: rowcol console --client ${businessId} --move ${o.move} ${how} --record\n`,
    );
}
