// A stored instant (ISO) as the advisor reads it, in their own time zone: "Jun 3, 2024, 12:00 PM".
const f = new Intl.DateTimeFormat('en-US', {
  month: 'short',
  day: 'numeric',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
});

export const moment = (iso: string): string => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : f.format(d);
};
