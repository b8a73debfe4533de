import { BadInputError, NotFoundError } from '../../domain/errors';
import { DEFAULT_LINEAGE_LIMIT } from '../../domain/lineage';
import {
  type LineageSubject,
  type MarquezNode,
  formatMarquezNodeId,
  graphIdOf,
  marquezGraph,
  parseMarquezDepth,
  parseMarquezNodeId,
} from '../../domain/marquezLineage';
import type { MarquezLineageRepository, MarquezRow } from '../../graph/repositories/marquezLineageRepository';
import { nameProblem } from '../../sources/openlineage/guards';

export interface MarquezLineageQuery {
  readonly nodeId?: string | null;
  readonly depth?: string | null;
}

export interface MarquezLineageAnswer {
  readonly graph: MarquezNode[];
  /** More nodes were within `depth` than one answer holds; the nearest were kept. */
  readonly truncated: boolean;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const datasetRef = ([, namespace, name]: [string, string, string]) => ({ namespace, name });

/** A dataset's schema facet fields as Marquez lists them. */
function fieldsOf(schemaJson: unknown): { name: string; type: string | null; tags: string[]; description: string | null }[] {
  if (typeof schemaJson !== 'string') return [];
  const fields = JSON.parse(schemaJson) as unknown;
  if (!Array.isArray(fields)) return [];
  return fields
    .filter((f): f is Record<string, unknown> => f !== null && typeof f === 'object' && typeof (f as { name?: unknown }).name === 'string')
    .map((f) => ({ name: String(f.name), type: str(f.type), tags: [], description: str(f.description) }));
}

/** Marquez's `data` for a node: the fields its clients read, from what the graph holds. */
function subjectOf(row: MarquezRow): LineageSubject {
  const namespace = String(row.props.namespace);
  const name = String(row.props.name);
  const id = { namespace, name };
  if (!row.isJob) {
    return {
      graphId: row.id,
      type: 'DATASET',
      namespace,
      name,
      data: { type: 'DATASET', id, name, physicalName: name, namespace, sourceName: namespace, description: str(row.props.description), fields: fieldsOf(row.props.schemaJson), tags: [] },
    };
  }
  const run = row.latestRun;
  return {
    graphId: row.id,
    type: 'JOB',
    namespace,
    name,
    data: {
      type: 'BATCH',
      id,
      name,
      simpleName: name,
      namespace,
      description: str(row.props.description),
      inputs: row.inputs.map(datasetRef),
      outputs: row.outputs.map(datasetRef),
      latestRun: run ? { id: str(run.runId), state: str(run.status), startedAt: str(run.startTime), endedAt: str(run.endTime) } : null,
    },
  };
}

/**
 * Marquez's `GET /api/v1/lineage`: the datasets and jobs within `depth` steps of `nodeId`, in
 * Marquez's shape. A dataset id may use any spelling the naming rules reduce to its node.
 */
export async function marquezLineage(repo: MarquezLineageRepository, q: MarquezLineageQuery, maxDepth: number): Promise<MarquezLineageAnswer> {
  const nodeId = parseMarquezNodeId(q.nodeId);
  // A name no event could have stored names no node: refused as malformed, not answered 404.
  for (const part of ['namespace', 'name'] as const) {
    const problem = nameProblem(nodeId[part]);
    if (problem) throw new BadInputError('nodeId', `Query parameter "nodeId": its ${part} ${problem}`);
  }
  const depth = parseMarquezDepth(q.depth, maxDepth);
  const found = await repo.lineage(nodeId.type, graphIdOf(nodeId), depth, DEFAULT_LINEAGE_LIMIT);
  if (!found) throw new NotFoundError(nodeId.type === 'JOB' ? 'Job' : 'Dataset', formatMarquezNodeId(nodeId.type, nodeId.namespace, nodeId.name));
  const subjects = found.nodes.map(subjectOf);
  const edges: [string, string][] = found.nodes.filter((n) => n.isJob).flatMap((j) => [
    ...j.inputs.map(([d]) => [d, j.id] as [string, string]),
    ...j.outputs.map(([d]) => [j.id, d] as [string, string]),
  ]);
  return { ...marquezGraph(subjects, edges), truncated: found.truncated };
}
