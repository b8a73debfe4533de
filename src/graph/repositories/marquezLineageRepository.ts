import type { MarquezNodeType } from '../../domain/marquezLineage';
import { NodeType, labelOf } from '../../domain/nodeType';
import { toNeoInt } from '../convert';
import type { GraphExecutor, Row } from '../executor';

/**
 * Marquez's lineage graph (`GET /api/v1/lineage`) read from ours: Marquez draws datasets and jobs
 * only, so a Marquez edge dataset→job is some run of the job reading the dataset, and job→dataset
 * some run producing it. One step of Marquez's `depth` is two relationships here, one of them the
 * run's HAS_RUN.
 *
 * One statement per request. The search is a breadth-first walk folded with `reduce`, one level
 * per step, rather than a quantified path: a path that enters a job through one run and leaves
 * it through the same run uses that run's HAS_RUN twice, which Neo4j 5's path patterns never
 * allow, so they would miss a job's own outputs. `walk.seen` lists the nodes in the order reached
 * and `walk.from` where the last level starts, so each level expands only the newest nodes and
 * keeps only unseen ones, both directions (Marquez answers the connected graph). The walk stops
 * once `$fetch` nodes are seen, so a hub is never expanded in full. The depth is a $parameter, so
 * every depth shares one plan. Then each kept job's inputs and outputs, deduplicated across its
 * runs. Superseded edges (`until` set) are not lineage any more.
 */
const ROOT_LABEL: Readonly<Record<MarquezNodeType, string>> = { DATASET: labelOf(NodeType.DATASET), JOB: labelOf(NodeType.JOB) };
const DATASET = labelOf(NodeType.DATASET);
const JOB = labelOf(NodeType.JOB);
const RUN = labelOf(NodeType.RUN);
const STEP = 'INPUT_TO|PRODUCED|HAS_RUN';

/** Every unseen dataset and job one step from the last level, each once, within the node budget. */
const NEXT_LEVEL = `reduce(found = [], y IN reduce(all = [], x IN walk.seen[walk.from..] |
      all + [(x)-[a:${STEP}]-(:${RUN})-[b:${STEP}]-(y:${DATASET}|${JOB})
             WHERE a.until IS NULL AND b.until IS NULL AND (type(a) = 'HAS_RUN') <> (type(b) = 'HAS_RUN') AND NOT y IN walk.seen | y])
    | CASE WHEN y IN found THEN found ELSE found + y END)[0..($fetch - size(walk.seen))]`;

/** A job's datasets on one side, over all its runs, each once. */
const jobSide = (pattern: string, rel: string) =>
  `CASE WHEN n:${JOB} THEN COLLECT { MATCH ${pattern} WHERE ${rel}.until IS NULL RETURN DISTINCT [d.id, d.namespace, d.name] } ELSE [] END`;

export function marquezLineageCypher(rootType: MarquezNodeType): string {
  return `
MATCH (root:${ROOT_LABEL[rootType]} {id: $id})
WITH reduce(walk = {seen: [root], from: 0}, level IN range(1, $depth) |
  CASE WHEN walk.from >= size(walk.seen) OR size(walk.seen) >= $fetch THEN walk
  ELSE {from: size(walk.seen), seen: walk.seen + ${NEXT_LEVEL}} END).seen AS seen
WITH seen[0..$limit] AS ns, size(seen) > $limit AS truncated
UNWIND ns AS n
RETURN truncated, n.id AS id, n:${JOB} AS isJob,
  n{.namespace, .name, schemaJson: coalesce(n.olSchemaJson, n.schemaJson), .source, .sourceType, .description} AS props,
  ${jobSide(`(d:${DATASET})-[i:INPUT_TO]->(:${RUN})<-[:HAS_RUN]-(n)`, 'i')} AS inputs,
  ${jobSide(`(n)-[:HAS_RUN]->(:${RUN})-[o:PRODUCED]->(d:${DATASET})`, 'o')} AS outputs,
  CASE WHEN n:${JOB} THEN COLLECT {
    MATCH (n)-[:HAS_RUN]->(r:${RUN})
    WITH r ORDER BY r.startTime IS NULL, r.startTime DESC, r.id LIMIT 1
    RETURN r{.runId, .status, .startTime, .endTime}
  } ELSE [] END AS latestRun`;
}

/** One kept node: a dataset's properties, or a job's with its inputs and outputs as `[id, namespace, name]`. */
export interface MarquezRow {
  readonly id: string;
  readonly isJob: boolean;
  readonly props: Row;
  readonly inputs: [string, string, string][];
  readonly outputs: [string, string, string][];
  readonly latestRun: Row | null;
}

export interface MarquezLineageRows {
  readonly nodes: MarquezRow[];
  readonly truncated: boolean;
}

export class MarquezLineageRepository {
  constructor(private readonly graph: GraphExecutor) {}

  /** The root and the nodes around it, `limit` at most (root included), or null when the root does not exist. */
  async lineage(rootType: MarquezNodeType, id: string, depth: number, limit: number): Promise<MarquezLineageRows | null> {
    const rows = await this.graph.query('openlineage.marquezLineage', marquezLineageCypher(rootType), { id, depth: toNeoInt(depth), limit: toNeoInt(limit), fetch: toNeoInt(limit + 1) });
    if (rows.length === 0) return null;
    return {
      truncated: rows[0].truncated === true,
      nodes: rows.map((r) => ({
        id: String(r.id),
        isJob: r.isJob === true,
        props: r.props as Row,
        inputs: r.inputs as [string, string, string][],
        outputs: r.outputs as [string, string, string][],
        latestRun: ((r.latestRun as Row[])[0] ?? null) as Row | null,
      })),
    };
  }
}
