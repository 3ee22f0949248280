// The advisor's own labels on a client ("payroll", "Q4 review"): what a tag may be, and how tags combine.
// A tag is trimmed, its inner spaces collapsed, 1 to 30 characters, without commas (the CLI lists tags
// comma-separated) or control characters; two tags that differ only in case are one tag (the first
// spelling kept). A client holds at most 12.

export const tagMaxLength = 30;
export const tagsPerClientMax = 12;

/** The tag as kept, or the reason it cannot be one (in the advisor's words). */
export function cleanTag(text: string): { tag: string } | { problem: string } {
  const tag = text.trim().replace(/\s+/g, ' ');
  if (tag === '') return { problem: 'A tag cannot be empty.' };
  if (tag.length > tagMaxLength)
    return { problem: `A tag has at most ${tagMaxLength} characters: "${tag.slice(0, 40)}…"` };
  if (/[,\u0000-\u001f\u007f]/.test(tag))
    return { problem: `A tag cannot hold a comma or a control character: "${tag}"` };
  return { tag };
}

const same = (a: string, b: string) =>
  a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;

/** The tags after adding and removing (already cleaned), or the reason that is refused. */
export function combineTags(
  current: readonly string[],
  add: readonly string[],
  remove: readonly string[],
): { tags: string[] } | { problem: string } {
  const tags = current.filter((t) => !remove.some((r) => same(r, t)));
  for (const t of add) if (!tags.some((k) => same(k, t))) tags.push(t);
  if (tags.length > tagsPerClientMax)
    return { problem: `A client holds at most ${tagsPerClientMax} tags.` };
  return { tags };
}
