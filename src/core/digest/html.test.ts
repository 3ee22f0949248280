import { describe, expect, it } from 'vitest';
import { renderDigestHtml } from './html.ts';
import type { DigestModel } from './model.ts';

const model = (over: Partial<DigestModel>): DigestModel => ({
  businessId: 'b1',
  clientName: 'Acme',
  homeCurrency: 'USD',
  generatedAt: '2026-11-26T10:00:00.000Z',
  today: '2026-11-26',
  cashCents: 100_000,
  weeklyBurnCents: 10_000,
  runwayWeeks: 9,
  confidence: 1,
  change: null,
  weeks: [],
  openItems: { high: 0, medium: 0, low: 0 },
  attention: { hygiene: [], billsToDecide: [], callsToMake: [] },
  ...over,
});

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
              runwayIfPaidNow: 9,
              delayTo: '2026-12-04',
              runwayIfDelayed: 9,
              flags: [],
            },
          ],
          callsToMake: [],
        },
      }),
    );
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});
