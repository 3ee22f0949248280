// The sync stores each record's JSON as QBO sent it (qbo/raw-records.ts): the texts it cuts
// from a query answer must read back as exactly the records the whole answer holds, whatever their
// content (quotes, brackets and backslashes inside strings included), and any answer it cannot cut
// safely is left to the whole parse.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitQueryAnswer } from '../../src/main/qbo/raw-records.ts';

const record = fc.oneof(
  fc.jsonValue(),
  fc.record({
    Id: fc.string(),
    Memo: fc.string(),
    Line: fc.array(fc.jsonValue(), { maxLength: 3 }),
  }),
);

describe('a query answer cut into its records', () => {
  it('gives each record as text that parses to that record, and the envelope without them', () => {
    fc.assert(
      fc.property(
        fc.array(record, { maxLength: 20 }),
        fc.jsonValue(),
        fc.boolean(),
        fc.boolean(),
        (records, extra, timeFirst, asBytes) => {
          const qr = { Bill: records, startPosition: 1, maxResults: 1000, extra };
          const answer = timeFirst
            ? JSON.stringify({ time: '2024-06-03T10:00:00-07:00', QueryResponse: qr })
            : JSON.stringify({ QueryResponse: qr, time: '2024-06-03T10:00:00-07:00' });
          // As the sync reads it: the answer's UTF-8 bytes (names and memos in any script).
          const split = splitQueryAnswer(asBytes ? Buffer.from(answer) : answer, 'Bill');
          expect(split).not.toBeNull();
          expect(split!.texts().map((t) => JSON.parse(t) as unknown)).toEqual(
            JSON.parse(JSON.stringify(records)),
          );
          const envelope = JSON.parse(split!.envelope) as { QueryResponse: unknown; time: string };
          expect(envelope.time).toBe('2024-06-03T10:00:00-07:00');
          expect(envelope.QueryResponse).toEqual(JSON.parse(JSON.stringify({ ...qr, Bill: [] })));
        },
      ),
    );
  });

  it('reads a page past the end, and another entity’s array, as no records', () => {
    expect(splitQueryAnswer('{"QueryResponse":{},"time":"t"}', 'Bill')?.texts()).toEqual([]);
    expect(
      splitQueryAnswer('{"QueryResponse":{"Invoice":[{"Id":"1"}]},"time":"t"}', 'Bill')?.texts(),
    ).toEqual([]);
  });

  it('leaves text that is not a JSON answer to the whole parse', () => {
    for (const broken of [
      '{"QueryResponse":{"Bill":[{"Id":"1"},]}}',
      '{"QueryResponse":{"Bill":[{"Id":"1"}',
      '{"QueryResponse":{"Bill":[{"Id":"1}]}}',
      '{"QueryResponse":{"Bill":[,{"Id":"1"}]}}',
    ])
      expect(splitQueryAnswer(broken, 'Bill')).toBeNull();
  });
});
