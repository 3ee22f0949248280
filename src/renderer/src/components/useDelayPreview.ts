// A bill's "Delay to …" impact for the date in its field: console:list computed it for the default date;
// another date asks console:preview-moves for that one bill (nothing written), after a pause in typing.
import { useEffect, useState } from 'react';
import type { ConsoleBill } from '../../../core/advisor-work.ts';
import type { DayImpact } from '../../../core/forecast/view.ts';
import { call } from '../lib/call.ts';
import { dayImpactOfPreview } from '../move-words.ts';

const previewDelayMs = 250;

export type DelayPreview =
  | { state: 'ready'; date: string; impact: DayImpact | undefined }
  | { state: 'working'; date: string }
  | { state: 'problem'; text: string };

export function useDelayPreview(
  businessId: string,
  bill: ConsoleBill,
  date: string,
  today: string,
): DelayPreview {
  const isDefault = date === bill.delayTo;
  const problem =
    date === ''
      ? 'Pick the date to delay it to.'
      : date < today
        ? 'Pick today or a later date.'
        : undefined;
  // The answer is for one date against one console view (a new view, after a decision, asks again).
  const view = bill.dayImpact;
  const [answer, setAnswer] = useState<{
    date: string;
    view: typeof view;
    impact?: DayImpact;
    error?: string;
  }>();
  useEffect(() => {
    if (isDefault || problem) return;
    let current = true;
    const timer = setTimeout(() => {
      void call('console:preview-moves', {
        businessId,
        moves: [{ billId: bill.qboId, to: 'date', date }],
      }).then((r) => {
        if (!current) return;
        setAnswer(
          r.value
            ? { date, view, impact: dayImpactOfPreview(r.value) }
            : { date, view, error: r.error },
        );
      });
    }, previewDelayMs);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [businessId, bill.qboId, date, isDefault, problem, view]);
  if (problem) return { state: 'problem', text: problem };
  if (isDefault) return { state: 'ready', date, impact: bill.dayImpact?.delay };
  if (answer?.date !== date || answer.view !== view) return { state: 'working', date };
  if (answer.error) return { state: 'problem', text: answer.error };
  return { state: 'ready', date, impact: answer.impact };
}
