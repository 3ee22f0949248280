import { describe, expect, it } from 'vitest';
import { healthOf, type HealthFacts } from './health.ts';

const healthy: HealthFacts = {
  runwayWeeks: 20,
  confidence: 1,
  highItems: 0,
  connectionState: 'connected',
  syncAgeHours: 1,
};

describe('health status', () => {
  it('is green when every threshold is met, unbounded runway included', () => {
    expect(healthOf(healthy).status).toBe('green');
    expect(healthOf({ ...healthy, runwayWeeks: null }).status).toBe('green');
  });
  it('is amber for runway 4..11 weeks, a high item, low confidence or a day-old sync', () => {
    expect(healthOf({ ...healthy, runwayWeeks: 11 }).status).toBe('amber');
    expect(healthOf({ ...healthy, runwayWeeks: 4 }).status).toBe('amber');
    expect(healthOf({ ...healthy, highItems: 1 }).reasons).toEqual(['1 high-severity tray item']);
    expect(healthOf({ ...healthy, confidence: 0.79 }).status).toBe('amber');
    expect(healthOf({ ...healthy, syncAgeHours: 25 }).status).toBe('amber');
  });
  it('is red for runway under 4 weeks, a broken connection or a week-old or missing sync', () => {
    expect(healthOf({ ...healthy, runwayWeeks: 3 }).status).toBe('red');
    expect(healthOf({ ...healthy, connectionState: 'reconnect_needed' }).reasons).toContain(
      'reconnect needed',
    );
    expect(healthOf({ ...healthy, syncAgeHours: 24 * 8 }).status).toBe('red');
    expect(healthOf({ ...healthy, syncAgeHours: null, highItems: 2 }).reasons).toEqual([
      'never synced',
      '2 high-severity tray items',
    ]);
  });
});
