import { MIN_INNER_FRAGMENT, searchFragments, searchWords } from './search';

/** The labels and properties `lineage_search` indexes (migration v0090), which fragments are searched in too. */
export const SEARCHED_LABELS = ['TrackingStore', 'Experiment', 'Run', 'Dataset', 'DatasetField', 'RegisteredModel', 'ModelVersion', 'LoggedModel', 'Report', 'Signal', 'Job'] as const;
export type SearchedLabel = (typeof SEARCHED_LABELS)[number];
export const SEARCHED_PROPERTIES = ['name', 'title', 'runId', 'digest', 'drug', 'eventTerm', 'displayName', 'modelId', 'mlflowName', 'stage', 'userId'] as const;

/**
 * What the fragment index (`SearchText.text`, migration v0105) holds for a node: one line per
 * indexed property with a text value, its words as the index cuts them, each after a space.
 * A fragment (letters and digits only) then occurs inside a word exactly when the text contains
 * it, and begins one when the text contains it after a space; a line per property lets the
 * search count, as Lucene scores a wildcard, in how many properties it occurs.
 */
export function searchText(values: readonly unknown[]): string {
  return values
    .filter((v): v is string => typeof v === 'string' && v !== '')
    .map((v) => searchWords(v).map((w) => ` ${w}`).join(''))
    .filter((line) => line !== '')
    .join('\n');
}

/** What a searched text holds for a word of `text` to begin one of its words: the word after a space. */
export function wordStarts(text: string): string[] {
  return searchWords(text).map((w) => ` ${w}`);
}

/**
 * What the text must contain for each fragment of a search: the fragment, or for a fragment
 * too short to search inside words, a space and the fragment. `seek` is the longest, which the
 * TEXT index looks up; the others are checked on what it finds. A repeated fragment stays
 * repeated: Lucene scores each of its clauses.
 */
export function fragmentPatterns(text: string): { patterns: string[]; seek: string } | null {
  const patterns = searchFragments(text).map((f) => (f.length < MIN_INNER_FRAGMENT ? ` ${f}` : f));
  if (patterns.length === 0) return null;
  const seek = patterns.reduce((a, b) => (b.length > a.length ? b : a));
  return { patterns, seek };
}
