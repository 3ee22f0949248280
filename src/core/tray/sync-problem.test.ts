import { describe, expect, it } from 'vitest';
import { isSyncProblemCode, syncProblemOf, type SyncProblemItem } from './sync-problem.ts';

const item = (code: SyncProblemItem['code'], at: string, entity: string | null = null) => ({
  code,
  entity,
  detail: `${code} detail`,
  firstSeenAt: at,
});

const client = (connectionState: 'connected' | 'reconnect_needed' | 'disconnected') => ({
  businessId: 'b',
  environment: 'production' as const,
  connectionState,
});

describe('a client’s sync problem', () => {
  it('is none when the sync is fine and the client connected', () => {
    expect(syncProblemOf(client('connected'), [])).toBeNull();
  });

  it('shows the worst problem with the action that fixes it', () => {
    const stale = item('SYNC_STALE', '2024-06-01T00:00:00Z', 'Bill');
    const failed = item('SYNC_FAILED', '2024-06-02T00:00:00Z');
    const reconnect = item('RECONNECT_NEEDED', '2024-06-03T00:00:00Z');
    expect(syncProblemOf(client('connected'), [stale])).toMatchObject({
      kind: 'stale',
      action: 'retry',
      staleEntities: ['Bill'],
    });
    expect(syncProblemOf(client('connected'), [stale, failed])).toMatchObject({
      kind: 'failed',
      action: 'retry',
      detail: 'SYNC_FAILED detail',
      since: '2024-06-02T00:00:00Z',
      staleEntities: ['Bill'],
    });
    expect(syncProblemOf(client('connected'), [failed, reconnect, stale])).toMatchObject({
      kind: 'reconnect',
      action: 'reconnect',
      detail: 'RECONNECT_NEEDED detail',
    });
  });

  it('asks to reconnect a client whose connection needs the advisor, even with no item yet', () => {
    expect(syncProblemOf(client('reconnect_needed'), [])).toMatchObject({
      kind: 'reconnect',
      action: 'reconnect',
      since: null,
    });
    expect(syncProblemOf(client('disconnected'), [])?.title).toMatch(/disconnected/);
  });

  it('counts only the sync codes as sync problems', () => {
    expect(
      ['RECONNECT_NEEDED', 'SYNC_FAILED', 'SYNC_THROTTLED', 'SYNC_STALE'].every(isSyncProblemCode),
    ).toBe(true);
    expect(isSyncProblemCode('MALFORMED_RECORD')).toBe(false);
    expect(isSyncProblemCode('DUPLICATE_BILL')).toBe(false);
  });
});
