// The large company several times over (issue 14 §3), for the benches at 4× and 16× the data: generated
// deterministically, in the same proportions, with every payment entered after what it pays (a payment
// before its bill was what stopped the generator past 4×).
import { describe, expect, it } from 'vitest';
import { Clock } from '../../emulator/clock.ts';
import { generateCompanies } from '../../emulator/generator.ts';
import type { Json } from '../../emulator/wire.ts';

const at = Date.parse('2026-11-30T17:00:00Z');
const generate = (size: 'large' | '2x') =>
  generateCompanies({ seed: 5, companies: 1, size, clock: new Clock(at) })[0]!;

describe('emulator sizes past large', () => {
  it('2x is twice the large company, each payment created after the documents it pays', () => {
    const large = generate('large');
    const twice = generate('2x');
    const count = (b: typeof large, e: 'Bill' | 'Invoice' | 'Vendor' | 'Customer') =>
      b.table(e).rows.length;
    for (const e of ['Bill', 'Invoice', 'Vendor', 'Customer'] as const)
      expect(count(twice, e) / count(large, e)).toBeGreaterThan(1.8);
    const created = (d: Json) => Date.parse(String((d.MetaData as Json).CreateTime));
    let checked = 0;
    for (const [payment, doc] of [
      ['BillPayment', 'Bill'],
      ['Payment', 'Invoice'],
    ] as const)
      for (const { data } of twice.table(payment).rows)
        for (const line of (data.Line as Json[]) ?? [])
          for (const l of (line.LinkedTxn as Json[]) ?? []) {
            const paid = twice.data(doc, String(l.TxnId));
            expect(
              paid,
              `${payment} ${String(data.Id)} pays ${doc} ${String(l.TxnId)}`,
            ).toBeDefined();
            expect(created(data)).toBeGreaterThanOrEqual(created(paid!));
            checked++;
          }
    expect(checked).toBeGreaterThan(20_000);
  });

  it('is the same books for the same seed and day', () => {
    const a = generate('2x');
    const b = generate('2x');
    expect(a.table('Bill').rows.length).toBe(b.table('Bill').rows.length);
    const wire = (x: typeof a) =>
      x
        .table('Invoice')
        .rows.slice(-50)
        .map((r) => JSON.stringify(r.data));
    expect(wire(a)).toEqual(wire(b));
  });
});
