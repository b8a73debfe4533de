import { BadInputError } from '../../domain/errors';
import { checkNodeTypes } from '../../domain/lineage';
import { displayNameOf, summaryOf } from '../../domain/lineageGraph';
import type { NodeType } from '../../domain/nodeType';
import type { ServiceContext } from '../context';
import { typeOfLabels } from './lineageService';

export const DEFAULT_SEARCH_SIZE = 20;
export const MAX_SEARCH_SIZE = 100;
const MAX_TEXT = 200;

export interface SearchHit {
  readonly id: string;
  readonly type: NodeType;
  readonly displayName: string;
  readonly summary: string | null;
  readonly score: number;
}

/**
 * Turns what a person typed into a Lucene query: the words (split the way the standard analyzer
 * splits them), each matched as a prefix, all required. Splitting on non-word characters leaves
 * nothing Lucene would read as syntax, so user text can never become a query operator. The
 * analyzer keeps `_` inside a word (`faers_2024Q1`, an MLflow dataset name, is one token), and
 * `_` is no Lucene syntax, so it stays in the word.
 */
export function luceneQuery(text: string): string {
  const words = text.toLowerCase().split(/[^\p{L}\p{N}_]+/u).filter((w) => w.length > 0);
  return words.map((w) => `${w}*`).join(' AND ');
}

/** Finds nodes by name, title, MLflow run id or digest prefix; best match first, then id. */
export async function search(ctx: ServiceContext, text: string, types: readonly NodeType[] | null | undefined, first: number | null | undefined): Promise<SearchHit[]> {
  if (text.length > MAX_TEXT) throw new BadInputError('text', `Argument "text" is longer than ${MAX_TEXT} characters`);
  const lucene = luceneQuery(text);
  if (lucene === '') throw new BadInputError('text', 'Argument "text" has no letters or digits to search for');
  const size = first ?? DEFAULT_SEARCH_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_SEARCH_SIZE) {
    throw new BadInputError('first', `Argument "first" must be an integer from 1 to ${MAX_SEARCH_SIZE}, got ${size}`);
  }
  const rows = await ctx.repos.search.search(lucene, checkNodeTypes(types, 'types'), size);
  return rows.map((r) => {
    const type = typeOfLabels(r.labels);
    return { id: String(r.facts.id), type, displayName: displayNameOf(type, r.facts), summary: summaryOf(type, r.facts), score: r.score };
  });
}
