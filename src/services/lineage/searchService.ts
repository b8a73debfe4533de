import { BadInputError } from '../../domain/errors';
import { parseIdOf } from '../../domain/ids';
import { LINEAGE_NODE_TYPES, checkNodeTypes } from '../../domain/lineage';
import { displayNameOf, summaryOf } from '../../domain/lineageGraph';
import { NODE_TYPES, NodeType, labelOf } from '../../domain/nodeType';
import { MATCH_RANK, SearchMatch, keysQuery, luceneQuery, matchOf } from '../../domain/search';
import { fragmentPatterns, wordStarts } from '../../domain/searchText';
import type { SearchRow } from '../../graph/repositories/searchRepository';
import type { ServiceContext } from '../context';
import { typeOfLabels } from './lineageService';

export const DEFAULT_SEARCH_SIZE = 20;
export const MAX_SEARCH_SIZE = 100;
const MAX_TEXT = 200;
/** Candidates read from each index: bounds the work of a text that matches most of the graph. */
export const SEARCH_CAP = 1000;
const MAX_FILTER_VALUES = 50;
/** The types whose ids people type, held by the `lineage_keys` index (migration v0090). */
const KEYED_TYPES = [NodeType.REPORT, NodeType.SIGNAL] as const;
/** Their id prefixes, which `keysQuery` puts in front of the first word. */
export const KEYED_PREFIXES: readonly string[] = KEYED_TYPES.map((t) => NODE_TYPES[t].prefix);

export interface SearchHit {
  readonly id: string;
  readonly type: NodeType;
  readonly displayName: string;
  readonly summary: string | null;
  readonly score: number;
  readonly match: SearchMatch;
  /** The tracking store the node was read from; null for nodes no store owns (OpenLineage datasets and jobs, reports, signals). */
  readonly storeId: string | null;
  /** Where the node comes from, for telling same-named hits apart: the store's name, else the OpenLineage namespace. */
  readonly source: string | null;
}

export interface SearchResults {
  readonly hits: SearchHit[];
  readonly countsByType: { readonly type: NodeType; readonly count: number }[];
  readonly total: number;
  readonly totalCapped: boolean;
}

export interface SearchArgs {
  readonly text: string;
  readonly types?: readonly NodeType[] | null;
  readonly stores?: readonly string[] | null;
  readonly statuses?: readonly string[] | null;
  readonly first?: number | null;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** The values a hit is ranked by: what the index holds, plus a report's or signal's id without its type. */
function searchedValues(type: NodeType, facts: SearchRow['facts']): string[] {
  const keys = ['name', 'title', 'runId', 'digest', 'drug', 'eventTerm', 'displayName', 'modelId', 'mlflowName', 'stage', 'userId'] as const;
  const values = keys.map((k) => str(facts[k])).filter((v): v is string => v !== null);
  if ((KEYED_TYPES as readonly NodeType[]).includes(type)) {
    const id = String(facts.id);
    values.push(id, id.slice(id.indexOf(':') + 1));
  }
  return values;
}

function checkList(values: readonly string[] | null | undefined, argument: string): readonly string[] | null {
  if (values === null || values === undefined) return null;
  if (values.length === 0) throw new BadInputError(argument, `Argument "${argument}" is an empty list; omit it for no filter`);
  if (values.length > MAX_FILTER_VALUES) throw new BadInputError(argument, `Argument "${argument}" has more than ${MAX_FILTER_VALUES} values`);
  return values;
}

const byRank = (a: SearchHit, b: SearchHit) =>
  MATCH_RANK[a.match] - MATCH_RANK[b.match] || b.score - a.score || (a.displayName < b.displayName ? -1 : a.displayName > b.displayName ? 1 : 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Finds nodes by what people type: every word and fragment, whatever its separators. Hits come
 * best match first (exact, whole word, prefix, fragment), then by relevance, name and id; with
 * counts by type over every candidate that passed the store and status filters.
 */
export async function searchResults(ctx: ServiceContext, args: SearchArgs): Promise<SearchResults> {
  const { text } = args;
  if (text.length > MAX_TEXT) throw new BadInputError('text', `Argument "text" is longer than ${MAX_TEXT} characters`);
  const lucene = luceneQuery(text);
  if (lucene === '') throw new BadInputError('text', 'Argument "text" has no letters or digits to search for');
  const size = args.first ?? DEFAULT_SEARCH_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_SEARCH_SIZE) {
    throw new BadInputError('first', `Argument "first" must be an integer from 1 to ${MAX_SEARCH_SIZE}, got ${size}`);
  }
  const types = checkNodeTypes(args.types, 'types');
  const stores = checkList(args.stores, 'stores');
  const storeKeys = stores === null ? null : stores.map((id) => parseIdOf(NodeType.TRACKING_STORE, id, 'stores').parts[0]);
  const statuses = checkList(args.statuses, 'statuses');
  const keys = keysQuery(text, KEYED_PREFIXES);
  // Words and prefixes first: when they fill the page, no fragment hit could rank above them,
  // and the repository skips fragments. Fragments come from the SearchText index, not from
  // Lucene's leading wildcards, which walk the whole term dictionary (docs/benchmarks.md).
  const answer = await ctx.repos.search.search({
    lucene: luceneQuery(text, { fragments: false }),
    keys,
    labels: types.map(labelOf),
    allLabels: LINEAGE_NODE_TYPES.map(labelOf),
    storeKeys,
    statuses,
    // Over-fetch so that ranking by match can lift an exact hit Lucene scored below others.
    fetch: Math.min(SEARCH_CAP, size * 10),
    cap: SEARCH_CAP,
    size,
    wordStarts: wordStarts(text),
    fragments: fragmentPatterns(text),
  });
  const hits = answer.hits
    .map((r): SearchHit => {
      const type = typeOfLabels(r.labels);
      return {
        id: String(r.facts.id),
        type,
        displayName: displayNameOf(type, r.facts),
        summary: summaryOf(type, r.facts),
        score: r.score,
        // Lucene found it through a value the ranking does not read: the weakest kind of match.
        match: matchOf(text, searchedValues(type, r.facts)) ?? SearchMatch.FRAGMENT,
        storeId: r.storeId,
        source: r.storeName ?? str(r.facts.namespace),
      };
    })
    .sort(byRank)
    .slice(0, size);
  const countsByType = answer.counts
    .filter((c) => c.count > 0)
    .map((c) => ({ type: typeOfLabels([c.label]), count: c.count }))
    .sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : 0));
  return { hits, countsByType, total: answer.total, totalCapped: answer.total >= SEARCH_CAP };
}

/** The hits alone, for clients that need no counts. */
export async function search(ctx: ServiceContext, args: SearchArgs): Promise<SearchHit[]> {
  return (await searchResults(ctx, args)).hits;
}
