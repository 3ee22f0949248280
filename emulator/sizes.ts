// The sizes of generated books, in a file of their own: `rowcol` lists them in its help without loading
// the emulator (which it imports only when `rowcol emulator` or the demo runs).
// `2x`…`16x` are the large company several times over (16x: ≥ 160k bills and 160k invoices), for the
// benches that show the sync's time per record stays flat as the books grow (issue 14 §3).
export const SIZES = ['empty', 'small', 'medium', 'large', '2x', '4x', '8x', '16x'] as const;
export type Size = (typeof SIZES)[number];

/** How many times the large company a size is (1 for large itself, 0 for the smaller ones). */
export const largeTimes = (size: Size): number =>
  size === 'large' ? 1 : size.endsWith('x') ? Number(size.slice(0, -1)) : 0;
