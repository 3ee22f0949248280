// Every source link resolves (issue 10, deliverable 8): a newcomer on a fresh clone who follows a comment's
// `docs/qbo-api.md §6.3` or a README link must land on something that exists. Checked over the files
// in the repository (src/, emulator/, test/, scripts/, bench/, bin/, db/, docs/ and the top-level files):
// - every `<name>.md §N[.N]` (also `qbo-api.md` without its folder, lists `§3, §4`, ranges `§2–§5`) names a
//   file in the repository with a heading `## N.` / `### N.N` in it; a quoted phrase after the section
//   (`§2 "Wire number formatting"`) appears in that section; `<name>.md "Heading"` names a heading of it;
// - a `§N` with no document before it is refused in code (in markdown it means the file itself), except
//   after `RFC n` or `issue n` (documents outside the repository by design: standards, the tracker);
// - every `docs/….md` path named anywhere exists;
// - no file cites `../shared/` (the folder beside the checkout, not in git) except the QBO fixtures under
//   `../shared/qbo-fixtures/`, which are test data that test/support/fixtures.ts loads;
// - every relative link `[text](path)` in a markdown file points to a file or folder that exists.
// Plain node:fs and regexes; the planted-citation tests below run the same check on a temp repository.
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
/** This file quotes bad citations on purpose. */
const self = 'test/docs/links.test.ts';

const skippedDirs = new Set([
  'node_modules',
  'out',
  'dist',
  'native',
  '.git',
  '.tmp',
  'test-results',
  '.rowcol-data',
]);
const textFile = /\.(ts|tsx|mts|js|mjs|cjs|md|sql)$/;

/** Repository-relative posix paths of the text files, plus every folder (for links to a folder). */
function listRepository(root: string): { files: string[]; paths: Set<string> } {
  const files: string[] = [];
  const paths = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      if (skippedDirs.has(entry.name)) continue;
      const rel = dir ? `${dir}/${entry.name}` : entry.name;
      paths.add(rel);
      if (entry.isDirectory()) walk(rel);
      else if (textFile.test(entry.name)) files.push(rel);
    }
  };
  walk('');
  return { files, paths };
}

type Where = [file: string, line: number];

type Heading = { level: number; title: string; start: number };

function headingsOf(text: string): Heading[] {
  const out: Heading[] = [];
  let inFence = false;
  let offset = 0;
  for (const line of text.split('\n')) {
    if (/^\s*```/.test(line)) inFence = !inFence;
    const m = inFence ? null : /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (m) out.push({ level: (m[1] as string).length, title: m[2] as string, start: offset });
    offset += line.length + 1;
  }
  return out;
}

/** The heading of section `num` (`## 6.`, `### 6.3`, `#### 6.3.1`) and its text up to the next heading at its level or above. */
function sectionOf(text: string, num: string): { heading: Heading; body: string } | null {
  const headings = headingsOf(text);
  const level = 2 + (num.split('.').length - 1);
  const i = headings.findIndex(
    (h) =>
      h.level === level && new RegExp(`^${num.replace(/\./g, '\\.')}(\\.|\\s|$)`).test(h.title),
  );
  if (i < 0) return null;
  const heading = headings[i] as Heading;
  const next = headings.slice(i + 1).find((h) => h.level <= heading.level);
  return { heading, body: text.slice(heading.start, next?.start ?? text.length) };
}

const plain = (s: string) => s.replace(/[`*_]/g, '').trim().toLowerCase();

const lineAt = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

// `docs/qbo-api.md §3, §4`, `qbo-api.md §2–§5`, `[qbo-api.md](qbo-api.md) §2`, a citation broken over a
// comment line (`docs/qbo-api.md\n// §3`), optionally followed by a quoted phrase of that section.
const citation = new RegExp(
  String.raw`((?:\.\.?\/)*(?:[\w.-]+\/)*[\w.-]+\.md)(?:\]\([^)\s]*\))?[\`)\]]*` + // the document: a path, or a link's text
    String.raw`(?:[ \t]*(?:\r?\n[ \t]*(?:\/\/+|\*|#+|>)?)?[ \t]*` + // at most one line break, with its comment mark
    // §… (a list may gloss each item: `§5.1 (Bill lines), §5.2 (Invoice lines)`), or a heading
    String.raw`(§\s?\d+(?:\.\d+)*(?:(?:[ \t]*\([^()\n]*\))?\s*(?:,|–|—|-|and|or|to)\s*§\s?\d+(?:\.\d+)*)*)|[ \t]+(?=["“]))` +
    String.raw`(?:[ \t]*["“]([^"”\n]+)["”])?`,
  'g',
);
const bareSection = /§\s?(\d+(?:\.\d+)*)/g;
/** A § right after these cites a document outside the repository on purpose. */
const externalBefore =
  /(?:\bRFC\s?\d+|\bissues?\s+#?\d+)[\s,]*(?:§\s?\d+(?:\.\d+)*[\s,–—-]*(?:and|or)?\s*)*$/i;
const docsPath = /(?<![\w./-])docs\/[\w./-]+\.md\b/g;
const sharedPath = /(?:(?:\.\.\/)+|(?<![\w./-]))shared\/(?!qbo-fixtures\b)[\w./*-]*/g;
const markdownLink = /\[[^\]\n]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g;

/** Markdown with code blocks and inline code blanked out (same length, same lines): links there are examples. */
const withoutCode = (text: string) =>
  text
    .replace(/```[\s\S]*?```/g, (m) => m.replace(/[^\n]/g, ' '))
    .replace(/`[^`\n]*`/g, (m) => ' '.repeat(m.length));

/** Every citation that does not resolve, as `file:line: what is wrong`, in the repository at `root`. */
export function brokenCitations(root: string): string[] {
  const { files, paths } = listRepository(root);
  const read = (rel: string) => readFileSync(join(root, rel), 'utf8');
  const problems: Array<{ file: string; line: number; text: string }> = [];

  /** The repository path a document reference names, or null when it names none (or lies outside). */
  const resolveDoc = (from: string, ref: string): { path: string | null; outside: boolean } => {
    const here = posix.dirname(from);
    const candidates = ref.includes('/')
      ? [ref, posix.join(here, ref)]
      : [posix.join(here, ref), ref, `docs/${ref}`];
    let outside = false;
    for (const c of candidates) {
      const p = posix.normalize(c);
      if (p.startsWith('../')) outside = true;
      else if (paths.has(p)) return { path: p, outside: false };
    }
    return { path: null, outside };
  };

  const report = (file: string, line: number, text: string) => problems.push({ file, line, text });

  const checkSections = (
    where: Where,
    docPath: string,
    numbers: string[],
    quote: string | null,
  ) => {
    const text = read(docPath);
    for (const num of numbers) {
      const section = sectionOf(text, num);
      if (!section) {
        const numbered = headingsOf(text).some((h) => /^\d+(\.\d+)*\.?\s/.test(h.title));
        report(
          ...where,
          `${docPath} has no section ${num} (no heading "${'#'.repeat(2 + num.split('.').length - 1)} ${num}${num.includes('.') ? '' : '.'}")` +
            (numbered ? '' : `; its headings are not numbered: cite it as ${docPath} "Heading"`),
        );
      } else if (quote && numbers.length === 1 && !plain(section.body).includes(plain(quote))) {
        report(...where, `${docPath} §${num} does not mention "${quote}"`);
      }
    }
  };

  for (const file of files) {
    if (file === self) continue;
    const text = read(file);
    const isMarkdown = file.endsWith('.md');
    const at = (offset: number): Where => [file, lineAt(text, offset)];
    const cited: Array<[number, number]> = [];

    for (const m of text.matchAll(citation)) {
      const [whole, ref, list, quote] = m as unknown as [
        string,
        string,
        string | undefined,
        string | undefined,
      ];
      const where = at(m.index);
      cited.push([m.index, m.index + whole.length]);
      const doc = resolveDoc(file, ref);
      if (!doc.path) {
        // ../shared paths are reported once, by the rule below.
        if (!doc.outside) report(...where, `${ref} is not in the repository`);
        continue;
      }
      if (list)
        checkSections(
          where,
          doc.path,
          [...list.matchAll(bareSection)].map((s) => s[1] as string),
          quote ?? null,
        );
      else if (quote && !headingsOf(read(doc.path)).some((h) => plain(h.title) === plain(quote))) {
        report(...where, `${doc.path} has no heading "${quote}"`);
      }
    }

    for (const m of text.matchAll(bareSection)) {
      if (cited.some(([from, to]) => m.index >= from && m.index < to)) continue;
      if (externalBefore.test(text.slice(Math.max(0, m.index - 40), m.index))) continue;
      if (isMarkdown) {
        // In a document, a bare § is one of its own sections.
        const quote =
          /^§\s?\d+(?:\.\d+)*[ \t]*["“]([^"”\n]+)["”]/.exec(text.slice(m.index))?.[1] ?? null;
        checkSections(at(m.index), file, [m[1] as string], quote);
      } else {
        report(
          ...at(m.index),
          `§${m[1]} does not say which document it is in (write docs/<file>.md §${m[1]})`,
        );
      }
    }

    for (const m of text.matchAll(docsPath)) {
      // Citations and markdown links are checked above and below.
      if (
        cited.some(([from, to]) => m.index >= from && m.index < to) ||
        (isMarkdown && text.slice(m.index - 2, m.index) === '](')
      )
        continue;
      if (!paths.has(m[0])) report(...at(m.index), `${m[0]} is not in the repository`);
    }

    for (const m of text.matchAll(sharedPath)) {
      report(
        ...at(m.index),
        `${m[0]} is outside the repository (only ../shared/qbo-fixtures test data may be used from there)`,
      );
    }

    if (isMarkdown) {
      const code = withoutCode(text);
      for (const m of code.matchAll(markdownLink)) {
        const target = (m[1] as string).replace(/[#?].*$/, '');
        if (!target || /^[a-z][a-z\d+.-]*:/i.test(m[1] as string)) continue; // an anchor in this file, or a URL
        const p = posix
          .normalize(posix.join(posix.dirname(file), decodeURIComponent(target)))
          .replace(/\/$/, '');
        if (p.startsWith('../')) report(...at(m.index), `link to ${m[1]} leaves the repository`);
        else if (!paths.has(p)) report(...at(m.index), `link to ${m[1]}: no such file`);
      }
    }
  }
  // In file order, then line order (stable: one line's problems keep their order).
  const order = new Map(files.map((f, i) => [f, i]));
  return problems
    .sort((a, b) => (order.get(a.file) ?? 0) - (order.get(b.file) ?? 0) || a.line - b.line)
    .map((p) => `${p.file}:${p.line}: ${p.text}`);
}

describe('source links', () => {
  it('every citation and relative link in the repository resolves', () => {
    expect(brokenCitations(repoRoot)).toEqual([]);
  });
});

describe('the link check itself', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  /** A throwaway repository with the real QBO fact sheet and the given files. */
  function repository(files: Record<string, string>): string {
    const root = mkdtempSync(join(tmpdir(), 'rowcol-links-'));
    dirs.push(root);
    const all = {
      'docs/qbo-api.md': readFileSync(join(repoRoot, 'docs/qbo-api.md'), 'utf8'),
      ...files,
    };
    for (const [rel, text] of Object.entries(all)) {
      mkdirSync(dirname(join(root, rel)), { recursive: true });
      writeFileSync(join(root, rel), text);
    }
    return root;
  }

  it('accepts citations that resolve, in every form the code uses', () => {
    const root = repository({
      'src/a.ts': [
        '// limits (docs/qbo-api.md §6.3); the envelope (qbo-api.md §2 "Wire number formatting")',
        '// shapes (qbo-api.md §5, §6.1), lines (qbo-api.md §5.1 (Bill), §5.2 (Invoice)), the API (qbo-api.md §2–§5), queries (docs/qbo-api.md',
        '// §3, §4); RFC 6749 §4.1.2; issue 3 §7; a recipe: GUIDE.md "Adding a channel"',
        "const fixtures = '../../../shared/qbo-fixtures/';",
      ].join('\n'),
      'GUIDE.md':
        '# Guide\n\n## Adding a channel\n\nSee [the sheet](docs/qbo-api.md) and [src](src/), §1 below.\n\n## 1. One\n\n```\n[not a link](nowhere.md)\n```\n',
    });
    expect(brokenCitations(root)).toEqual([]);
  });

  it('names each citation that does not resolve, with its file and line', () => {
    const root = repository({
      'src/b.ts': [
        '// ok (docs/qbo-api.md §6.3)',
        '// a section that is not there (docs/qbo-api.md §9.9)',
        '// a file that is not there (docs/nope.md §1)',
        '// static properties (§1.10)',
        '// the design guide: ../shared/docs/architecture.md',
        '// a phrase the section lacks: qbo-api.md §3 "Wire number formatting"',
        '// layers (GUIDE.md §2) and a heading it lacks: GUIDE.md "Adding a screen"',
      ].join('\n'),
      'GUIDE.md':
        '# Guide\n\n## Layers\n\nSee [the emulator](docs/emulator.md) and [out](../elsewhere.md).\n',
    });
    expect(brokenCitations(root)).toEqual([
      'GUIDE.md:5: link to docs/emulator.md: no such file',
      'GUIDE.md:5: link to ../elsewhere.md leaves the repository',
      'src/b.ts:2: docs/qbo-api.md has no section 9.9 (no heading "### 9.9")',
      'src/b.ts:3: docs/nope.md is not in the repository',
      'src/b.ts:4: §1.10 does not say which document it is in (write docs/<file>.md §1.10)',
      'src/b.ts:5: ../shared/docs/architecture.md is outside the repository (only ../shared/qbo-fixtures test data may be used from there)',
      'src/b.ts:6: docs/qbo-api.md §3 does not mention "Wire number formatting"',
      'src/b.ts:7: GUIDE.md has no section 2 (no heading "## 2."); its headings are not numbered: cite it as GUIDE.md "Heading"',
      'src/b.ts:7: GUIDE.md has no heading "Adding a screen"',
    ]);
  });
});
