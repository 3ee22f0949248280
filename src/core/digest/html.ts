// The digest as one self-contained HTML page (inline CSS and SVG, no script, no external asset), fit for
// a browser, an e-mail attachment and Chromium's PDF printer (A4/Letter, page breaks avoided in tables).
import { localDay } from '../dates.ts';
import { formatMoney } from '../mirror/money.ts';
import { cashChartSvg } from './chart.ts';
import type { DigestModel } from './model.ts';

export const escapeHtml = (s: string): string =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

const weeksText = (w: number | null) =>
  w === null ? 'unbounded' : `${w} week${w === 1 ? '' : 's'}`;

function changeText(d: DigestModel): string {
  if (!d.change) return 'First digest for this client.';
  const since = localDay(new Date(d.change.since));
  const cash = `${d.change.cashCents >= 0 ? '+' : '−'}${escapeHtml(formatMoney(Math.abs(d.change.cashCents), d.homeCurrency))} cash`;
  let runway: string;
  if (d.change.runwayWeeks !== null)
    runway =
      d.change.runwayWeeks === 0
        ? 'runway unchanged'
        : `runway ${d.change.runwayWeeks > 0 ? '+' : '−'}${Math.abs(d.change.runwayWeeks)} wk`;
  else if (d.runwayWeeks === null && d.change.previousRunwayWeeks === null)
    runway = 'runway still unbounded';
  else runway = `runway was ${weeksText(d.change.previousRunwayWeeks)}`;
  return `Since ${since}: ${cash}, ${runway}.`;
}

const css = `
*{box-sizing:border-box}
body{font-family:-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#111827;margin:0;background:#fff;font-size:13px;line-height:1.45}
main{max-width:760px;margin:0 auto;padding:28px 32px}
header{display:flex;justify-content:space-between;align-items:baseline;border-bottom:2px solid #1e3a8a;padding-bottom:8px}
h1{font-size:22px;margin:0}
.sub{color:#6b7280;font-size:12px}
.figures{display:flex;gap:12px;margin:18px 0 6px}
.figure{flex:1;border:1px solid #e5e7eb;border-radius:8px;padding:10px 12px}
.figure .label{color:#6b7280;font-size:11px;text-transform:uppercase;letter-spacing:.04em}
.figure .value{font-size:20px;font-weight:600;margin-top:2px}
.change{color:#374151;margin:6px 0 14px}
h2{font-size:15px;margin:22px 0 8px;color:#1e3a8a}
table{width:100%;border-collapse:collapse;page-break-inside:auto}
tr{page-break-inside:avoid}
th,td{text-align:left;padding:5px 6px;border-bottom:1px solid #e5e7eb;vertical-align:top}
th{font-size:11px;color:#6b7280;text-transform:uppercase;letter-spacing:.03em;font-weight:600}
td.num,th.num{text-align:right;white-space:nowrap}
.sev{display:inline-block;border-radius:4px;padding:0 6px;font-size:11px;font-weight:600}
.sev.high{background:#fee2e2;color:#991b1b}.sev.medium{background:#fef3c7;color:#92400e}.sev.low{background:#e0e7ff;color:#3730a3}
.none{color:#6b7280;font-style:italic}
.chart{border:1px solid #e5e7eb;border-radius:8px;padding:8px}
footer{margin-top:26px;color:#9ca3af;font-size:11px;border-top:1px solid #e5e7eb;padding-top:8px}
@page{size:A4;margin:14mm}
@media print{main{padding:0}}
`;

export function renderDigestHtml(d: DigestModel): string {
  const e = escapeHtml;
  // Currency codes come from QBO data: escaped like every other value taken from the books.
  const m = (c: number | null, cur = d.homeCurrency) => (c === null ? '–' : e(formatMoney(c, cur)));
  const hygieneRows = d.attention.hygiene
    .map(
      (h) =>
        `<tr><td><span class="sev ${h.severity}">${e(h.severity)}</span></td><td>${e(h.title)}<div class="sub">${e(h.code)}</div></td><td class="num">${m(h.amountCents, h.currency)}</td></tr>`,
    )
    .join('');
  const billRows = d.attention.billsToDecide
    .map(
      (b) =>
        `<tr><td>${e(b.vendorName ?? '–')}<div class="sub">Bill ${e(b.docNumber ? `#${b.docNumber}` : b.qboId)}${b.flags.length ? ` · ${e(b.flags.join(', '))}` : ''}</div></td><td>${e(b.dueDate)}${b.group === 'overdue' ? ' <span class="sev high">overdue</span>' : ''}</td><td class="num">${m(b.balanceCents, b.currency)}</td><td class="num">${e(weeksText(b.runwayIfPaidNow))}</td><td class="num">${e(weeksText(b.runwayIfDelayed))}<div class="sub">to ${e(b.delayTo)}</div></td></tr>`,
    )
    .join('');
  const callRows = d.attention.callsToMake
    .map(
      (c) =>
        `<tr><td>${e(c.customerName ?? '–')}<div class="sub">Invoice ${e(c.docNumber ? `#${c.docNumber}` : c.invoiceQboId)}</div></td><td class="num">${c.daysOverdue} days</td><td>${e(c.bucket)}</td><td class="num">${m(c.balanceCents, c.currency)}</td><td>${c.lastCall ? `${e(c.lastCall.outcome)} ${e(localDay(new Date(c.lastCall.calledAt)))}` : 'never called'}</td></tr>`,
    )
    .join('');
  const section = (title: string, head: string, rows: string, empty: string) =>
    `<h2>${title}</h2>${rows ? `<table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>` : `<p class="none">${empty}</p>`}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${e(d.clientName)} — weekly digest ${e(d.today)}</title><style>${css}</style></head>
<body><main>
<header><h1>${e(d.clientName)}</h1><div class="sub">Weekly digest · ${e(d.today)}</div></header>
<section class="figures">
<div class="figure"><div class="label">Cash</div><div class="value">${m(d.cashCents)}</div></div>
<div class="figure"><div class="label">Runway</div><div class="value">${e(weeksText(d.runwayWeeks))}</div></div>
<div class="figure"><div class="label">Confidence</div><div class="value">${Math.round(d.confidence * 100)}%</div><div class="sub">of projected money in clean records</div></div>
<div class="figure"><div class="label">Open tray items</div><div class="value">${d.openItems.high + d.openItems.medium + d.openItems.low}</div><div class="sub">${d.openItems.high} high · ${d.openItems.medium} medium · ${d.openItems.low} low</div></div>
</section>
<p class="change">${e(changeText(d))} Baseline burn ${m(d.weeklyBurnCents)} a week.</p>
<h2>Projected cash, 13 weeks</h2>
<div class="chart">${cashChartSvg(d.cashCents, d.weeks, d.homeCurrency)}</div>
${section('Bills to decide this week', '<th>Vendor</th><th>Due</th><th class="num">Amount</th><th class="num">Runway if paid now</th><th class="num">If delayed</th>', billRows, 'No overdue or due-this-week bill is waiting for a decision.')}
${section('Calls to make', '<th>Customer</th><th class="num">Overdue</th><th>Bucket</th><th class="num">Balance</th><th>Last call</th>', callRows, 'No collection call is due.')}
${section('Books to fix first', '<th>Severity</th><th>What</th><th class="num">Amount</th>', hygieneRows, 'The tray is empty.')}
<footer>Built by RowCol from the local copy of the QuickBooks books, ${e(d.generatedAt.slice(0, 16).replace('T', ' '))} UTC. Decisions are a plan: QuickBooks moves no money.</footer>
</main></body></html>
`;
}
