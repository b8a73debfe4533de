import { GraphQLDateTime } from 'graphql-scalars';
import { Arg, Args, Authorized, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { DEFAULT_LINEAGE_DEPTH, DEFAULT_LINEAGE_LIMIT, LineageDirection, LineageNodeType, MAX_LINEAGE_LIMIT } from '../../domain/lineage';
import { LineageRelation } from '../../domain/relation';
import * as lineage from '../../services/lineage/lineageService';
import { AUTH } from '../authRules';
import type { GraphQLContext } from '../context';
import { AS_OF_DESCRIPTION as AS_OF, LineagePathArgs, VALID_AT_DESCRIPTION as VALID_AT } from '../inputs/lineageInputs';
import { LineageGraphType, LineagePathsType, LineagePathType } from '../types/lineage';
import { SearchHitType, SearchResultsType } from '../types/search';
import * as searching from '../../services/lineage/searchService';

/** Graph-shaped lineage questions: the generic walk, impact and paths. */
@Resolver()
export class LineageQueryResolver {
  @Authorized(...AUTH.readLineage)
  @Query(() => LineageGraphType, {
    description:
      'The lineage subgraph around a node, in one bounded query. Each node appears once, even through diamonds and cycles. BAD_USER_INPUT for a malformed id, a depth outside 1..the configured maximum, an empty type filter or an `asOf` or `validAt` in the future; NOT_FOUND for an absent node; TIMEOUT past the transaction timeout.',
  })
  lineage(
    @Arg('id', () => ID, { description: 'Typed id of the root node.' }) id: string,
    @Arg('direction', () => LineageDirection, { defaultValue: LineageDirection.UPSTREAM, description: 'Which way to walk.' }) direction: LineageDirection,
    @Arg('depth', () => Int, { defaultValue: DEFAULT_LINEAGE_DEPTH, description: 'Most hops from the root, 1 to the configured maximum.' }) depth: number,
    @Arg('nodeTypes', () => [LineageNodeType], { nullable: true, description: 'Visit only nodes of these types (paths pass only through them). Omit for all; an empty list is an error.' })
    nodeTypes: LineageNodeType[] | null,
    @Arg('relationshipTypes', () => [LineageRelation], { nullable: true, description: 'Follow only these relationships. Omit for all; an empty list is an error.' })
    relationshipTypes: LineageRelation[] | null,
    @Arg('asOf', () => GraphQLDateTime, { nullable: true, description: AS_OF }) asOf: Date | null,
    @Arg('validAt', () => GraphQLDateTime, { nullable: true, description: VALID_AT }) validAt: Date | null,
    @Arg('limit', () => Int, { defaultValue: DEFAULT_LINEAGE_LIMIT, description: `Most nodes besides the root, 1 to ${MAX_LINEAGE_LIMIT}. The walk stops when it is reached and the answer says \`truncated\`.` })
    limit: number,
    @Ctx() ctx: GraphQLContext,
  ) {
    return lineage.lineage(ctx.serviceContext, id, {
      direction,
      depth,
      nodeTypes,
      relationshipTypes,
      asOf,
      validAt,
      limit,
    });
  }

  @Authorized(...AUTH.readLineage)
  @Query(() => LineageGraphType, {
    description:
      'Everything downstream of a node up to the configured depth, with counts by type in `stats`: "this FAERS extract was faulty: which model versions and reports does that touch?" BAD_USER_INPUT for an `asOf` or `validAt` in the future.',
  })
  impact(
    @Arg('id', () => ID, { description: 'Typed id of the node whose impact is wanted.' }) id: string,
    @Arg('limit', () => Int, { defaultValue: lineage.DEFAULT_IMPACT_LIMIT, description: `Most nodes besides the root, 1 to ${MAX_LINEAGE_LIMIT}.` }) limit: number,
    @Arg('asOf', () => GraphQLDateTime, { nullable: true, description: AS_OF }) asOf: Date | null,
    @Arg('validAt', () => GraphQLDateTime, { nullable: true, description: VALID_AT }) validAt: Date | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    return lineage.impact(ctx.serviceContext, id, limit, { asOf, validAt });
  }

  @Authorized(...AUTH.readLineage)
  @Query(() => [LineagePathType], {
    description: `Every shortest path between two nodes along lineage edges in either direction (at most ${lineage.MAX_PATHS}), ordered by the ids along the path. Empty when they are not connected within maxDepth, or were not at \`asOf\`/\`validAt\` (an end that did not exist yet connects to nothing). BAD_USER_INPUT for an \`asOf\` or \`validAt\` in the future.`,
    deprecationReason: 'Use `lineagePaths`: the same paths, and it says when an end did not exist yet at `asOf`/`validAt`.',
  })
  lineagePath(@Args(() => LineagePathArgs) { from, to, maxDepth, asOf, validAt }: LineagePathArgs, @Ctx() ctx: GraphQLContext) {
    return lineage.lineagePaths(ctx.serviceContext, from, to, maxDepth, { asOf, validAt });
  }

  @Authorized(...AUTH.readLineage)
  @Query(() => LineagePathsType, {
    description: `Every shortest path between two nodes along lineage edges in either direction (at most ${lineage.MAX_PATHS}), and whether each end existed at \`asOf\`/\`validAt\`: an empty \`paths\` then says either "not connected within maxDepth" or, with \`absence\`, "an end did not exist yet". BAD_USER_INPUT for a malformed or equal pair of ids, a maxDepth outside 1..the configured maximum or an \`asOf\` or \`validAt\` in the future; NOT_FOUND for an absent end.`,
  })
  lineagePaths(@Args(() => LineagePathArgs) { from, to, maxDepth, asOf, validAt }: LineagePathArgs, @Ctx() ctx: GraphQLContext) {
    return lineage.lineagePathsAt(ctx.serviceContext, from, to, maxDepth, { asOf, validAt });
  }

  @Authorized(...AUTH.readLineage)
  @Query(() => [SearchHitType], {
    description:
      'Finds lineage nodes by what people type: names, titles, experiment names, run ids and digests by prefix, report and signal ids, drug and event terms, model stages, run users and MLflow dataset names; every word and fragment, whatever its separators (`_ - . / :`). Best match first: exact, whole word, prefix, then fragment (see `SearchMatch`), then score, display name and id. `searchResults` adds counts by type.',
  })
  search(
    @Arg('text', { description: 'What to look for, e.g. `drug_event.parquet`, `SDR-2024Q1`, `7658f35e` or `FAERS 2024`.' }) text: string,
    @Arg('types', () => [LineageNodeType], { nullable: true, description: 'Only nodes of these types; omit for all, an empty list is an error.' }) types: LineageNodeType[] | null,
    @Arg('stores', () => [ID], { nullable: true, description: 'Only nodes read from these tracking stores (`store:<key>` ids); omit for all, an empty list is an error.' }) stores: string[] | null,
    @Arg('statuses', () => [String], { nullable: true, description: 'Only nodes whose status or model stage is one of these (e.g. `FINISHED`, `Production`, `VALIDATED`); omit for all, an empty list is an error.' })
    statuses: string[] | null,
    @Arg('first', () => Int, { defaultValue: searching.DEFAULT_SEARCH_SIZE, description: `Most hits, 1 to ${searching.MAX_SEARCH_SIZE}.` }) first: number,
    @Ctx() ctx: GraphQLContext,
  ) {
    return searching.search(ctx.serviceContext, { text, types, stores, statuses, first });
  }

  @Authorized(...AUTH.readLineage)
  @Query(() => SearchResultsType, { description: 'What `search` answers, with counts by type and a total, for a results page with filters.' })
  searchResults(
    @Arg('text', { description: 'What to look for, as in `search`.' }) text: string,
    @Arg('types', () => [LineageNodeType], { nullable: true, description: 'Only hits of these types (the counts still cover every type); omit for all, an empty list is an error.' }) types: LineageNodeType[] | null,
    @Arg('stores', () => [ID], { nullable: true, description: 'Only nodes read from these tracking stores (`store:<key>` ids); omit for all, an empty list is an error.' }) stores: string[] | null,
    @Arg('statuses', () => [String], { nullable: true, description: 'Only nodes whose status or model stage is one of these; omit for all, an empty list is an error.' }) statuses: string[] | null,
    @Arg('first', () => Int, { defaultValue: searching.DEFAULT_SEARCH_SIZE, description: `Most hits, 1 to ${searching.MAX_SEARCH_SIZE}.` }) first: number,
    @Ctx() ctx: GraphQLContext,
  ) {
    return searching.searchResults(ctx.serviceContext, { text, types, stores, statuses, first });
  }
}
