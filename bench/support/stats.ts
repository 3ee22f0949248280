// Medians of paired rounds: each round measures RowCol and its anchor side by side, so a busy moment of
// the shared machine slows both alike, and the ratio of each round is what the median is taken of.
export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((x, y) => x - y);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

export const range = (xs: readonly number[], digits = 2): string =>
  `${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)}`;

/** Each round's ratio of ours to the anchor, and their median. */
export function pairedRatio(
  ours: readonly number[],
  anchor: readonly number[],
): {
  ratios: number[];
  median: number;
} {
  const ratios = ours.map((x, i) => x / anchor[i]!);
  return { ratios, median: median(ratios) };
}

export const met = (ok: boolean): string => (ok ? 'met' : 'NOT met');
