// The daily forecast over books synced from the emulator (issue 12): 91 days from opening cash, the
// advisor's choices about recurring money kept, and recurring money and paying habits detected against
// the emulator's planted truth (precision and recall printed).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/main/runtime/runtime.ts';
import { emulatorEnv, runRowcol } from '../support/rowcol-process.ts';
import { startHarness, type Harness } from '../sync/support/harness.ts';

type Truth = {
  recurring: { counterpartyId: string; direction: 'in' | 'out'; kind: string }[];
  habits: {
    customerId: string;
    habit: 'early' | 'on_time' | 'late' | 'erratic';
    medianDaysAfterDue: number;
  }[];
};

let h: Harness;
let rt: Runtime;
beforeAll(async () => {
  h = await startHarness({
    seed: 2,
    companies: 2,
    limits: { perMinute: 100_000, perSecond: 1_000, concurrent: 10 },
  });
  rt = h.runtime();
  for (const r of await rt.call('sync:run', {})) expect(r.error).toBeNull();
});
afterAll(async () => h?.close());

describe('the daily cash forecast', () => {
  it('projects 91 days from opening cash, day 0 included', async () => {
    const f = await rt.call('forecast:get', { businessId: h.clients[0]!.businessId });
    expect(f.projection).toHaveLength(91);
    expect(f.projection[0]!.date).toBe(f.today);
    expect(f.projection[0]!.cashCents).toBe(
      f.openingCashCents + f.projection[0]!.inCents - f.projection[0]!.outCents,
    );
    for (let d = 1; d < 91; d++)
      expect(f.projection[d]!.cashCents).toBe(
        f.projection[d - 1]!.cashCents + f.projection[d]!.inCents - f.projection[d]!.outCents,
      );
    const lowest = Math.min(...f.projection.map((d) => d.cashCents));
    expect(f.lowest.cashCents).toBe(lowest);
    expect(
      f.runwayDays === null
        ? f.projection.every((d) => d.cashCents >= 0)
        : f.projection[f.runwayDays]!.cashCents < 0,
    ).toBe(true);
  });

  it('finds the planted recurring money and paying habits (precision and recall against the truth)', async () => {
    let tp = 0;
    let found = 0;
    let planted = 0;
    let habitsRight = 0;
    let habitsTotal = 0;
    for (const client of h.clients) {
      const truth = await h.admin<Truth>('GET', `/companies/${client.realmId}/planted`);
      const f = await rt.call('forecast:get', { businessId: client.businessId });
      const truthKeys = new Set(truth.recurring.map((r) => `${r.direction}:${r.counterpartyId}`));
      const foundKeys = new Set(f.recurring.map((r) => r.key));
      tp += [...foundKeys].filter((k) => truthKeys.has(k)).length;
      found += foundKeys.size;
      planted += truthKeys.size;
      const learned = new Map(f.habits.map((x) => [x.customerId, x]));
      for (const t of truth.habits) {
        const l = learned.get(t.customerId);
        if (!l || l.basis !== 'habit') continue;
        habitsTotal++;
        // A habit is learned right when its median lands within 3 days of the planted one.
        if (Math.abs(l.medianDaysLate - t.medianDaysAfterDue) <= 3) habitsRight++;
      }
    }
    const precision = found ? tp / found : 0;
    const recall = planted ? tp / planted : 0;
    console.log(
      `[forecast] recurring money: precision ${precision.toFixed(2)} (${tp}/${found}), recall ${recall.toFixed(2)} (${tp}/${planted}); paying habits within 3 days: ${habitsRight}/${habitsTotal}`,
    );
    expect(planted).toBeGreaterThan(0);
    expect(habitsTotal).toBeGreaterThan(0);
    // Issue 12's bar: each at least 0.9 on the generated books.
    expect(precision).toBeGreaterThanOrEqual(0.9);
    expect(recall).toBeGreaterThanOrEqual(0.9);
    expect(habitsRight / habitsTotal).toBeGreaterThanOrEqual(0.9);
  });

  it("keeps the advisor's choice about a recurring item, through the CLI too", async () => {
    const businessId = h.clients[0]!.businessId;
    const [item] = (await rt.call('forecast:get', { businessId })).recurring.filter(
      (r) => r.direction === 'out',
    );
    expect(item, 'a recurring outflow').toBeDefined();
    const ignored = await rt.call('forecast:recurring', {
      businessId,
      key: item!.key,
      choice: 'ignore',
    });
    expect(ignored.recurring.find((r) => r.key === item!.key)?.state).toBe('ignored');
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, ...emulatorEnv(h.emulator) };
    const changed = await runRowcol(
      [
        '--data-dir',
        h.dir,
        'forecast',
        '--client',
        businessId,
        '--recurring',
        item!.key,
        '--amount',
        '1234.50',
        '--json',
      ],
      env,
    );
    expect(changed.code, changed.stderr).toBe(0);
    const after = JSON.parse(changed.stdout) as {
      recurring: { key: string; state: string; amountCents: number }[];
    };
    expect(after.recurring.find((r) => r.key === item!.key)).toMatchObject({
      state: 'changed',
      amountCents: 123_450,
    });
    const bad = await runRowcol(
      [
        '--data-dir',
        h.dir,
        'forecast',
        '--client',
        businessId,
        '--recurring',
        'out:nobody',
        '--confirm',
      ],
      env,
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr.trimEnd().split('\n')).toHaveLength(1);
    const text = await runRowcol(['--data-dir', h.dir, 'forecast', '--client', businessId], env);
    expect(text.stdout).toMatch(
      /^Cash \$[\d,]+\.\d\d on \d{4}-\d{2}-\d{2}; (runway \d+ days|cash stays above zero)/,
    );
  });
});
