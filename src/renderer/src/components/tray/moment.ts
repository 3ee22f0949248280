// A stored instant (ISO) as the advisor reads it, in their own time zone and date format: "12/07/2026, 12:00 PM".
import { localDay } from '../../../../core/dates.ts';
import { longDate } from '../../format.ts';

const clock = new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit' });

export const moment = (iso: string): string => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${longDate(localDay(d))}, ${clock.format(d)}`;
};
