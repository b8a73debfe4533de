import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LineageNodeType } from '../../domain/lineage';
import { SearchMatch } from '../../domain/search';
import { NodeTypeCountType } from './lineage';
import './lineageEnums';

registerEnumType(SearchMatch, {
  name: 'SearchMatch',
  description: 'How well a hit matched the text. Hits come in this order: EXACT, WORD, PREFIX, FRAGMENT.',
  valuesConfig: {
    EXACT: { description: 'The text is one of the searched values whole, case aside (a run name, a dataset name as the explorer shows it, `SDR-2024Q1`).' },
    WORD: { description: 'Every word of the text is a whole word of the node (`drug_event.parquet` in `faers/2024Q1/drug_event.parquet`).' },
    PREFIX: { description: 'Every word of the text begins a word of the node (`7658f35e` for a run id).' },
    FRAGMENT: { description: 'Every fragment of the text, between separators such as `_ - . / :`, occurs inside a word of the node (`event` in `drug_event.parquet`).' },
  },
});

@ObjectType('SearchHit', { description: 'A node that matches a search, with how it matched and where it comes from.' })
export class SearchHitType {
  @Field(() => ID, { description: 'Typed id; pass it to `lineage(id:)` or `node(id:)`.' })
  id!: string;

  @Field(() => LineageNodeType, { description: 'Kind of node.' })
  type!: LineageNodeType;

  @Field({ description: 'A human-readable name.' })
  displayName!: string;

  @Field(() => String, { nullable: true, description: 'A short status line: status, stage or digest.' })
  summary!: string | null;

  @Field(() => SearchMatch, { description: 'How the text matched: exact, whole word, prefix or fragment.' })
  match!: SearchMatch;

  @Field(() => Float, { description: 'Full-text relevance within its kind of match; higher is better.' })
  score!: number;

  @Field(() => ID, { nullable: true, description: 'The tracking store the node was read from (`store:<key>`); null for nodes no store owns: OpenLineage datasets and jobs, reports, signals.' })
  storeId!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Where the node comes from, to tell same-named hits apart: the tracking store\'s name (e.g. "SQLite mlflow.db"), else the OpenLineage namespace; null when neither applies.',
  })
  source!: string | null;
}

@ObjectType('SearchResults', { description: 'The hits of a search, with counts by type for filtering.' })
export class SearchResultsType {
  @Field(() => [SearchHitType], { description: 'The best hits: EXACT, then WORD, PREFIX and FRAGMENT matches; within each by score (highest first), then display name, then id.' })
  hits!: SearchHitType[];

  @Field(() => [NodeTypeCountType], {
    description: 'Matching nodes by type, ordered by type, over every candidate that passed the store and status filters (the type filter aside, so a client can offer the other types); types with none are left out.',
  })
  countsByType!: NodeTypeCountType[];

  @Field(() => Int, {
    description:
      'Matching nodes that passed the store and status filters, of every type; a lower bound when `totalCapped`. When whole words and prefixes alone fill `first`, fragments are not searched, and the total and counts are of those matches.',
  })
  total!: number;

  @Field({ description: 'True when the text matched more nodes than one search reads, so `total` and the counts are lower bounds.' })
  totalCapped!: boolean;
}
