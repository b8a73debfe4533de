import { BadInputError, NodeNotFoundError } from '../../domain/errors';
import { type ColumnLineageArgs, type ColumnLineageGraph, columnLineageRequest, sortColumnLineage } from '../../domain/columnLineage';
import { parseId } from '../../domain/ids';
import { NodeType } from '../../domain/nodeType';
import type { DatasetFieldRepository } from '../../graph/repositories/datasetFieldRepository';

/** What a column-lineage read needs; GraphQL and the Marquez-compatible route both give it. */
export interface ColumnLineageDeps {
  readonly fields: DatasetFieldRepository;
  readonly maxDepth: number;
}

/**
 * The column-lineage subgraph around a field, or around every field of a dataset: one bounded
 * statement. BAD_USER_INPUT for a malformed id, an id of another type, a depth outside 1..max or
 * an `asOf` in the future; NOT_FOUND for a well-formed id nothing has.
 */
export async function columnLineage(deps: ColumnLineageDeps, id: string, args: ColumnLineageArgs, argument = 'id'): Promise<ColumnLineageGraph> {
  const { type } = parseId(id, argument);
  if (type !== NodeType.DATASET_FIELD && type !== NodeType.DATASET) {
    throw new BadInputError(argument, `Argument "${argument}" must be a datasetField or dataset id; column lineage has no ${type.toLowerCase()} nodes`);
  }
  const req = columnLineageRequest(args, deps.maxDepth);
  const raw = await deps.fields.columnLineage(type === NodeType.DATASET, id, req);
  if (!raw) throw new NodeNotFoundError(type, id);
  const t = (x: [string, string, string | null, string | null, string | null, boolean | null]) => ({ type: x[2], subtype: x[3], description: x[4], masking: x[5] });
  const deps2 = new Map(raw.deps.map((d) => [JSON.stringify(d), d]));
  return sortColumnLineage({
    roots: raw.rootIds,
    nodes: raw.nodes.map((n) => ({ ...n.field, depth: n.depth })),
    edges: raw.edges.map((e) => ({ from: e[0], to: e[1], ...t(e) })),
    datasetDependencies: [...deps2.values()].map((d) => ({ from: d[0], datasetId: d[1], ...t(d) })),
    truncated: raw.truncated,
  });
}
