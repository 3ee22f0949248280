import { describe, expect, it } from 'vitest';
import { addMonths, stepFrom } from './cadence.ts';

describe('cadence steps', () => {
  it('steps monthly by calendar month, clamping to the last day', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2023-01-31', 1)).toBe('2023-02-28');
    expect(addMonths('2023-12-15', 1)).toBe('2024-01-15');
    expect(addMonths('2024-11-30', 3)).toBe('2025-02-28');
    expect(addMonths('2024-03-31', -1)).toBe('2024-02-29');
  });

  it('steps weekly and biweekly by days, quarterly by three months', () => {
    expect(stepFrom('2024-05-31', 'weekly', 1)).toBe('2024-06-07');
    expect(stepFrom('2024-05-31', 'biweekly', 2)).toBe('2024-06-28');
    expect(stepFrom('2024-03-15', 'quarterly', 1)).toBe('2024-06-15');
    expect(stepFrom('2024-01-31', 'monthly', 2)).toBe('2024-03-31');
  });
});
