// The bulk re-date and scenario commands of the real CLI (a child process) over books synced from the
// emulator's demo data: previews write nothing, --record writes every decision, bad arguments are one
// line and exit 2, `rowcol forecast --json` carries what issue 12 §7 lists.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleView } from '../../src/core/advisor-work.ts';
import type {
  MovesPreview,
  RecordedMoves,
  ScenarioComparison,
} from '../../src/core/forecast/scenario-view.ts';
import type { ForecastView } from '../../src/core/forecast/view.ts';
import { emulatorEnv, runRowcol } from '../support/rowcol-process.ts';
import { startHarness, type Harness } from '../sync/support/harness.ts';

let h: Harness;
let env: NodeJS.ProcessEnv;
let businessId: string;
beforeAll(async () => {
  h = await startHarness({
    seed: 3,
    companies: 1,
    limits: { perMinute: 100_000, perSecond: 1_000, concurrent: 10 },
  });
  const rt = h.runtime();
  for (const r of await rt.call('sync:run', {})) expect(r.error).toBeNull();
  businessId = h.clients[0]!.businessId;
  env = { PATH: process.env.PATH, HOME: process.env.HOME, ...emulatorEnv(h.emulator) };
});
afterAll(async () => h?.close());

const rowcol = (...args: string[]) => runRowcol(['--data-dir', h.dir, ...args], env);
const decisionRows = () =>
  h.db
    .prepare(
      `SELECT id, bill_qbo_id AS bill, action, planned_date AS date, superseded_at AS superseded FROM decisions ORDER BY id`,
    )
    .all() as {
    id: number;
    bill: string;
    action: string;
    date: string | null;
    superseded: string | null;
  }[];
const scenarioRows = () =>
  (h.db.prepare('SELECT COUNT(*) AS n FROM scenarios').get() as { n: number }).n;
const json = <T>(r: { code: number | null; stdout: string; stderr: string }): T => {
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as T;
};
/** A usage mistake: exit 2, one line on stderr naming it, nothing on stdout. */
const refused = (r: { code: number | null; stdout: string; stderr: string }, words: string) => {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^rowcol: /);
  expect(lines[0]).toContain(words);
};

describe('rowcol console --move (bulk re-date)', () => {
  it('previews the combined effect of moving a group of bills without writing, then records them all', async () => {
    const view = json<ConsoleView>(await rowcol('console', '--client', businessId, '--json'));
    const later = view.groups.later.slice(0, 3).map((b) => b.qboId);
    expect(later.length, 'the demo books have bills due later').toBeGreaterThan(1);
    const spec = `overdue,${later.join(',')}`;
    const selected = [...view.groups.overdue.map((b) => b.qboId), ...later];
    const before = decisionRows();

    const text = await rowcol('console', '--client', businessId, '--move', spec, '--by', '14');
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain(
      `${selected.length} bills of ${view.displayName} moved 14 days later (nothing recorded yet)`,
    );
    expect(text.stdout).toMatch(
      /^Lowest point: -?\$[\d,.]+ on \d{4}-\d{2}-\d{2} → -?\$[\d,.]+ on \d{4}-\d{2}-\d{2} \([+-]\$[\d,.]+|±0\); runway: (\d+ days?|no end in 91 days) → (\d+ days?|no end in 91 days)$/m,
    );
    expect(text.stdout).toContain(`--move ${spec} --by 14 --record`);
    const preview = json<MovesPreview>(
      await rowcol('console', '--client', businessId, '--move', spec, '--by', '14', '--json'),
    );
    expect(preview.moved.map((m) => m.billId)).toEqual(selected);
    expect(preview.unknownBillIds).toEqual([]);
    expect(preview.after.projection).toHaveLength(91);
    for (const m of preview.moved) expect(m.toDate > m.fromDate).toBe(true);
    // Delaying never lowers the lowest point.
    expect(preview.lowestChangeCents).toBeGreaterThanOrEqual(0);
    expect(decisionRows()).toEqual(before);

    const recorded = json<RecordedMoves>(
      await rowcol(
        'console',
        '--client',
        businessId,
        '--move',
        spec,
        '--by',
        '14',
        '--record',
        '--note',
        'bulk',
        '--json',
      ),
    );
    expect(recorded.recorded.map((d) => [d.billId, d.action, d.plannedDate])).toEqual(
      preview.moved.map((m) => [m.billId, 'delay', m.toDate]),
    );
    const current = decisionRows().filter((d) => d.superseded === null);
    for (const m of preview.moved)
      expect(current).toContainEqual(
        expect.objectContaining({ bill: m.billId, action: 'delay', date: m.toDate }),
      );
    expect(decisionRows()).toHaveLength(before.length + selected.length);
    // The forecast now is the preview's "after".
    const f = json<ForecastView>(await rowcol('forecast', '--client', businessId, '--json'));
    expect(f.projection).toEqual(preview.after.projection);
  });

  it('refuses bad arguments with one line and exit 2, writing nothing', async () => {
    const before = decisionRows();
    refused(
      await rowcol('console', '--client', businessId, '--move', 'overdue'),
      '--move needs exactly one of --by N',
    );
    refused(
      await rowcol('console', '--client', businessId, '--move', 'overdue', '--by', 'soon'),
      '--by must be a number of days',
    );
    refused(
      await rowcol('console', '--client', businessId, '--move', 'overdue', '--to', '2027-02-30'),
      '--to is not a date',
    );
    refused(await rowcol('console', '--client', businessId, '--by', '7'), 'go with --move');
    refused(
      await rowcol(
        'console',
        '--client',
        businessId,
        '--move',
        'overdue',
        '--pay-now',
        '--to',
        '2030-01-01',
      ),
      'exactly one of',
    );
    refused(
      await rowcol(
        'console',
        '--client',
        businessId,
        '--move',
        'no-such-bill',
        '--pay-now',
        '--record',
      ),
      'Nothing recorded: no bill no-such-bill',
    );
    expect(decisionRows()).toEqual(before);
  });
});

describe('rowcol scenario and rowcol forecast --scenario', () => {
  it('saves, lists, compares side by side and applies a scenario; reads write nothing', async () => {
    const f = json<ForecastView>(await rowcol('forecast', '--client', businessId, '--json'));
    // Issue 12 §7: what the JSON carries.
    expect(f.today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(typeof f.openingCashCents).toBe('number');
    expect(f.projection).toHaveLength(91);
    expect(Object.keys(f.projection[0]!).sort()).toEqual([
      'cashCents',
      'date',
      'inCents',
      'outCents',
    ]);
    expect(f.runwayDays === null || Number.isInteger(f.runwayDays)).toBe(true);
    expect(Object.keys(f.lowest).sort()).toEqual(['cashCents', 'date']);
    expect(Object.keys(f.confidence).sort()).toEqual([
      'flaggedShare',
      'habitShare',
      'recurringShare',
    ]);
    expect(
      f.recurring.every((r) => ['expected', 'confirmed', 'changed', 'ignored'].includes(r.state)),
    ).toBe(true);

    const tomorrow = f.projection[1]!.date;
    const saved = await rowcol(
      'scenario',
      'save',
      '--client',
      businessId,
      '--name',
      'Lean winter',
      '--one-off',
      `-5000:${tomorrow}:tax bill`,
      '--recurring',
      `+250.50:every-2-weeks:${f.today}`,
    );
    expect(saved.code, saved.stderr).toBe(0);
    expect(saved.stdout).toContain('Lean winter');
    expect(saved.stdout).toContain(`-$5,000.00 on ${tomorrow} (tax bill)`);
    expect(saved.stdout).toContain(`+$250.50 every 2 weeks from ${f.today}`);
    expect(saved.stdout).toMatch(/^Lowest point: .* → .*; runway: /m);
    expect(scenarioRows()).toBe(1);

    const listed = await rowcol('scenario', 'list', '--client', businessId);
    expect(listed.stdout).toContain('Lean winter');
    const text = await rowcol('scenario', 'compare', '--client', businessId);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^\s+BASELINE\s+Lean winter$/m);
    expect(text.stdout).toMatch(/^Runway\s+/m);
    const c = json<ScenarioComparison>(
      await rowcol('scenario', 'compare', '--client', businessId, 'lean winter', '--json'),
    );
    expect(c.baseline.projection).toEqual(f.projection);
    const lean = c.scenarios[0]!;
    expect(lean.name).toBe('Lean winter');
    // -5,000.00 tomorrow, +250.50 on days 0, 14, …, 84 (7 times): the last day's difference.
    expect(lean.vsBaseline.endCashChangeCents).toBe(-500_000 + 7 * 25_050);
    expect(lean.summary.projection[1]!.cashCents - f.projection[1]!.cashCents).toBe(
      -500_000 + 25_050,
    );

    const withScenario = json<ForecastView>(
      await rowcol('forecast', '--client', businessId, '--scenario', 'Lean winter', '--json'),
    );
    expect(withScenario.projection).toEqual(lean.summary.projection);
    expect(withScenario.scenario).toEqual({ name: 'Lean winter', noLongerApplies: [] });
    expect(scenarioRows()).toBe(1);

    const deleted = await rowcol(
      'scenario',
      'delete',
      '--client',
      businessId,
      '--name',
      'LEAN WINTER',
    );
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(scenarioRows()).toBe(0);
  });

  it('refuses bad scenario arguments with one line and exit 2, saving nothing', async () => {
    const save = (...args: string[]) =>
      rowcol('scenario', 'save', '--client', businessId, '--name', 'Bad', ...args);
    refused(await save(), 'needs at least one of --delay-bill');
    refused(await save('--one-off', '500:2030-01-01'), 'the amount needs a sign');
    refused(await save('--recurring', '-500:daily:2030-01-01'), 'the cadence is weekly, biweekly');
    refused(await save('--delay-bill', '123'), 'expected BILL_ID:YYYY-MM-DD or BILL_ID:+DAYS');
    refused(await save('--invoice-paid', '55:2030-13-01'), 'is not a date');
    refused(
      await save('--delay-bill', 'no-such-bill:+7'),
      'bill no-such-bill is not an open bill of this client',
    );
    refused(
      await rowcol('scenario', 'save', '--client', businessId, '--one-off', '+1:2030-01-01'),
      'needs --name',
    );
    refused(
      await rowcol('forecast', '--client', businessId, '--scenario', 'nope'),
      'No scenario "nope"',
    );
    refused(
      await rowcol('scenario', 'compare', '--client', businessId, 'nope'),
      'No scenario "nope"',
    );
    refused(
      await rowcol('scenario', 'delete', '--client', businessId, '--name', 'nope'),
      'No scenario "nope"',
    );
    refused(await rowcol('scenario', 'frobnicate'), "unknown command 'frobnicate'");
    expect(scenarioRows()).toBe(0);
  });
});
