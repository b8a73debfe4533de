import { BadInputError, NodeNotFoundError } from '../../domain/errors';
import { parseId } from '../../domain/ids';
import {
  LINEAGE_NODE_TYPES,
  LineageDirection,
  type LineageArgs,
  type LineageRequest,
  TruncationReason,
  checkClocks,
  checkDepth,
  lineageRequest,
} from '../../domain/lineage';
import { type LineageClocks, PathEnd, pathAbsenceMessage, rootAbsenceMessage } from '../../domain/lineageClock';
import type { RawRootTimes } from '../../graph/repositories/lineageRepository';
import {
  compareByDepthThenId,
  compareEdges,
  countByType,
  displayNameOf,
  type LineageEdge,
  type LineageGraph,
  type LineageNode,
  type NodeFacts,
  summaryOf,
} from '../../domain/lineageGraph';
import { NODE_TYPES, type NodeType, nodeTypeForLabel } from '../../domain/nodeType';
import { ALL_RELATIONS, type LineageRelation } from '../../domain/relation';
import type { ServiceContext } from '../context';

/** Default node cap of `impact`: large enough for a FAERS hub, small enough to stay fast. */
export const DEFAULT_IMPACT_LIMIT = 5000;

/** Parses an id that a lineage walk may start from: a lineage label, never an audit record. */
export function parseLineageId(id: string, argument: string): { type: NodeType; id: string } {
  const { type } = parseId(id, argument);
  if (!LINEAGE_NODE_TYPES.includes(type)) {
    throw new BadInputError(argument, `Argument "${argument}" must name a lineage node; ${NODE_TYPES[type].prefix} ids have no lineage`);
  }
  return { type, id };
}

export function typeOfLabels(labels: readonly string[]): NodeType {
  for (const l of labels) {
    const t = nodeTypeForLabel(l);
    if (t) return t;
  }
  throw new Error(`Node with labels ${labels.join(',')} has no lineage type`);
}

export function toLineageNode(labels: readonly string[], facts: NodeFacts, depth: number): LineageNode {
  const type = typeOfLabels(labels);
  return { id: String(facts.id), type, displayName: displayNameOf(type, facts), depth, summary: summaryOf(type, facts) };
}

/** The generic lineage walk: one statement, bounded by depth and node limit. */
export async function lineage(ctx: ServiceContext, id: string, args: LineageArgs): Promise<LineageGraph> {
  const root = parseLineageId(id, 'id');
  const req = lineageRequest(args, ctx.limits.maxLineageDepth);
  return walk(ctx, root, req);
}

/** Everything downstream of a node, up to the configured depth and the node limit, on either clock. */
export async function impact(ctx: ServiceContext, id: string, limit: number | null | undefined, clocks: ClockArgs = {}): Promise<LineageGraph> {
  const root = parseLineageId(id, 'id');
  const req = lineageRequest(
    { direction: LineageDirection.DOWNSTREAM, depth: ctx.limits.maxLineageDepth, limit: limit ?? DEFAULT_IMPACT_LIMIT, asOf: clocks.asOf, validAt: clocks.validAt },
    ctx.limits.maxLineageDepth,
  );
  return walk(ctx, root, req);
}

async function walk(ctx: ServiceContext, root: { type: NodeType; id: string }, req: LineageRequest): Promise<LineageGraph> {
  const started = performance.now();
  const raw = await ctx.repos.lineage.lineage(root.type, root.id, req);
  if (!raw) throw new NodeNotFoundError(root.type, root.id);
  const rootNode = toLineageNode(raw.rootLabels, raw.root, 0);
  const nodes = [rootNode, ...raw.nodes.map((n) => toLineageNode(n.labels, n.facts, n.depth))].sort(compareByDepthThenId);
  const edges: LineageEdge[] = raw.edges.map(([from, to, type]) => ({ from, to, type: type as LineageRelation })).sort(compareEdges);
  return {
    root: rootNode,
    nodes,
    edges,
    truncated: raw.truncated,
    truncationReason: raw.truncated ? TruncationReason.NODE_LIMIT : null,
    rootExistedAt: raw.existed,
    rootAbsence: raw.existed ? null : rootAbsenceMessage(root.type, root.id, req, raw),
    stats: {
      nodesByType: countByType(nodes),
      deepestLevel: nodes.reduce((m, n) => Math.max(m, n.depth), 0),
      elapsedMs: Math.round((performance.now() - started) * 100) / 100,
    },
  };
}

export interface LineagePath {
  readonly nodes: readonly LineageNode[];
  readonly edges: readonly LineageEdge[];
}

/** Cap on the number of equally short paths returned, so a dense graph cannot explode the answer. */
export const MAX_PATHS = 100;

/** The clocks a query may be asked on (docs/time.md); unchecked, as GraphQL passes them. */
export interface ClockArgs {
  readonly asOf?: Date | string | null;
  readonly validAt?: Date | string | null;
}

/** The checked ends and bound of a path question. */
function pathQuestion(ctx: ServiceContext, from: string, to: string, maxDepth: number | null | undefined) {
  const a = parseLineageId(from, 'from');
  const b = parseLineageId(to, 'to');
  if (a.id === b.id) throw new BadInputError('to', 'Arguments "from" and "to" name the same node; a path needs two different ends');
  return { a, b, depth: checkDepth(maxDepth ?? ctx.limits.maxLineageDepth, ctx.limits.maxLineageDepth, 'maxDepth') };
}

/**
 * All shortest paths between two nodes, following lineage edges either way, on either clock.
 * Empty when they are not connected then, including when an end did not exist yet.
 */
export async function lineagePaths(ctx: ServiceContext, from: string, to: string, maxDepth: number | null | undefined, clocks: ClockArgs = {}): Promise<LineagePath[]> {
  const { a, b, depth } = pathQuestion(ctx, from, to, maxDepth);
  return shortestPaths(ctx, a, b, depth, checkClocks(clocks));
}

async function shortestPaths(ctx: ServiceContext, a: LineageEnd, b: LineageEnd, depth: number, clocks: LineageClocks): Promise<LineagePath[]> {
  const found = await ctx.repos.lineage.shortestPaths(a, b, depth, ALL_RELATIONS, MAX_PATHS, clocks);
  if (!found) {
    const [missingType, missingId] = (await ctx.repos.lineage.exists(a)) ? [b.type, b.id] : [a.type, a.id];
    throw new NodeNotFoundError(missingType, missingId);
  }
  return found.paths
    .map((p) => ({
      nodes: p.nodes.map((n, i) => toLineageNode(n.labels, n.facts, i)),
      edges: p.rels.map(([f, t, type]) => ({ from: f, to: t, type: type as LineageRelation })),
    }))
    .sort((x, y) => {
      const kx = x.nodes.map((n) => n.id).join('\u0000');
      const ky = y.nodes.map((n) => n.id).join('\u0000');
      return kx < ky ? -1 : kx > ky ? 1 : 0;
    });
}

type LineageEnd = { type: NodeType; id: string };

/** `lineagePaths`: the paths, and whether each end existed on the clocks asked for. */
export interface LineagePaths {
  readonly paths: readonly LineagePath[];
  readonly fromExistedAt: boolean;
  readonly toExistedAt: boolean;
  readonly absence: string | null;
}

/**
 * The paths of `lineagePaths` with each end's existence, by the same root times as `lineage`.
 * Without a clock both ends existed and no times are read; with one, an end that did not exist
 * yet connects to nothing, so the paths are empty and `absence` says which end and why.
 */
export async function lineagePathsAt(ctx: ServiceContext, from: string, to: string, maxDepth: number | null | undefined, clocks: ClockArgs = {}): Promise<LineagePaths> {
  const { a, b, depth } = pathQuestion(ctx, from, to, maxDepth);
  const checked = checkClocks(clocks);
  const timed = checked.asOf !== null || checked.validAt !== null;
  const [paths, times] = await Promise.all([shortestPaths(ctx, a, b, depth, checked), timed ? ctx.repos.lineage.endTimes(a, b, checked) : new Map<string, RawRootTimes>()]);
  const absent = ([[PathEnd.FROM, a], [PathEnd.TO, b]] as const).flatMap(([end, node]) => {
    const t = times.get(node.id);
    return t && !t.existed ? [{ end, type: node.type, id: node.id, times: t }] : [];
  });
  return {
    paths: absent.length > 0 ? [] : paths,
    fromExistedAt: !absent.some((e) => e.end === PathEnd.FROM),
    toExistedAt: !absent.some((e) => e.end === PathEnd.TO),
    absence: pathAbsenceMessage(absent, checked),
  };
}
