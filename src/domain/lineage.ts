import { BadInputError } from './errors';
import { NodeType } from './nodeType';
import { ALL_RELATIONS, LineageRelation } from './relation';

/** Which way a lineage walk goes. Edges point upstream → downstream (docs/graph-model.md). */
export enum LineageDirection {
  /** Against the arrows: what the node was made from. */
  UPSTREAM = 'UPSTREAM',
  /** Along the arrows: what the node went into (impact). */
  DOWNSTREAM = 'DOWNSTREAM',
  /**
   * The union of the UPSTREAM and the DOWNSTREAM answer, each node at its nearer depth. Not an
   * undirected walk: siblings (other runs reading the same dataset) are neither, and are left out.
   */
  BOTH = 'BOTH',
}

/** A walk that follows the arrows one way. */
export type OneWay = LineageDirection.UPSTREAM | LineageDirection.DOWNSTREAM;

/** The one-way walks a direction stands for: BOTH is the union of the upstream and the downstream walk. */
export function walksOf(direction: LineageDirection): OneWay[] {
  if (direction === LineageDirection.UPSTREAM) return [LineageDirection.UPSTREAM];
  if (direction === LineageDirection.DOWNSTREAM) return [LineageDirection.DOWNSTREAM];
  return [LineageDirection.UPSTREAM, LineageDirection.DOWNSTREAM];
}

/** Why a lineage answer is partial. */
export enum TruncationReason {
  /** More nodes were reachable than the `limit` allowed; the nearest ones were kept. */
  NODE_LIMIT = 'NODE_LIMIT',
}

/**
 * The node types of lineage, as the API names them (`NodeType` in GraphQL): the domain
 * NodeType minus the audit trail's labels and dataset versions, which lineage never visits (a
 * run's version is on its input, `DatasetInput.version`). The values are the NodeType members
 * themselves, so a LineageNodeType is a NodeType without a cast.
 */
export type LineageNodeType = Exclude<NodeType, NodeType.AUDIT_EVENT | NodeType.ACTOR | NodeType.DATASET_VERSION>;

/** The LineageNodeType values as an enum-like object, for GraphQL enum registration and the UI. */
export const LineageNodeType: { readonly [T in LineageNodeType]: T } = {
  [NodeType.TRACKING_STORE]: NodeType.TRACKING_STORE,
  [NodeType.EXPERIMENT]: NodeType.EXPERIMENT,
  [NodeType.RUN]: NodeType.RUN,
  [NodeType.DATASET]: NodeType.DATASET,
  [NodeType.DATASET_FIELD]: NodeType.DATASET_FIELD,
  [NodeType.REGISTERED_MODEL]: NodeType.REGISTERED_MODEL,
  [NodeType.MODEL_VERSION]: NodeType.MODEL_VERSION,
  [NodeType.LOGGED_MODEL]: NodeType.LOGGED_MODEL,
  [NodeType.REPORT]: NodeType.REPORT,
  [NodeType.SIGNAL]: NodeType.SIGNAL,
  [NodeType.JOB]: NodeType.JOB,
};

/** Node types a lineage walk can visit: every label except the audit trail's. */
export const LINEAGE_NODE_TYPES: readonly NodeType[] = Object.values(LineageNodeType);

export const DEFAULT_LINEAGE_DEPTH = 5;
export const DEFAULT_LINEAGE_LIMIT = 1000;
/** Largest node limit a request may ask for; bounds the work one request can cause. */
export const MAX_LINEAGE_LIMIT = 10_000;

export interface LineageRequest {
  readonly direction: LineageDirection;
  readonly depth: number;
  readonly nodeTypes: readonly NodeType[];
  readonly relations: readonly LineageRelation[];
  /** The recorded clock: what pv-lineage had recorded then (docs/time.md). */
  readonly asOf: Date | null;
  /** The source clock: what MLflow, OpenLineage and the report records say existed then. */
  readonly validAt: Date | null;
  readonly limit: number;
}

export interface LineageArgs {
  readonly direction?: LineageDirection | null;
  readonly depth?: number | null;
  readonly nodeTypes?: readonly NodeType[] | null;
  readonly relationshipTypes?: readonly LineageRelation[] | null;
  readonly asOf?: Date | string | null;
  readonly validAt?: Date | string | null;
  readonly limit?: number | null;
}

/** Validates `depth` against the configured maximum: out of range is an error, never a silent clamp. */
export function checkDepth(depth: number, maxDepth: number, argument = 'depth'): number {
  if (!Number.isInteger(depth) || depth < 1 || depth > maxDepth) {
    throw new BadInputError(argument, `Argument "${argument}" must be an integer from 1 to ${maxDepth}, got ${depth}`, { max: maxDepth });
  }
  return depth;
}

export function checkLimit(limit: number, argument = 'limit'): number {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LINEAGE_LIMIT) {
    throw new BadInputError(argument, `Argument "${argument}" must be an integer from 1 to ${MAX_LINEAGE_LIMIT}, got ${limit}`, { max: MAX_LINEAGE_LIMIT });
  }
  return limit;
}

/**
 * `asOf` and `validAt` may not lie in the future: the graph cannot answer for a time it has not
 * reached, and a source time after now is a mistake. The error names the argument.
 */
export function checkAsOf(asOf: Date | string | null | undefined, now: Date = new Date(), argument = 'asOf'): Date | null {
  if (asOf === null || asOf === undefined) return null;
  const d = typeof asOf === 'string' ? new Date(asOf) : asOf;
  if (Number.isNaN(d.getTime())) throw new BadInputError(argument, `Argument "${argument}" is not a valid date-time`);
  if (d.getTime() > now.getTime()) {
    throw new BadInputError(argument, `Argument "${argument}" (${d.toISOString()}) lies in the future`);
  }
  return d;
}

/** Both clocks of a request, each checked; either or both may be absent. */
export function checkClocks(args: { readonly asOf?: Date | string | null; readonly validAt?: Date | string | null }, now: Date = new Date()): { asOf: Date | null; validAt: Date | null } {
  return { asOf: checkAsOf(args.asOf, now, 'asOf'), validAt: checkAsOf(args.validAt, now, 'validAt') };
}

/** A type filter that is given must name something: an empty list would match nothing and is a mistake. */
export function checkNonEmpty<T>(values: readonly T[] | null | undefined, all: readonly T[], argument: string): readonly T[] {
  if (values === null || values === undefined) return all;
  if (values.length === 0) throw new BadInputError(argument, `Argument "${argument}" is an empty list; leave it out to allow every type`);
  return [...new Set(values)].sort();
}

export function checkNodeTypes(types: readonly NodeType[] | null | undefined, argument = 'nodeTypes'): readonly NodeType[] {
  const checked = checkNonEmpty(types, LINEAGE_NODE_TYPES, argument);
  const bad = checked.filter((t) => !LINEAGE_NODE_TYPES.includes(t));
  if (bad.length > 0) throw new BadInputError(argument, `Argument "${argument}" names types outside lineage: ${bad.join(', ')}`);
  return checked;
}

/** Turns GraphQL arguments into a checked request. */
export function lineageRequest(args: LineageArgs, maxDepth: number, now = new Date()): LineageRequest {
  return {
    direction: args.direction ?? LineageDirection.UPSTREAM,
    depth: checkDepth(args.depth ?? DEFAULT_LINEAGE_DEPTH, maxDepth),
    nodeTypes: checkNodeTypes(args.nodeTypes),
    relations: checkNonEmpty(args.relationshipTypes, ALL_RELATIONS, 'relationshipTypes'),
    ...checkClocks(args, now),
    limit: checkLimit(args.limit ?? DEFAULT_LINEAGE_LIMIT),
  };
}
