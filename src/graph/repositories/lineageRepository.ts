import { LineageDirection, type LineageRequest, type OneWay, walksOf } from '../../domain/lineage';
import { labelOf, type NodeType } from '../../domain/nodeType';
import { LineageRelation } from '../../domain/relation';
import { pageParams, toNeoDateTime, toNeoInt } from '../convert';
import type { GraphExecutor, Row } from '../executor';

/**
 * Properties a lineage node needs for its display name and summary; nothing heavier travels.
 * They come back as a positional list rather than a map, which the server and driver encode and
 * decode markedly faster on a large answer (docs/graph-model.md, "Cost of the lineage statement").
 */
const FACT_KEYS = ['id', 'name', 'title', 'runId', 'modelId', 'version', 'status', 'stage', 'digest', 'period', 'drug', 'eventTerm', 'displayName', 'uri', 'datasetName'] as const;
const facts = (x: string) => `[${FACT_KEYS.map((k) => `${x}.${k}`).join(', ')}]`;

function factsOf(values: readonly unknown[]): Row {
  const out: Row = {};
  FACT_KEYS.forEach((k, i) => {
    out[k] = values[i];
  });
  return out;
}

/**
 * Cypher fragments built only from closed enums and clamped integers, so no request text can
 * reach the statement's structure: labels from
 * NodeType, relationship types from LineageRelation, the depth bound from a checked integer.
 * Every value, including `asOf`, stays a $parameter.
 */
function labelExpr(types: readonly NodeType[]): string {
  return types.map((t) => labelOf(t)).join('|');
}

const KNOWN_RELATIONS: ReadonlySet<string> = new Set(Object.values(LineageRelation));

/** Relationship-type text for Cypher; anything outside the enum is refused, not spliced in. */
function relExpr(relations: readonly LineageRelation[]): string {
  for (const r of relations) if (!KNOWN_RELATIONS.has(r)) throw new TypeError(`Unknown relationship type ${JSON.stringify(r)}`);
  return relations.join('|');
}

/** A depth bound for a quantified path pattern: an integer from 1 to 100, or a refusal. */
function bound(depth: number): number {
  if (!Number.isInteger(depth) || depth < 1 || depth > 100) throw new RangeError(`Depth bound ${depth} is not an integer from 1 to 100`);
  return depth;
}

/** An edge is live now when it has not been superseded, and at `$asOf` when it existed then. */
function edgeLive(r: string, asOf: boolean): string {
  return asOf
    ? `(${r}.since IS NULL OR ${r}.since <= $asOf) AND (${r}.until IS NULL OR ${r}.until > $asOf)`
    : `${r}.until IS NULL`;
}

/** Nodes created after `$asOf` did not exist then; nodes without a creation time always did. */
function nodeLive(x: string, asOf: boolean): string {
  return asOf ? ` AND (${x}.createdAt IS NULL OR ${x}.createdAt <= $asOf)` : '';
}

/** One step of a one-way walk. BOTH is never a hop: it is two walks (see `lineageCypher`). */
function hop(direction: OneWay, rel: string): string {
  return direction === LineageDirection.UPSTREAM ? `()<-[r:${rel}]-` : `()-[r:${rel}]->`;
}


/**
 * The lineage statement: one Cypher statement per request, no round trip per hop.
 *
 * Why this shape:
 * - `ANY SHORTEST` over a quantified path pattern is Neo4j 5's breadth-first search. From a
 *   single bound source with an unbound target the planner picks `StatefulShortestPath(All)`,
 *   which expands level by level, visits each node once (so diamonds and cycles cost nothing
 *   extra) and streams each newly reached node with its shortest depth. The `LIMIT $fetch`
 *   inside the subquery stops the search as soon as limit + 1 nodes are found, so a hub is
 *   never expanded in full and then trimmed; the extra row only tells us the answer is partial.
 * - Type, relation and time filters sit inside the quantified pattern, so they prune the search
 *   rather than filter its output.
 * - BOTH runs the upstream and the downstream search side by side and keeps the union, each node
 *   at its nearer depth. An undirected walk would instead turn at every node and pull in siblings
 *   (the other runs that read a dataset this run read), which are neither upstream nor downstream.
 *   Each side stops at limit + 1 like a one-way walk; the union is then cut to the nearest.
 * - Edges are then read only between the kept nodes, by expanding each kept node's INCOMING
 *   relationships and keeping those whose start is kept (`a IN ns`, a hashed lookup at run
 *   time). Every edge between two kept nodes is some kept node's incoming edge, and incoming
 *   degrees are small on this graph (a hub dataset has many outgoing INPUT_TO edges but almost
 *   no incoming ones; a run has more outgoing PRODUCED edges than incoming ones), so this is
 *   cheaper than expanding outgoing edges.
 * - On a large answer most of the time goes to reading the kept nodes' properties and edges,
 *   not to the search, which is why properties travel as lists and edges are read from the
 *   incoming side.
 *
 * The plan the statement should get, and what it cost when measured, are in docs/graph-model.md
 * ("Cost of the lineage statement"); a plan with a label scan, a Cartesian product or a round
 * trip per hop means this shape has been broken.
 */
export function lineageCypher(rootType: NodeType, req: LineageRequest): string {
  const asOf = req.asOf !== null;
  const rel = relExpr(req.relations);
  const search = (direction: OneWay) => `
    MATCH p = ANY SHORTEST (root)(${hop(direction, rel)}(x:${labelExpr(req.nodeTypes)}) WHERE ${edgeLive('r', asOf)}${nodeLive('x', asOf)}){1,${bound(req.depth)}}(n)
    WHERE n <> root
    WITH n, length(p) AS depth
    LIMIT $fetch
    RETURN n, depth`;
  const walks = walksOf(req.direction);
  const reached =
    walks.length === 1
      ? search(walks[0])
      : `
    CALL (root) {${walks.map(search).join('\n    UNION')}
    }
    WITH n, min(depth) AS depth
    ORDER BY depth, n.id
    LIMIT $fetch
    RETURN n, depth`;
  return `
MATCH (root:${labelOf(rootType)} {id: $id})
CALL (root) {
  CALL (root) {${reached}
  }
  RETURN collect(n) AS found, collect([labels(n), depth, ${facts('n')}]) AS rows
}
WITH root, [root] + found[0..$limit] AS ns, rows[0..$limit] AS kept, size(found) > $limit AS truncated
CALL (ns) {
  UNWIND ns AS b
  MATCH (a)-[e:${rel}]->(b)
  WHERE a IN ns AND ${edgeLive('e', asOf)}
  RETURN collect(DISTINCT [a.id, b.id, type(e)]) AS edges
}
RETURN labels(root) AS rootLabels, ${facts('root')} AS root, kept AS nodes, edges, truncated`;
}

/** All shortest paths between two nodes, in either direction along lineage relations. */
export function pathsCypher(fromType: NodeType, toType: NodeType, maxDepth: number, relations: readonly LineageRelation[]): string {
  return `
MATCH (a:${labelOf(fromType)} {id: $from}), (b:${labelOf(toType)} {id: $to})
OPTIONAL MATCH p = ALL SHORTEST (a)(()-[r:${relExpr(relations)}]-() WHERE r.until IS NULL){1,${bound(maxDepth)}}(b)
WITH a, b, p LIMIT $limit
RETURN a.id AS fromId, b.id AS toId,
       collect(CASE WHEN p IS NULL THEN null ELSE {
         nodes: [x IN nodes(p) | [labels(x), 0, ${facts('x')}]],
         rels: [r IN relationships(p) | [startNode(r).id, endNode(r).id, type(r)]]
       } END) AS paths`;
}

/** Whether a node exists; tells which end of a path query is missing. */
export const existsCypher = (type: NodeType) => `MATCH (n:${labelOf(type)} {id: $id}) RETURN n.id AS id`;

export interface RawNode {
  readonly labels: string[];
  readonly facts: Row;
  readonly depth: number;
}

type NodeTuple = [string[], number, unknown[]];
const fromTuple = ([labels, depth, values]: NodeTuple): RawNode => ({ labels, depth, facts: factsOf(values) });

export interface RawLineage {
  readonly rootLabels: string[];
  readonly root: Row;
  readonly nodes: RawNode[];
  readonly edges: [string, string, string][];
  readonly truncated: boolean;
}

export interface RawPath {
  readonly nodes: RawNode[];
  readonly rels: [string, string, string][];
}

/** The `dm.*` properties ingestion writes from `methods_<run_id>.json` (docs/graph-model.md, Side files). */
export const DETECTION_METHODS = `
UNWIND $ids AS key
MATCH (r:Run {id: key})
WITH key, [k IN keys(r) WHERE k STARTS WITH 'dm.' | [substring(k, 3), r[k]]] AS pairs
WHERE size(pairs) > 0
RETURN key, pairs`;

export interface Reached<T> {
  readonly node: T;
  /** Ids along the shortest path, from the root to the node. */
  readonly path: string[];
}

export class LineageRepository {
  constructor(private readonly graph: GraphExecutor) {}

  /** For DataLoader: one list per key, in key order. */
  async reachable<T>(
    ids: readonly string[],
    q: { rootType: NodeType; direction: OneWay; target: NodeType; depth: number; viaProducers: boolean; limit: number },
    map: (row: Row) => T,
  ): Promise<Reached<T>[][]> {
    const rows = await this.graph.query('lineage.reachable', reachableCypher(q.rootType, q.direction, q.target, q.depth, q.viaProducers), {
      ids,
      limit: toNeoInt(q.limit),
    });
    const byKey = new Map<string, Reached<T>[]>();
    for (const r of rows) {
      const list = byKey.get(String(r.key)) ?? [];
      list.push({ node: map(r.node as Row), path: r.path as string[] });
      byKey.set(String(r.key), list);
    }
    return ids.map((k) => byKey.get(k) ?? []);
  }

  /** For DataLoader: the run's detection-method facts as a key → value map, or null when none was ingested. */
  async detectionMethods(ids: readonly string[]): Promise<(Record<string, unknown> | null)[]> {
    const rows = await this.graph.query('lineage.detectionMethods', DETECTION_METHODS, { ids });
    const found = new Map(rows.map((r) => [String(r.key), Object.fromEntries(r.pairs as [string, unknown][])]));
    return ids.map((k) => found.get(k) ?? null);
  }

  async runsFeedingReports<R, P>(
    q: { experimentId: string | null; reportId: string | null; depth: number },
    page: { offset: number; limit: number },
    toRunRec: (row: Row) => R,
    toReportRec: (row: Row) => P,
  ): Promise<{ total: number; items: { run: R; report: P; pathLength: number }[] }> {
    const [row] = await this.graph.query('lineage.runsFeedingReports', runsFeedingReportsCypher(q.reportId !== null, q.depth), {
      experimentId: q.experimentId,
      reportId: q.reportId,
      ...pageParams(page),
    });
    const items = (row.items as { run: Row; report: Row; pathLength: number }[]).map((x) => ({
      run: toRunRec(x.run),
      report: toReportRec(x.report),
      pathLength: x.pathLength,
    }));
    return { total: row.total as number, items };
  }

  /** Null when the root does not exist. */
  async lineage(rootType: NodeType, id: string, req: LineageRequest, timeoutMs?: number): Promise<RawLineage | null> {
    const cypher = lineageCypher(rootType, req);
    const params = {
      id,
      limit: toNeoInt(req.limit),
      fetch: toNeoInt(req.limit + 1),
      asOf: req.asOf ? toNeoDateTime(req.asOf) : null,
    };
    const [row] = await this.graph.read('lineage.graph', (tx) => tx.run(cypher, params), timeoutMs);
    if (!row) return null;
    return {
      rootLabels: row.rootLabels as string[],
      root: factsOf(row.root as unknown[]),
      nodes: (row.nodes as NodeTuple[]).map(fromTuple),
      edges: row.edges as [string, string, string][],
      truncated: row.truncated as boolean,
    };
  }

  async exists(node: { type: NodeType; id: string }): Promise<boolean> {
    const rows = await this.graph.query('lineage.exists', existsCypher(node.type), { id: node.id });
    return rows.length > 0;
  }

  /** Null when either end does not exist; `paths` is empty when they are not connected. */
  async shortestPaths(
    from: { type: NodeType; id: string },
    to: { type: NodeType; id: string },
    maxDepth: number,
    relations: readonly LineageRelation[],
    limit: number,
  ): Promise<{ fromId: string; toId: string; paths: RawPath[] } | null> {
    const rows = await this.graph.query('lineage.paths', pathsCypher(from.type, to.type, maxDepth, relations), {
      from: from.id,
      to: to.id,
      limit: toNeoInt(limit),
    });
    const [row] = rows;
    if (!row) return null;
    const paths = (row.paths as { nodes: NodeTuple[]; rels: [string, string, string][] }[]).map((p) => ({ nodes: p.nodes.map(fromTuple), rels: p.rels }));
    return { fromId: String(row.fromId), toId: String(row.toId), paths };
  }
}

/** Relations data flows along; containment (store, experiment, registered model) is left out. */
export const DATA_FLOW: readonly LineageRelation[] = ['PARENT_OF', 'INPUT_TO', 'PRODUCED', 'REGISTERED_AS', 'FEEDS'] as LineageRelation[];

/**
 * Nodes of one type reachable from each key, with the shortest path to each (ids, root first).
 * `ANY SHORTEST` keeps one path per target, so a diamond yields one row, and the walk is bounded
 * by the depth and `$limit` per key. Model versions also start from the runs that produced them,
 * so `ModelVersion.reports` covers reports fed by sibling outputs of the training run.
 */
export function reachableCypher(rootType: NodeType, direction: OneWay, target: NodeType, depth: number, viaProducers: boolean): string {
  const rel = relExpr(DATA_FLOW);
  const roots = viaProducers
    ? `OPTIONAL MATCH (pr:Run)-[pe:PRODUCED WHERE pe.until IS NULL]->(root0)
  WITH key, root0, [root0] + collect(pr) AS starts UNWIND starts AS root`
    : `WITH key, root0, root0 AS root`;
  return `
UNWIND $ids AS key
MATCH (root0:${labelOf(rootType)} {id: key})
${roots}
CALL (root, root0) {
  MATCH p = ANY SHORTEST (root)(${hop(direction, rel)}(x) WHERE r.until IS NULL){1,${bound(depth)}}(t:${labelOf(target)})
  WHERE t <> root0
  RETURN t, [y IN nodes(p) | y.id] AS path
  LIMIT $limit
}
WITH key, t, path ORDER BY size(path)
WITH key, t, head(collect(path)) AS path
RETURN key, t{.*} AS node, path`;
}

/**
 * Flat (run, report, path length) rows for compliance scripts: every run of an experiment (or
 * every run upstream of one report) and each report it feeds along data-flow edges, ordered by
 * run id, then report id. One statement returns the page and the total.
 */
export function runsFeedingReportsCypher(byReport: boolean, depth: number): string {
  const rel = relExpr(DATA_FLOW);
  const match = byReport
    ? `MATCH (rep:Report {id: $reportId})
MATCH p = ANY SHORTEST (rep)(()<-[r:${rel}]-() WHERE r.until IS NULL){1,${bound(depth)}}(run:Run)
WHERE $experimentId IS NULL OR EXISTS { (:Experiment {id: $experimentId})-[:HAS_RUN]->(run) }`
    : `MATCH (:Experiment {id: $experimentId})-[:HAS_RUN]->(run:Run)
MATCH p = ANY SHORTEST (run)(()-[r:${rel}]->() WHERE r.until IS NULL){1,${bound(depth)}}(rep:Report)`;
  return `
${match}
WITH run, rep, length(p) AS hops ORDER BY run.id, rep.id
WITH collect([run, rep, hops]) AS rows
CALL (rows) {
  UNWIND rows[$offset..($offset + $limit)] AS x
  WITH x[0] AS run, x[1] AS rep, x[2] AS hops
  RETURN collect({run: run{.*}, report: rep{.*}, pathLength: hops}) AS items
}
RETURN size(rows) AS total, items`;
}
