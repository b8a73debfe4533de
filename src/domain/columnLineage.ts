import { DEFAULT_LINEAGE_LIMIT, LineageDirection, checkAsOf, checkDepth } from './lineage';
import type { Transformation } from './columnLineageFacet';
import type { DatasetField } from './datasetField';
import { compareFieldNames } from './datasetField';

/** A checked `columnLineage` request. The node cap is fixed: field graphs are drawn whole or not at all. */
export interface ColumnLineageRequest {
  readonly direction: LineageDirection;
  readonly depth: number;
  readonly asOf: Date | null;
  readonly limit: number;
}

export interface ColumnLineageArgs {
  readonly direction?: LineageDirection | null;
  /**
   * With UPSTREAM: walk downstream from the roots as well, each way on its own (Marquez's
   * `withDownstream`), which is what BOTH means, so the request says BOTH.
   */
  readonly alsoDownstream?: boolean;
  readonly depth?: number | null;
  readonly asOf?: Date | string | null;
}

export const DEFAULT_COLUMN_LINEAGE_DEPTH = 5;

/** Depth and `asOf` are checked as `lineage` checks them: out of range is BAD_USER_INPUT, never a silent clamp. */
export function columnLineageRequest(args: ColumnLineageArgs, maxDepth: number, now = new Date()): ColumnLineageRequest {
  const direction = args.direction ?? LineageDirection.UPSTREAM;
  return {
    direction: args.alsoDownstream === true && direction === LineageDirection.UPSTREAM ? LineageDirection.BOTH : direction,
    depth: checkDepth(args.depth ?? DEFAULT_COLUMN_LINEAGE_DEPTH, maxDepth),
    asOf: checkAsOf(args.asOf, now),
    limit: DEFAULT_LINEAGE_LIMIT,
  };
}

/** A field of the answer, with its type as of the answer's instant. */
export interface ColumnLineageNode extends DatasetField {
  /** Hops from the nearest root; roots are 0. */
  readonly depth: number;
}

/** Input field → output field, with how the output was made from the input. */
export interface ColumnLineageEdge extends Transformation {
  readonly from: string;
  readonly to: string;
}

/** Input field → a whole dataset it affects (the facet's dataset-level list). */
export interface DatasetDependencyEdge extends Transformation {
  readonly from: string;
  readonly datasetId: string;
}

export interface ColumnLineageGraph {
  /** The field asked for, or every field of the dataset asked for. */
  readonly roots: readonly string[];
  readonly nodes: readonly ColumnLineageNode[];
  readonly edges: readonly ColumnLineageEdge[];
  readonly datasetDependencies: readonly DatasetDependencyEdge[];
  readonly truncated: boolean;
}

const cmp = compareFieldNames;
const tkey = (t: Transformation) => `${t.type ?? ''}\u0000${t.subtype ?? ''}\u0000${t.description ?? ''}\u0000${String(t.masking)}`;

/** The documented order: nodes by depth then id; edges by from, to, then transformation. */
export function sortColumnLineage(g: ColumnLineageGraph): ColumnLineageGraph {
  return {
    ...g,
    roots: [...g.roots].sort(cmp),
    nodes: [...g.nodes].sort((a, b) => a.depth - b.depth || cmp(a.id, b.id)),
    edges: [...g.edges].sort((a, b) => cmp(a.from, b.from) || cmp(a.to, b.to) || cmp(tkey(a), tkey(b))),
    datasetDependencies: [...g.datasetDependencies].sort((a, b) => cmp(a.from, b.from) || cmp(a.datasetId, b.datasetId) || cmp(tkey(a), tkey(b))),
  };
}
