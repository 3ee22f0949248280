// Bulk re-date (issue 12 §3): the combined effect of moving several bills (nothing written), and
// recording the moves as one decision per bill in one write transaction (all or none).
import type { BillMove } from '../../core/forecast/impact.ts';
import { moveProblems, previewMoves } from '../../core/forecast/scenario-moves.ts';
import type { MovesPreview, RecordedMoves } from '../../core/forecast/scenario-view.ts';
import { defaultHygieneThresholds, type HygieneThresholds } from '../../core/hygiene/codes.ts';
import { CodedError } from '../../core/result.ts';
import type { Db } from '../db/open.ts';
import { recordDecision } from '../db/repositories/decisions.ts';
import type { Scope } from '../db/scope.ts';
import { writeTransaction } from '../db/transaction.ts';
import { billDecisionProblem } from './console.ts';
import { forecastParts } from './forecast.ts';
import { recomputeTray } from './tray/recompute.ts';

/** An error's message as a clause of a longer line: no capital, no full stop. */
const sentence = (e: CodedError): string =>
  e.message.charAt(0).toLowerCase() + e.message.slice(1).replace(/\.$/, '');

function preview(db: Db, s: Scope, moves: readonly BillMove[], now: Date): MovesPreview {
  const parts = forecastParts(db, s, now);
  const problems = moveProblems(parts.input, moves);
  if (problems.length > 0) throw new CodedError('INVALID_INPUT', `${problems.join('; ')}.`);
  return {
    businessId: s.businessId,
    homeCurrency: parts.homeCurrency,
    ...previewMoves(parts.input, moves),
  };
}

/** What moving these bills would do; bills not open in the forecast are named in `unknownBillIds`. */
export function previewBillMoves(
  db: Db,
  s: Scope,
  moves: readonly BillMove[],
  now: Date,
): MovesPreview {
  return preview(db, s, moves, now);
}

/**
 * One decision per bill: pay now, or a delay to the day the move puts it on. Any bill that cannot take
 * a decision (not open in the forecast, paid, deleted, no vendor or due date) refuses them all, each
 * named, with nothing recorded.
 */
export function recordBillMoves(
  db: Db,
  s: Scope,
  moves: readonly BillMove[],
  note: string | null,
  now: Date,
  t: HygieneThresholds = defaultHygieneThresholds,
): RecordedMoves {
  // Checked inside the write transaction, so a sync finishing meanwhile cannot slip in between.
  return writeTransaction(db, () => {
    const impact = preview(db, s, moves, now);
    const refused = [
      ...impact.unknownBillIds.map((id) => {
        const why = billDecisionProblem(db, s, id);
        return why ? sentence(why) : `bill ${id} is not in the client's forecast`;
      }),
      ...impact.moved
        .map((m) => billDecisionProblem(db, s, m.billId))
        .filter((p): p is CodedError => p !== null)
        .map(sentence),
    ];
    if (refused.length > 0)
      throw new CodedError('INVALID_INPUT', `Nothing recorded: ${refused.join('; ')}.`);
    const byBill = new Map(moves.map((m) => [m.billId, m]));
    const recorded = impact.moved.map((m) => {
      const payNow = byBill.get(m.billId)!.to === 'pay-now';
      const plannedDate = payNow ? null : m.toDate;
      const decisionId = recordDecision(db, s, {
        billQboId: m.billId,
        action: payNow ? 'pay_now' : 'delay',
        plannedDate,
        note,
        decidedBy: s.advisorId,
        now: now.toISOString(),
      });
      return { billId: m.billId, decisionId, action: payNow ? 'pay_now' : 'delay', plannedDate };
    }) satisfies RecordedMoves['recorded'];
    recomputeTray(db, s, now, t);
    return { recorded, impact };
  });
}
