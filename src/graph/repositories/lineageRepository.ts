import { LineageDirection, type LineageRequest, type OneWay, walksOf } from '../../domain/lineage';
import { labelOf, type NodeType, nodeTypeForLabel } from '../../domain/nodeType';
import { type LineageClocks, NO_CLOCKS, SOURCE_TIME_PROPERTIES } from '../../domain/lineageClock';
import { ALL_RELATIONS, LineageRelation } from '../../domain/relation';
import { pageParams, toNeoDateTime, toNeoInt } from '../convert';
import type { GraphExecutor, Row, Tx } from '../executor';
import { MAX_PROVENANCE_NODES, MODEL_HASH_TAGS, SIGNAL_FIGURES, type UpstreamFacts, type UpstreamNodeFacts } from '../../domain/provenanceManifest';

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

/**
 * An edge is live now when it has not been superseded, and at `$asOf` (the recorded clock) when
 * pv-lineage had written it and not yet superseded it then.
 */
function edgeLive(r: string, asOf: boolean): string {
  return asOf
    ? `(${r}.since IS NULL OR ${r}.since <= $asOf) AND (${r}.until IS NULL OR ${r}.until > $asOf)`
    : `${r}.until IS NULL`;
}

/**
 * A node's source time as Cypher, from the closed table in the domain: one CASE arm per timed
 * label, null for types with no time of their own.
 */
function sourceTime(x: string): string {
  const arms = Object.entries(SOURCE_TIME_PROPERTIES).map(([type, props]) => {
    const value = (props as readonly string[]).map((k) => `${x}.${k}`).join(', ');
    return `WHEN ${x}:${labelOf(type as NodeType)} THEN coalesce(${value})`;
  });
  return `CASE ${arms.join(' ')} ELSE null END`;
}

/**
 * On the source clock a node exists at `$validAt` when its source time is not after it; a node
 * without one passes, since the walk reaches it only through a timed neighbour that passed
 * (a dataset through a run that read or wrote it). docs/time.md has the argument.
 */
function nodeValid(x: string, validAt: boolean): string {
  return validAt ? ` AND ${validAtCondition(x)}` : '';
}

/** The `nodeValid` condition on its own, for a node bound outside a quantified pattern (a root, a path's start). */
function validAtCondition(x: string): string {
  return `coalesce(${sourceTime(x)}, $validAt) <= $validAt`;
}

/** Which clocks a statement is built for; the instants themselves travel as `$asOf` / `$validAt`. */
export interface ClockFlags {
  readonly asOf: boolean;
  readonly validAt: boolean;
}

const NO_CLOCK_FLAGS: ClockFlags = { asOf: false, validAt: false };

const flagsOf = (clocks: LineageClocks): ClockFlags => ({ asOf: clocks.asOf !== null, validAt: clocks.validAt !== null });

/** The two instants as statement parameters (null when not asked). */
const clockParams = (clocks: LineageClocks) => ({
  asOf: clocks.asOf ? toNeoDateTime(clocks.asOf) : null,
  validAt: clocks.validAt ? toNeoDateTime(clocks.validAt) : null,
});

/**
 * When the root came to exist on each clock asked for. Recorded: the earliest `since` of its
 * lineage relationships (null, i.e. "always", when one of them predates timestamps). Source: its
 * own source time, else the earliest of its neighbours' (a dataset: the first run touching it).
 */
function rootTimes(asOf: boolean, validAt: boolean): string {
  const all = relExpr(ALL_RELATIONS);
  const recorded = asOf
    ? `CALL (root) {
  OPTIONAL MATCH (root)-[e:${all}]-()
  RETURN CASE WHEN count(e) > count(e.since) THEN null ELSE min(e.since) END AS recordedAt
}`
    : 'WITH root, null AS recordedAt';
  const source = validAt
    ? `CALL (root) {
  WITH root WHERE ${sourceTime('root')} IS NULL
  OPTIONAL MATCH (root)-[:${all}]-(m)
  RETURN min(${sourceTime('m')}) AS neighbourFrom
}
WITH root, recordedAt, coalesce(${sourceTime('root')}, neighbourFrom) AS validFrom`
    : 'WITH root, recordedAt, null AS validFrom';
  return `${recorded}
${source}
WITH root, recordedAt, validFrom,
     (recordedAt IS NULL OR $asOf IS NULL OR recordedAt <= $asOf) AND (validFrom IS NULL OR $validAt IS NULL OR validFrom <= $validAt) AS existed`;
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
  const validAt = req.validAt !== null;
  const rel = relExpr(req.relations);
  const search = (direction: OneWay) => `
    WITH root WHERE existed
    MATCH p = ANY SHORTEST (root)(${hop(direction, rel)}(x:${labelExpr(req.nodeTypes)}) WHERE ${edgeLive('r', asOf)}${nodeValid('x', validAt)}){1,${bound(req.depth)}}(n)
    WHERE n <> root
    WITH n, length(p) AS depth
    LIMIT $fetch
    RETURN n, depth`;
  const walks = walksOf(req.direction);
  const reached =
    walks.length === 1
      ? search(walks[0])
      : `
    CALL (root, existed) {${walks.map(search).join('\n    UNION')}
    }
    WITH n, min(depth) AS depth
    ORDER BY depth, n.id
    LIMIT $fetch
    RETURN n, depth`;
  return `
MATCH (root:${labelOf(rootType)} {id: $id})
${rootTimes(asOf, validAt)}
CALL (root, existed) {
  CALL (root, existed) {${reached}
  }
  RETURN collect(n) AS found, collect([labels(n), depth, ${facts('n')}]) AS rows
}
WITH root, recordedAt, validFrom, existed, [root] + found[0..$limit] AS ns, rows[0..$limit] AS kept, size(found) > $limit AS truncated
CALL (ns) {
  UNWIND ns AS b
  MATCH (a)-[e:${rel}]->(b)
  WHERE a IN ns AND ${edgeLive('e', asOf)}
  RETURN collect(DISTINCT [a.id, b.id, type(e)]) AS edges
}
RETURN labels(root) AS rootLabels, ${facts('root')} AS root, kept AS nodes, edges, truncated, recordedAt, validFrom, existed`;
}

/**
 * All shortest paths between two nodes, in either direction along lineage relations, on the
 * clocks asked for: every edge recorded at `$asOf` (live now without it), every node valid at
 * `$validAt` (the start `a` by its own source time, each later node in the hop's WHERE).
 */
export function pathsCypher(fromType: NodeType, toType: NodeType, maxDepth: number, relations: readonly LineageRelation[], clocks: ClockFlags = NO_CLOCK_FLAGS): string {
  const start = clocks.validAt ? validAtCondition('a') : 'true';
  return `
MATCH (a:${labelOf(fromType)} {id: $from}), (b:${labelOf(toType)} {id: $to})
OPTIONAL MATCH p = ALL SHORTEST (a)(()-[r:${relExpr(relations)}]-(x) WHERE ${edgeLive('r', clocks.asOf)}${nodeValid('x', clocks.validAt)}){1,${bound(maxDepth)}}(b)
WHERE ${start}
WITH a, b, p LIMIT $limit
RETURN a.id AS fromId, b.id AS toId,
       collect(CASE WHEN p IS NULL THEN null ELSE {
         nodes: [x IN nodes(p) | [labels(x), 0, ${facts('x')}]],
         rels: [r IN relationships(p) | [startNode(r).id, endNode(r).id, type(r)]]
       } END) AS paths`;
}

/**
 * When each end of a path question came to exist on the clocks asked for: the same `rootTimes`
 * as a lineage walk's root, once per end (one row per end that exists).
 */
export function endTimesCypher(fromType: NodeType, toType: NodeType, clocks: ClockFlags): string {
  return `
CALL () {
  MATCH (root:${labelOf(fromType)} {id: $from}) RETURN root
  UNION ALL
  MATCH (root:${labelOf(toType)} {id: $to}) RETURN root
}
${rootTimes(clocks.asOf, clocks.validAt)}
RETURN root.id AS id, recordedAt, validFrom, existed`;
}

/** Whether a node exists; tells which end of a path query is missing. */
export const existsCypher = (type: NodeType) => `MATCH (n:${labelOf(type)} {id: $id}) RETURN n.id AS id`;

export interface RawNode {
  readonly labels: string[];
  readonly facts: Row;
  readonly depth: number;
}

/** Temporal values arrive as ISO strings from the executor's conversion. */
const dateOrNull = (v: unknown): Date | null => (v === null || v === undefined ? null : new Date(String(v)));

type NodeTuple = [string[], number, unknown[]];
const fromTuple = ([labels, depth, values]: NodeTuple): RawNode => ({ labels, depth, facts: factsOf(values) });

export interface RawLineage {
  readonly rootLabels: string[];
  readonly root: Row;
  readonly nodes: RawNode[];
  readonly edges: [string, string, string][];
  readonly truncated: boolean;
  /** Null when no clock was asked for, or the root has no time on it. */
  readonly recordedAt: Date | null;
  readonly validFrom: Date | null;
  readonly existed: boolean;
}

/** When a node came to exist on each clock asked for, and whether it had at the instants asked. */
export interface RawRootTimes {
  readonly recordedAt: Date | null;
  readonly validFrom: Date | null;
  readonly existed: boolean;
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

  /** For DataLoader: one list per key, in key order, every key on the same clocks (none: now). */
  async reachable<T>(
    ids: readonly string[],
    q: { rootType: NodeType; direction: OneWay; target: NodeType; depth: number; viaProducers: boolean; limit: number },
    map: (row: Row) => T,
    clocks: LineageClocks = NO_CLOCKS,
  ): Promise<Reached<T>[][]> {
    const rows = await this.graph.query('lineage.reachable', reachableCypher(q.rootType, q.direction, q.target, q.depth, q.viaProducers, flagsOf(clocks)), {
      ids,
      limit: toNeoInt(q.limit),
      ...clockParams(clocks),
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
    const params = { id, limit: toNeoInt(req.limit), fetch: toNeoInt(req.limit + 1), ...clockParams(req) };
    const [row] = await this.graph.read('lineage.graph', (tx) => tx.run(cypher, params), timeoutMs);
    if (!row) return null;
    return {
      rootLabels: row.rootLabels as string[],
      root: factsOf(row.root as unknown[]),
      nodes: (row.nodes as NodeTuple[]).map(fromTuple),
      edges: row.edges as [string, string, string][],
      truncated: row.truncated as boolean,
      recordedAt: dateOrNull(row.recordedAt),
      validFrom: dateOrNull(row.validFrom),
      existed: row.existed as boolean,
    };
  }

  /**
   * The upstream provenance of one report version (`upstreamProvenanceCypher`), inside the
   * caller's transaction when it gives one (signing reads it under the report's lock).
   */
  async upstreamProvenance(version: ProvenanceRoot, depth: number, tx?: Tx): Promise<UpstreamFacts> {
    const cypher = upstreamProvenanceCypher(depth);
    const params = {
      runs: version.generatedFromRuns,
      modelVersions: version.modelVersions,
      datasets: version.datasets,
      signals: version.signals,
      hashTags: MODEL_HASH_TAGS,
      figureKeys: SIGNAL_FIGURES,
      limit: toNeoInt(MAX_PROVENANCE_NODES),
      fetch: toNeoInt(MAX_PROVENANCE_NODES + 1),
    };
    const [row] = tx ? await tx.run(cypher, params) : await this.graph.read('lineage.upstreamProvenance', (t) => t.run(cypher, params));
    const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
    type NodeRow = [string[], string, unknown, unknown, unknown, unknown, unknown, unknown, unknown, unknown, unknown[], unknown[]];
    const nodes = (row.nodes as NodeRow[]).map(
      ([labels, id, status, stage, fingerprint, gitCommit, name, v, runId, source, hashTags, figures]): UpstreamNodeFacts => ({
        id,
        type: nodeLabel(labels),
        status: str(status),
        lifecycleStage: str(stage),
        fingerprint: str(fingerprint),
        gitCommit: str(gitCommit),
        name: str(name),
        version: typeof v === 'number' ? v : null,
        runId: str(runId),
        source: str(source),
        hashTags: hashTags.map(str),
        figures: figures.map(str),
      }),
    );
    type EdgeRow = [string, string, string, string[], unknown, unknown];
    return {
      reportId: version.reportId,
      version: version.version,
      depth,
      truncated: row.truncated as boolean,
      nodes,
      edges: (row.edges as EdgeRow[]).map(([from, type, to, labels, context, digest]) => ({ from, type, to, fromType: nodeLabel(labels), context: str(context), digest: str(digest) })),
      jobs: row.jobs as [string, string][],
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
    clocks: LineageClocks = NO_CLOCKS,
  ): Promise<{ fromId: string; toId: string; paths: RawPath[] } | null> {
    const cypher = pathsCypher(from.type, to.type, maxDepth, relations, flagsOf(clocks));
    const rows = await this.graph.query('lineage.paths', cypher, { from: from.id, to: to.id, limit: toNeoInt(limit), ...clockParams(clocks) });
    const [row] = rows;
    if (!row) return null;
    const paths = (row.paths as { nodes: NodeTuple[]; rels: [string, string, string][] }[]).map((p) => ({ nodes: p.nodes.map(fromTuple), rels: p.rels }));
    return { fromId: String(row.fromId), toId: String(row.toId), paths };
  }

  /** The times of both ends of a path question, by id; an end that does not exist is absent from the map. */
  async endTimes(from: { type: NodeType; id: string }, to: { type: NodeType; id: string }, clocks: LineageClocks): Promise<Map<string, RawRootTimes>> {
    const rows = await this.graph.query('lineage.endTimes', endTimesCypher(from.type, to.type, flagsOf(clocks)), { from: from.id, to: to.id, ...clockParams(clocks) });
    return new Map(rows.map((r) => [String(r.id), { recordedAt: dateOrNull(r.recordedAt), validFrom: dateOrNull(r.validFrom), existed: r.existed as boolean }]));
  }
}

/** What a provenance walk starts from: a report version's named sources. */
export interface ProvenanceRoot {
  readonly reportId: string;
  readonly version: number;
  readonly generatedFromRuns: readonly string[];
  readonly modelVersions: readonly string[];
  readonly datasets: readonly string[];
  readonly signals: readonly string[];
}

/** A node's type for the manifest: its lineage label (nodes carry one), or the first label in name order. */
function nodeLabel(labels: readonly string[]): string {
  const known = labels.find((l) => nodeTypeForLabel(l) !== undefined);
  return known ?? [...labels].sort()[0] ?? '';
}

/** Relations data flows along; containment (store, experiment, registered model) is left out. */
export const DATA_FLOW: readonly LineageRelation[] = ['PARENT_OF', 'INPUT_TO', 'PRODUCED', 'REGISTERED_AS', 'FEEDS'] as LineageRelation[];

/**
 * Nodes of one type reachable from each key, with the shortest path to each (ids, root first).
 * `ANY SHORTEST` keeps one path per target, so a diamond yields one row, and the walk is bounded
 * by the depth and `$limit` per key. Model versions also start from the runs that produced them,
 * so `ModelVersion.reports` covers reports fed by sibling outputs of the training run.
 *
 * On the clocks, the same rules as `lineageCypher` (`edgeLive`, `nodeValid`), and a root that
 * did not exist yet reaches nothing. Only the root's own source time needs checking: on the
 * recorded clock a root not yet recorded has no edge recorded then, and a root without a source
 * time of its own (a dataset) is only as old as its neighbours, none of which the walk passes
 * before they existed. Without a clock the statement is the one it always was.
 */
export function reachableCypher(rootType: NodeType, direction: OneWay, target: NodeType, depth: number, viaProducers: boolean, clocks: ClockFlags = NO_CLOCK_FLAGS): string {
  const rel = relExpr(DATA_FLOW);
  const producerValid = clocks.validAt ? ` WHERE ${validAtCondition('pr')}` : '';
  const roots = viaProducers
    ? `OPTIONAL MATCH (pr:Run)-[pe:PRODUCED WHERE ${edgeLive('pe', clocks.asOf)}]->(root0)${producerValid}
  WITH key, root0, [root0] + collect(pr) AS starts UNWIND starts AS root`
    : `WITH key, root0, root0 AS root`;
  return `
UNWIND $ids AS key
MATCH (root0:${labelOf(rootType)} {id: key})${clocks.validAt ? `\nWHERE ${validAtCondition('root0')}` : ''}
${roots}
CALL (root, root0) {
  MATCH p = ANY SHORTEST (root)(${hop(direction, rel)}(x) WHERE ${edgeLive('r', clocks.asOf)}${nodeValid('x', clocks.validAt)}){1,${bound(depth)}}(t:${labelOf(target)})
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

/**
 * A signed version's upstream provenance, read in one statement (`provenanceManifest.ts` says
 * what counts): from the sources the version names (not the report's live FEEDS edges, which a
 * later revision moves) against the live data-flow edges, up to `depth` hops and `$fetch` nodes;
 * then the live data-flow edges between the nodes kept and the job each kept run executes.
 */
export function upstreamProvenanceCypher(depth: number): string {
  const rel = relExpr(DATA_FLOW);
  return `
CALL () {
  MATCH (s:Run) WHERE s.id IN $runs RETURN s
  UNION MATCH (s:ModelVersion) WHERE s.id IN $modelVersions RETURN s
  UNION MATCH (s:Dataset) WHERE s.id IN $datasets RETURN s
  UNION MATCH (s:Signal) WHERE s.id IN $signals RETURN s
}
WITH collect(s) AS starts
CALL (starts) {
  UNWIND starts AS s
  MATCH p = ANY SHORTEST (s)(${hop(LineageDirection.UPSTREAM, rel)}(x) WHERE r.until IS NULL){1,${bound(depth)}}(n)
  WHERE NOT n IN starts
  WITH DISTINCT n LIMIT $fetch
  RETURN collect(n) AS found
}
WITH starts + found[0..$limit] AS ns, size(found) > $limit AS truncated
CALL (ns) {
  UNWIND ns AS b
  MATCH (a)-[e:${rel}]->(b)
  WHERE a IN ns AND e.until IS NULL
  RETURN collect(DISTINCT [a.id, type(e), b.id, labels(a), e.context, e.digest]) AS edges
}
CALL (ns) {
  UNWIND ns AS b
  MATCH (j:Job)-[:HAS_RUN]->(b)
  RETURN collect(DISTINCT [j.id, b.id]) AS jobs
}
RETURN truncated, edges, jobs,
  [n IN ns | [labels(n), n.id, n.status, n.lifecycleStage, n.fingerprint, n.gitCommit, n.name, n.version, n.runId, n.source,
              [t IN $hashTags | n['t.' + t]], [k IN $figureKeys | n[k]]]] AS nodes`;
}
