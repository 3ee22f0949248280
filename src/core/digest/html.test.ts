import { describe, expect, it } from 'vitest';
import { callOutcomes, type CollectionBucket, type DecisionAction } from '../advisor-work.ts';
import { fixStates } from '../fixes.ts';
import { hygieneCodes } from '../hygiene/codes.ts';
import { booksAsOfText, changeText, impactText, localStamp, renderDigestHtml } from './html.ts';
import type { DigestModel } from './model.ts';

const projection = Array.from({ length: 91 }, (_, k) => ({
  date: new Date(Date.UTC(2026, 10, 26 + k)).toISOString().slice(0, 10),
  cashCents: 100_000 - k * 1_500,
  inCents: 0,
  outCents: 1_500,
}));

const model = (over: Partial<DigestModel>): DigestModel => ({
  businessId: 'b1',
  clientName: 'Acme',
  homeCurrency: 'USD',
  generatedAt: '2026-11-26T10:00:00.000Z',
  today: '2026-11-26',
  paper: 'letter',
  dateFormat: 'YYYY-MM-DD',
  books: { syncedAt: '2026-11-26T09:30:00.000Z', environment: 'production' },
  cashCents: 100_000,
  runwayDays: 67,
  lowest: { date: projection[90]!.date, cashCents: projection[90]!.cashCents },
  firstBelowZero: projection[67]!.date,
  confidence: { flaggedShare: 0.03, habitShare: 0.2, recurringShare: 0.05 },
  projection,
  change: null,
  scenario: null,
  openItems: { high: 0, medium: 0, low: 0 },
  attention: { hygiene: [], billsToDecide: [], callsToMake: [] },
  week: {
    from: '2026-11-19T10:00:00.000Z',
    to: '2026-11-26T10:00:00.000Z',
    decisions: [],
    calls: [],
    fixes: [],
  },
  ...over,
});

const noImpact = {
  lowestChangeCents: 0,
  runwayChangeDays: null,
  lowestAfterCents: 0,
  lowestAfterDate: '2026-12-22',
  runwayAfterDays: null,
  meantime: null,
};

describe('the digest page', () => {
  it('escapes every value that comes from the books, currency codes included', () => {
    const evil = '<img src=x onerror=alert(1)>';
    const html = renderDigestHtml(
      model({
        clientName: `Bakery ${evil}`,
        homeCurrency: evil,
        attention: {
          hygiene: [
            {
              code: 'ZERO_AMOUNT',
              severity: 'medium',
              title: evil,
              amountCents: 500,
              currency: evil,
            },
          ],
          billsToDecide: [
            {
              qboId: '1',
              docNumber: evil,
              vendorName: evil,
              dueDate: '2026-11-20',
              balanceCents: 100,
              currency: evil,
              group: 'overdue',
              delayTo: '2026-12-04',
              flags: [],
              impact: null,
            },
          ],
          callsToMake: [],
        },
        week: {
          from: '2026-11-19T10:00:00.000Z',
          to: '2026-11-26T10:00:00.000Z',
          decisions: [
            {
              billQboId: '1',
              vendorName: evil,
              docNumber: evil,
              action: 'hold',
              plannedDate: null,
              decidedAt: '2026-11-25T10:00:00.000Z',
              replaced: false,
            },
          ],
          calls: [
            {
              invoiceQboId: '2',
              customerName: evil,
              docNumber: evil,
              outcome: evil,
              promisedDate: null,
              calledAt: '2026-11-25T10:00:00.000Z',
            },
          ],
          fixes: [
            {
              id: 1,
              summary: evil,
              state: 'failed',
              reason: evil,
              updatedAt: '2026-11-25T10:00:00.000Z',
            },
          ],
        },
      }),
    );
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('shows every code the data can carry as words, never as the code', () => {
    const buckets: CollectionBucket[] = ['30', '60', '90+'];
    const actions: DecisionAction[] = ['pay_now', 'delay', 'hold'];
    const at = '2026-11-25T10:00:00.000Z';
    const html = renderDigestHtml(
      model({
        attention: {
          hygiene: hygieneCodes.map((code) => ({
            code,
            severity: 'high',
            title: 'a finding',
            amountCents: 1,
            currency: 'USD',
          })),
          billsToDecide: [
            {
              qboId: '1',
              docNumber: null,
              vendorName: 'V',
              dueDate: '2026-11-20',
              balanceCents: 100,
              currency: 'USD',
              group: 'overdue',
              delayTo: '2026-12-04',
              flags: hygieneCodes,
              impact: { payNow: noImpact, delay: noImpact },
            },
            {
              qboId: '2',
              docNumber: null,
              vendorName: 'V',
              dueDate: '2026-11-28',
              balanceCents: 100,
              currency: 'USD',
              group: 'this_week',
              delayTo: '2026-12-04',
              flags: [],
              impact: null,
            },
          ],
          callsToMake: callOutcomes.map((outcome, i) => ({
            invoiceQboId: String(i),
            docNumber: null,
            customerName: 'C',
            daysOverdue: 40,
            bucket: buckets[i % 3]!,
            balanceCents: 100,
            currency: 'USD',
            lastCall: { outcome, calledAt: at, promisedDate: null, followUpOn: null, note: null },
          })),
        },
        week: {
          from: '2026-11-19T10:00:00.000Z',
          to: '2026-11-26T10:00:00.000Z',
          decisions: actions.map((action) => ({
            billQboId: '1',
            vendorName: 'V',
            docNumber: null,
            action,
            plannedDate: action === 'delay' ? '2026-12-10' : null,
            decidedAt: at,
            replaced: false,
          })),
          calls: callOutcomes.map((outcome) => ({
            invoiceQboId: '9',
            customerName: 'C',
            docNumber: null,
            outcome,
            promisedDate: null,
            calledAt: at,
          })),
          fixes: fixStates.map((state, id) => ({
            id,
            summary: 'set due date on bill 1',
            state,
            reason: null,
            updatedAt: at,
          })),
        },
      }),
    );
    expect(html).not.toMatch(/\b[A-Z]{2,}(?:_[A-Z0-9]+)+\b/);
    expect(html).not.toMatch(/\b[a-z0-9]+(?:_[a-z0-9]+)+\b/);
    const text = html.replace(/<[^>]+>/g, '');
    for (const words of [
      'Paid outside QBO',
      'Reconnect this client to QuickBooks',
      'Left a message',
      'Says it is paid',
      '90 days or more late',
      'Delay to 2026-12-10',
      'Pay now',
      'Conflict: changed in QuickBooks too',
      'Sent, no answer yet',
    ])
      expect(text).toContain(words);
  });

  it('prints the books’ as-of time in local time, or says they never synced', () => {
    const syncedAt = new Date(2026, 10, 30, 14, 2).toISOString();
    expect(booksAsOfText({ syncedAt, environment: 'production' }, 'YYYY-MM-DD')).toBe(
      'Books as of 2026-11-30 14:02, synced from QuickBooks.',
    );
    expect(booksAsOfText({ syncedAt, environment: 'production' }, 'DD/MM/YYYY')).toBe(
      'Books as of 30/11/2026 14:02, synced from QuickBooks.',
    );
    expect(booksAsOfText({ syncedAt: null, environment: 'production' })).toMatch(
      /^Never synced from QuickBooks/,
    );
    expect(localStamp(new Date(2026, 0, 2, 3, 4).toISOString())).toBe('01/02/2026 03:04');
  });

  it('says what changed since the baseline in days and money', () => {
    const since = new Date(2026, 10, 19, 10).toISOString();
    const c = (change: DigestModel['change']) =>
      changeText({ change, homeCurrency: 'USD', dateFormat: 'YYYY-MM-DD' });
    expect(c(null)).toMatch(/^First digest/);
    expect(
      c({ since, cashCents: -12_345, runwayDays: { before: 30, now: 27 }, lowestCents: 50_000 }),
    ).toBe('Since the digest of 2026-11-19: −$123.45 cash, runway −3 days, lowest point +$500.00.');
    expect(c({ since, cashCents: 0, runwayDays: { before: 30, now: 31 }, lowestCents: 0 })).toBe(
      'Since the digest of 2026-11-19: cash unchanged, runway +1 day, lowest point unchanged.',
    );
    expect(
      c({ since, cashCents: 100, runwayDays: { before: null, now: 12 }, lowestCents: -1 }),
    ).toContain('runway now 12 days (no day below zero then)');
    expect(
      c({ since, cashCents: 100, runwayDays: { before: 12, now: null }, lowestCents: 1 }),
    ).toContain('no day below zero now (runway was 12 days)');
    // A baseline saved before the daily forecast: cash only.
    expect(c({ since, cashCents: 100, runwayDays: null, lowestCents: null })).toBe(
      'Since the digest of 2026-11-19: +$1.00 cash.',
    );
  });

  it('says what paying now or delaying does, by the day', () => {
    expect(impactText(noImpact, 'USD')).toBe('No change');
    expect(
      impactText({ ...noImpact, lowestChangeCents: -119_613, runwayChangeDays: -2 }, 'USD'),
    ).toBe('Lowest −$1,196.13 · runway −2 days');
    expect(impactText({ ...noImpact, lowestChangeCents: 5_000, runwayChangeDays: 1 }, 'USD')).toBe(
      'Lowest +$50.00 · runway +1 day',
    );
    const meantime = {
      from: '2026-12-02',
      until: '2026-12-16',
      lowestBefore: { date: '2026-12-10', cashCents: 100_000 },
      lowestAfter: { date: '2026-12-10', cashCents: 72_000 },
    };
    expect(impactText({ ...noImpact, meantime }, 'USD')).toBe('low until 12/16/2026 −$280.00');
    expect(impactText({ ...noImpact, meantime }, 'USD', 'DD/MM/YYYY')).toBe(
      'low until 16/12/2026 −$280.00',
    );
  });

  it('writes every date in the advisor’s date format, the stored titles’ days too', () => {
    const html = renderDigestHtml(
      model({
        dateFormat: 'DD/MM/YYYY',
        attention: {
          ...model({}).attention,
          hygiene: [
            {
              code: 'BILL_OVERDUE_NO_DECISION',
              severity: 'high',
              title: 'Bill #1043 was due 2026-11-02 and has no decision',
              amountCents: 10_000,
              currency: 'USD',
            },
          ],
        },
      }),
    );
    expect(html).toContain('Weekly digest · 26/11/2026');
    expect(html).toContain('on 24/02/2027'); // the lowest point, the 91st day
    expect(html).toContain('was due 02/11/2026');
    expect(html).toContain('26 Nov 2026'); // the chart's first label, in words
    expect(html).not.toMatch(/\b2026-11-26\b/);
  });

  it('shows runway in days, the lowest point and confidence in words', () => {
    const html = renderDigestHtml(model({}));
    expect(html).toContain('>67 days<');
    expect(html).toContain(`cash below zero on ${projection[67]!.date}`);
    expect(html).toContain('>−$350.00<');
    expect(html).toContain(`on ${projection[90]!.date}`);
    expect(html).toContain('>High<');
    expect(html).toContain('High: 8% rests on guesses.');
    expect(html).not.toMatch(/\d+% sure|>\d+%</);
    const never = renderDigestHtml(model({ runwayDays: null, firstBelowZero: null }));
    expect(never).toContain('>91+ days<');
    expect(never).toContain('no day below zero in the 13 weeks ahead');
  });

  it('sets the page size from the model’s paper', () => {
    expect(renderDigestHtml(model({ paper: 'letter' }))).toContain('@page{size:letter;');
    expect(renderDigestHtml(model({ paper: 'a4' }))).toContain('@page{size:A4;');
  });

  it('names the scenario beside the baseline when the model carries one', () => {
    expect(renderDigestHtml(model({}))).not.toContain('Scenario');
    const html = renderDigestHtml(
      model({
        scenario: {
          name: 'Delay rent',
          runwayDays: 80,
          lowest: { date: '2027-02-01', cashCents: 5_000 },
        },
      }),
    );
    expect(html).toMatch(
      /Scenario “Delay rent”: runway 80 days \(as things stand [^)]+\), lowest \$50\.00 on 2027-02-01 \(as things stand [^)]+\)\./,
    );
  });
});
