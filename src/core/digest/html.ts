// The digest as one self-contained HTML page (inline CSS and SVG, no script, no external asset), fit for
// a browser, an e-mail attachment and Chromium's PDF printer (Letter or A4 as the model says, page breaks
// avoided inside table rows). Every code the data carries is shown as words (src/core/words.ts).
import { horizonDays } from '../forecast/projection.ts';
import type { DayImpact } from '../forecast/view.ts';
import { localDay } from '../dates.ts';
import { writeDay, writeDaysIn } from '../date-format.ts';
import { defaultSettings, type DateFormat } from '../settings.ts';
import { formatMoney } from '../mirror/money.ts';
import {
  bucketWords,
  callOutcomeText,
  codeTitle,
  decisionActionWords,
  fixStateWords,
} from '../words.ts';
import { cashChartSvg } from './chart.ts';
import { confidenceWords } from './confidence.ts';
import type { DigestChange, DigestModel, Paper } from './model.ts';

export const escapeHtml = (s: string): string =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** An instant as the advisor's local day (in their date format) and "HH:MM". */
export function localStamp(iso: string, format: DateFormat = defaultSettings.dateFormat): string {
  const at = new Date(iso);
  const hh = String(at.getHours()).padStart(2, '0');
  const mm = String(at.getMinutes()).padStart(2, '0');
  return `${writeDay(localDay(at), format)} ${hh}:${mm}`;
}

const sourceWords: Record<DigestModel['books']['environment'], string> = {
  production: 'QuickBooks',
  sandbox: 'the QuickBooks sandbox',
  custom: 'a QuickBooks test server',
};

export function booksAsOfText(
  b: DigestModel['books'],
  format: DateFormat = defaultSettings.dateFormat,
): string {
  return b.syncedAt === null
    ? `Never synced from ${sourceWords[b.environment]}: these books hold no QuickBooks data yet.`
    : `Books as of ${localStamp(b.syncedAt, format)}, synced from ${sourceWords[b.environment]}.`;
}

/** Runway in days; "91+ days" when no day of the horizon is below zero. */
export const runwayText = (days: number | null): string =>
  days === null ? `${horizonDays}+ days` : days === 0 ? 'Below zero today' : plural(days, 'day');

const signed = (cents: number, currency: string) =>
  `${cents >= 0 ? '+' : '−'}${formatMoney(Math.abs(cents), currency)}`;

/** An amount with a true minus sign, as the chart's axis writes it. */
export const money = (cents: number, currency: string): string =>
  cents < 0 ? `−${formatMoney(-cents, currency)}` : formatMoney(cents, currency);

function runwayChangeText(r: NonNullable<DigestChange['runwayDays']>): string {
  if (r.before !== null && r.now !== null) {
    const d = r.now - r.before;
    return d === 0
      ? 'runway unchanged'
      : `runway ${d > 0 ? '+' : '−'}${plural(Math.abs(d), 'day')}`;
  }
  if (r.before === null && r.now === null) return 'still no day below zero';
  if (r.before === null) return `runway now ${plural(r.now!, 'day')} (no day below zero then)`;
  return `no day below zero now (runway was ${plural(r.before, 'day')})`;
}

export function changeText(
  d: Pick<DigestModel, 'change' | 'homeCurrency'> & { dateFormat?: DateFormat },
): string {
  if (!d.change) return 'First digest for this client: next week’s will show what changed.';
  const c = d.change;
  const parts = [
    c.cashCents === 0 ? 'cash unchanged' : `${signed(c.cashCents, d.homeCurrency)} cash`,
  ];
  if (c.runwayDays) parts.push(runwayChangeText(c.runwayDays));
  if (c.lowestCents !== null)
    parts.push(
      c.lowestCents === 0
        ? 'lowest point unchanged'
        : `lowest point ${signed(c.lowestCents, d.homeCurrency)}`,
    );
  return `Since the digest of ${writeDay(localDay(new Date(c.since)), d.dateFormat)}: ${parts.join(', ')}.`;
}

/** What one move does, by the day: "Lowest −$1,196.13 · runway −2 days", or "No change". */
export function impactText(
  i: DayImpact,
  currency: string,
  format: DateFormat = defaultSettings.dateFormat,
): string {
  const parts: string[] = [];
  if (i.lowestChangeCents !== 0) parts.push(`Lowest ${signed(i.lowestChangeCents, currency)}`);
  if (i.runwayChangeDays !== null && i.runwayChangeDays !== 0)
    parts.push(
      `runway ${i.runwayChangeDays > 0 ? '+' : '−'}${plural(Math.abs(i.runwayChangeDays), 'day')}`,
    );
  // The days the move changes, whose low moves even when the overall low (often at the end) does not.
  const m = i.meantime;
  if (m && m.lowestAfter.cashCents !== m.lowestBefore.cashCents)
    parts.push(
      `low until ${writeDay(m.until, format)} ${signed(m.lowestAfter.cashCents - m.lowestBefore.cashCents, currency)}`,
    );
  return parts.length === 0 ? 'No change' : parts.join(' · ');
}

const pageSize: Record<Paper, string> = { letter: 'letter', a4: 'A4' };

const css = (paper: Paper) => `
*{box-sizing:border-box}
body{font-family:-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#111827;margin:0;background:#fff;font-size:13px;line-height:1.45}
main{max-width:760px;margin:0 auto;padding:28px 32px}
header{display:flex;justify-content:space-between;align-items:baseline;gap:12px;border-bottom:2px solid #1e3a8a;padding-bottom:8px}
h1{font-size:22px;margin:0}
.sub{color:#6b7280;font-size:12px}
.asof{color:#374151;font-size:12px;margin:6px 0 0}
.asof.never{color:#991b1b;font-weight:600}
.figures{display:flex;gap:10px;margin:16px 0 6px}
.figure{flex:1 1 0;min-width:0;border:1px solid #e5e7eb;border-radius:8px;padding:9px 10px}
.figure.money{flex-grow:1.3}
.figure .label{color:#6b7280;font-size:11px;text-transform:uppercase;letter-spacing:.04em}
.figure .value{font-size:17px;font-weight:600;margin-top:2px;overflow-wrap:anywhere}
.figure .value.bad{color:#b91c1c}
.change{color:#374151;margin:6px 0 14px}
h2{font-size:15px;margin:22px 0 8px;color:#1e3a8a;page-break-after:avoid}
h3{font-size:13px;margin:14px 0 6px;color:#374151;page-break-after:avoid}
table{width:100%;border-collapse:collapse;page-break-inside:auto}
tr{page-break-inside:avoid}
th,td{text-align:left;padding:5px 6px;border-bottom:1px solid #e5e7eb;vertical-align:top}
th{font-size:11px;color:#6b7280;text-transform:uppercase;letter-spacing:.03em;font-weight:600}
td.num,th.num{text-align:right;white-space:nowrap}
.nw{white-space:nowrap}
th.impact{width:21%}
.sev{display:inline-block;border-radius:4px;padding:0 6px;font-size:11px;font-weight:600}
.sev.high{background:#fee2e2;color:#991b1b}.sev.medium{background:#fef3c7;color:#92400e}.sev.low{background:#e0e7ff;color:#3730a3}
.none{color:#6b7280;font-style:italic}
.chart{border:1px solid #e5e7eb;border-radius:8px;padding:8px;page-break-inside:avoid}
.note{color:#6b7280;font-size:12px;margin:6px 0 0}
footer{margin-top:26px;color:#6b7280;font-size:11px;border-top:1px solid #e5e7eb;padding-top:8px}
@page{size:${pageSize[paper]};margin:14mm 12mm}
@media print{main{padding:0;max-width:none}}
`;

export function renderDigestHtml(d: DigestModel): string {
  const e = escapeHtml;
  // Currency codes come from QBO data: escaped like every other value taken from the books.
  const m = (c: number | null, cur = d.homeCurrency) => (c === null ? '–' : e(money(c, cur)));
  const f = d.dateFormat ?? defaultSettings.dateFormat;
  // A calendar day, and the local day of an instant, both in the advisor's date format.
  const cal = (day: string) => e(writeDay(day, f));
  const day = (iso: string) => cal(localDay(new Date(iso)));
  const conf = confidenceWords(d.confidence);
  const hygieneRows = d.attention.hygiene
    .map(
      (h) =>
        `<tr><td><span class="sev ${e(h.severity)}">${e(h.severity)}</span></td><td>${e(writeDaysIn(h.title, f))}<div class="sub">${e(codeTitle(h.code))}</div></td><td class="num">${m(h.amountCents, h.currency)}</td></tr>`,
    )
    .join('');
  const billRows = d.attention.billsToDecide
    .map(
      (b) =>
        `<tr><td>${e(b.vendorName ?? '–')}<div class="sub">Bill ${e(b.docNumber ? `#${b.docNumber}` : b.qboId)}${b.flags.length ? ` · ${e(b.flags.map(codeTitle).join(', '))}` : ''}</div></td>` +
        `<td>${cal(b.dueDate)}${b.group === 'overdue' ? ' <span class="sev high">overdue</span>' : ''}</td>` +
        `<td class="num">${m(b.balanceCents, b.currency)}</td>` +
        `<td>${b.impact ? `${e(impactText(b.impact.payNow, d.homeCurrency, f))}<div class="sub">lowest then <span class="nw">${m(b.impact.payNow.lowestAfterCents)}</span></div>` : '–'}</td>` +
        `<td>${b.impact ? e(impactText(b.impact.delay, d.homeCurrency, f)) : '–'}<div class="sub">to <span class="nw">${cal(b.delayTo)}</span></div></td></tr>`,
    )
    .join('');
  const callRows = d.attention.callsToMake
    .map(
      (c) =>
        `<tr><td>${e(c.customerName ?? '–')}<div class="sub">Invoice ${e(c.docNumber ? `#${c.docNumber}` : c.invoiceQboId)}</div></td><td class="num">${plural(c.daysOverdue, 'day')}<div class="sub">${e(bucketWords[c.bucket] ?? '')}</div></td><td class="num">${m(c.balanceCents, c.currency)}</td><td>${c.lastCall ? `${e(callOutcomeText(c.lastCall.outcome))}<div class="sub">${day(c.lastCall.calledAt)}</div>` : 'Never called'}</td></tr>`,
    )
    .join('');
  const w = d.week;
  const decisionRows = w.decisions
    .map(
      (x) =>
        `<tr><td>${e(x.vendorName ?? '–')}<div class="sub">Bill ${e(x.docNumber ? `#${x.docNumber}` : x.billQboId)}</div></td><td>${e(decisionActionWords[x.action] ?? x.action)}${x.plannedDate ? ` to <span class="nw">${cal(x.plannedDate)}</span>` : ''}${x.replaced ? '<div class="sub">changed later</div>' : ''}</td><td class="num">${day(x.decidedAt)}</td></tr>`,
    )
    .join('');
  const weekCallRows = w.calls
    .map(
      (x) =>
        `<tr><td>${e(x.customerName ?? '–')}<div class="sub">Invoice ${e(x.docNumber ? `#${x.docNumber}` : x.invoiceQboId)}</div></td><td>${e(callOutcomeText(x.outcome))}</td><td>${x.promisedDate ? cal(x.promisedDate) : '–'}</td><td class="num">${day(x.calledAt)}</td></tr>`,
    )
    .join('');
  const fixRows = w.fixes
    .map(
      (x) =>
        `<tr><td>${e(writeDaysIn(x.summary, f).replace(/^\w/, (ch) => ch.toUpperCase()))}</td><td>${e(fixStateWords[x.state] ?? x.state)}${x.reason && x.state !== 'applied' ? `<div class="sub">${e(x.reason)}</div>` : ''}</td><td class="num">${day(x.updatedAt)}</td></tr>`,
    )
    .join('');
  const table = (head: string, rows: string) =>
    `<table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`;
  const section = (title: string, head: string, rows: string, empty: string) =>
    `<h2>${title}</h2>${rows ? table(head, rows) : `<p class="none">${empty}</p>`}`;
  const sub = (title: string, head: string, rows: string) =>
    rows ? `<h3>${title}</h3>${table(head, rows)}` : '';
  const weekRange = `${day(w.from)} – ${day(w.to)}`;
  const weekBody =
    decisionRows || weekCallRows || fixRows
      ? sub(
          `Decisions recorded (${w.decisions.length})`,
          '<th>Bill</th><th>Decision</th><th class="num">Recorded</th>',
          decisionRows,
        ) +
        sub(
          `Collection calls logged (${w.calls.length})`,
          '<th>Customer</th><th>Outcome</th><th>Promised for</th><th class="num">Called</th>',
          weekCallRows,
        ) +
        sub(
          `Fixes sent to QuickBooks (${w.fixes.length})`,
          '<th>Fix</th><th>Where it stands</th><th class="num">Last change</th>',
          fixRows,
        )
      : '<p class="none">No decision, call or fix was recorded in these 7 days.</p>';
  const runwaySub =
    d.firstBelowZero === null
      ? 'no day below zero in the 13 weeks ahead'
      : `cash below zero on ${cal(d.firstBelowZero)}`;
  const scenario = d.scenario
    ? `<p class="note">Scenario “${e(d.scenario.name)}”: runway ${e(runwayText(d.scenario.runwayDays))} (as things stand ${e(runwayText(d.runwayDays))}), lowest ${m(d.scenario.lowest.cashCents)} on ${cal(d.scenario.lowest.date)} (as things stand ${m(d.lowest.cashCents)} on ${cal(d.lowest.date)}).</p>`
    : '';
  const asOf = booksAsOfText(d.books, f);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${e(d.clientName)} — weekly digest ${cal(d.today)}</title><style>${css(d.paper)}</style></head>
<body><main>
<header><h1>${e(d.clientName)}</h1><div class="sub">Weekly digest · ${cal(d.today)}</div></header>
<p class="asof${d.books.syncedAt === null ? ' never' : ''}">${e(asOf)}</p>
<section class="figures">
<div class="figure money"><div class="label">Cash today</div><div class="value">${m(d.cashCents)}</div></div>
<div class="figure"><div class="label">Runway</div><div class="value${d.runwayDays !== null ? ' bad' : ''}">${e(runwayText(d.runwayDays))}</div><div class="sub">${runwaySub}</div></div>
<div class="figure money"><div class="label">Lowest point</div><div class="value${d.lowest.cashCents < 0 ? ' bad' : ''}">${m(d.lowest.cashCents)}</div><div class="sub">on ${cal(d.lowest.date)}</div></div>
<div class="figure"><div class="label">Confidence</div><div class="value">${e(conf.level)}</div><div class="sub">${e(conf.headline.slice(conf.level.length + 2))}</div></div>
<div class="figure"><div class="label">Open items</div><div class="value">${d.openItems.high + d.openItems.medium + d.openItems.low}</div><div class="sub">${d.openItems.high} high · ${d.openItems.medium} medium · ${d.openItems.low} low</div></div>
</section>
<p class="change">${e(changeText({ ...d, dateFormat: f }))}</p>
${scenario}
<h2>Projected cash, day by day for 13 weeks</h2>
<div class="chart">${cashChartSvg(d.projection, d.lowest, d.homeCurrency, f)}</div>
<p class="note">${e(conf.headline)}. ${e(conf.detail)}</p>
${section('Bills to decide this week', '<th>Vendor</th><th>Due</th><th class="num">Amount</th><th class="impact">If paid now</th><th class="impact">If delayed</th>', billRows, 'No overdue or due-this-week bill is waiting for a decision.')}
${section('Calls to make', '<th>Customer</th><th class="num">Overdue</th><th class="num">Balance</th><th>Last call</th>', callRows, 'No collection call is due.')}
<h2>This week’s work <span class="sub">${weekRange}</span></h2>
${weekBody}
${section('Books to fix first', '<th>Severity</th><th>What</th><th class="num">Amount</th>', hygieneRows, 'The tray is empty.')}
<footer>Built by RowCol from the local copy of the QuickBooks books on ${e(localStamp(d.generatedAt, f))}. ${e(asOf)} Decisions are a plan: QuickBooks moves no money.</footer>
</main></body></html>
`;
}
