/**
 * What a search text means, as rules with no data access: how it is cut into words and
 * fragments, the Lucene query that finds candidates, and how well a candidate matched.
 *
 * The index (`lineage_search`) uses Lucene's standard analyzer, which cuts text at the word
 * boundaries of Unicode's UAX #29 and lowercases it: `s3://pv-data/faers/2024Q1/drug_event.parquet`
 * becomes `s3`, `pv`, `data`, `faers`, `2024q1`, `drug_event.parquet` (`_` and a `.` between
 * letters or digits do not cut). Words typed by a person are cut by the same rules
 * (`Intl.Segmenter` implements UAX #29), and every word of the query is also passed to Lucene
 * as an escaped term, which Lucene analyses with the index's own analyzer. Fragments are the
 * pieces between any separator (`_ - . / :` and the rest), so `event` or `parquet` find
 * `drug_event.parquet`, which the analyzer keeps as one token.
 */

/** How well a hit matched the text, best first. */
export enum SearchMatch {
  /** The text is one of the node's searched values, whole (case aside). */
  EXACT = 'EXACT',
  /** Every word of the text is a whole word of the node's values. */
  WORD = 'WORD',
  /** Every word of the text begins a word of the node's values. */
  PREFIX = 'PREFIX',
  /** Every fragment of the text occurs inside a word of the node's values. */
  FRAGMENT = 'FRAGMENT',
}

export const MATCH_RANK: Readonly<Record<SearchMatch, number>> = {
  [SearchMatch.EXACT]: 0,
  [SearchMatch.WORD]: 1,
  [SearchMatch.PREFIX]: 2,
  [SearchMatch.FRAGMENT]: 3,
};

const segmenter = new Intl.Segmenter('en', { granularity: 'word' });

/**
 * Lowercase one code point at a time, as Lucene's filter does (Java's Character.toLowerCase):
 * no final sigma, and one code point for one, so `Σ` is `σ` and `İ` is `i` wherever they stand.
 */
export function lowerAsIndex(text: string): string {
  let out = '';
  for (const c of text) out += String.fromCodePoint(c.toLowerCase().codePointAt(0)!);
  return out;
}

/** Han and Hiragana: the standard analyzer makes each such character a word of its own. */
const SINGLE_CHARACTER_WORDS = /[\p{Script=Han}\p{Script=Hiragana}]/u;

/** The words of a text as the standard analyzer cuts them, lowercased. */
export function searchWords(text: string): string[] {
  const words: string[] = [];
  for (const s of segmenter.segment(lowerAsIndex(text))) {
    if (!s.isWordLike) continue;
    if (!SINGLE_CHARACTER_WORDS.test(s.segment)) {
      words.push(s.segment);
      continue;
    }
    // Runs of other scripts inside the segment stay whole; each Han or Hiragana character stands alone.
    for (const part of s.segment.match(/[\p{Script=Han}\p{Script=Hiragana}]|[^\p{Script=Han}\p{Script=Hiragana}]+/gu) ?? []) words.push(part);
  }
  return words;
}

/** The pieces of a text between separators: letters and digits only, lowercased. */
export function searchFragments(text: string): string[] {
  return lowerAsIndex(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((f) => f.length > 0);
}

/** Backslash before every character that is not a letter or digit: nothing the user typed is Lucene syntax. */
const escape = (term: string) => term.replace(/[^\p{L}\p{N}]/gu, (c) => `\\${c}`);

/** A fragment this short inside a word would match nearly everything; it has to begin one instead. */
export const MIN_INNER_FRAGMENT = 2;

/**
 * The Lucene query for a text: words whole (boosted most), words as prefixes, or, unless
 * `fragments` is false, fragments anywhere inside a word; within each way every part is
 * required. Empty when the text holds no letter or digit. Candidates are then ranked by
 * `matchOf`, so the boosts only decide which candidates are fetched first. A fragment is a
 * leading wildcard, which Lucene answers by walking the whole term dictionary, so search sends
 * Lucene only the words and prefixes (`fragments: false`) and finds fragments through the
 * `SearchText` index (`searchText.ts`), scoring them as Lucene scores this query whole.
 */
export function luceneQuery(text: string, { fragments: withFragments = true }: { fragments?: boolean } = {}): string {
  const words = searchWords(text);
  const fragments = searchFragments(text);
  if (words.length === 0 || fragments.length === 0) return '';
  const all = (terms: string[]) => terms.map((t) => `+${t}`).join(' ');
  const whole = all(words.map(escape));
  const prefix = all(words.map((w) => `${escape(w)}*`));
  if (!withFragments) return `(${whole})^8 (${prefix})^4`;
  const inner = all(fragments.map((f) => (f.length < MIN_INNER_FRAGMENT ? `${f}*` : `*${f}*`)));
  return `(${whole})^8 (${prefix})^4 (${inner})`;
}

/**
 * The Lucene query for the `lineage_keys` index, which holds typed ids such as
 * `report:SDR-2024Q1`: the analyzer keeps `report:sdr` as one word (a colon between letters does
 * not cut), so the first word is also asked with each id prefix in front. Words and prefixes
 * only: an id is typed from its start, and a fragment search over every id would walk as many
 * terms as there are reports and signals.
 */
export function keysQuery(text: string, prefixes: readonly string[]): string {
  const words = searchWords(text).map(escape);
  if (words.length === 0) return '';
  const [first, ...rest] = words;
  const firsts = [first, ...prefixes.map((p) => `${escape(`${lowerAsIndex(p)}:`)}${first}`)];
  const either = (ws: string[]) => `+(${ws.flatMap((w) => [`${w}^2`, `${w}*`]).join(' ')})`;
  return [either(firsts), ...rest.map((w) => either([w]))].join(' ');
}

/** How well the values a node is searched by match the text; null when they do not match at all. */
export function matchOf(text: string, values: readonly string[]): SearchMatch | null {
  const wanted = lowerAsIndex(text.trim());
  const present = values.filter((v) => v.length > 0);
  if (present.some((v) => lowerAsIndex(v) === wanted)) return SearchMatch.EXACT;
  const words = searchWords(text);
  const tokens = new Set(present.flatMap(searchWords));
  if (words.length > 0 && words.every((w) => tokens.has(w))) return SearchMatch.WORD;
  if (words.length > 0 && words.every((w) => [...tokens].some((t) => t.startsWith(w)))) return SearchMatch.PREFIX;
  const fragments = searchFragments(text);
  const inner = present.flatMap(searchFragments);
  // Every word begins with a fragment, so beginning a fragment covers beginning a word.
  const found = (f: string) => (f.length < MIN_INNER_FRAGMENT ? inner.some((t) => t.startsWith(f)) : [...tokens].some((t) => t.includes(f)));
  if (fragments.length > 0 && fragments.every(found)) return SearchMatch.FRAGMENT;
  return null;
}
