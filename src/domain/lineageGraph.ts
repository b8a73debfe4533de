import { NodeType } from './nodeType';
import type { LineageRelation } from './relation';
import type { TruncationReason } from './lineage';

/** One node of a lineage answer, as a graph view draws it. */
export interface LineageNode {
  readonly id: string;
  readonly type: NodeType;
  readonly displayName: string;
  /** Hops from the root along the shortest path; the root is 0. */
  readonly depth: number;
  /** A short status line: run status, model stage, dataset digest, report status... */
  readonly summary: string | null;
}

export interface LineageEdge {
  readonly from: string;
  readonly to: string;
  readonly type: LineageRelation;
}

export interface LineageGraph {
  readonly root: LineageNode;
  readonly nodes: readonly LineageNode[];
  readonly edges: readonly LineageEdge[];
  readonly truncated: boolean;
  readonly truncationReason: TruncationReason | null;
  /** False when the root did not exist yet at the instant asked for (docs/time.md). */
  readonly rootExistedAt: boolean;
  /** Why, when it did not; null otherwise. */
  readonly rootAbsence: string | null;
  readonly stats: {
    readonly nodesByType: readonly { readonly type: NodeType; readonly count: number }[];
    readonly deepestLevel: number;
    readonly elapsedMs: number;
  };
}

/** Raw properties that name a node; the projection the lineage query returns. */
export type NodeFacts = Readonly<Record<string, unknown>>;

const s = (v: unknown): string | null => (v === null || v === undefined || v === '' ? null : String(v));

/** A human name for a node of any type, from whatever naming property that type has. */
export function displayNameOf(type: NodeType, p: NodeFacts): string {
  switch (type) {
    case NodeType.RUN:
      return s(p.name) ?? s(p.runId) ?? String(p.id);
    case NodeType.MODEL_VERSION:
      return `${s(p.name) ?? '?'} v${s(p.version) ?? '?'}`;
    case NodeType.REPORT:
      return s(p.title) ?? String(p.id);
    case NodeType.SIGNAL:
      return p.drug && p.eventTerm ? `${String(p.drug)} – ${String(p.eventTerm)}` : String(p.id);
    case NodeType.TRACKING_STORE:
      return s(p.displayName) ?? s(p.uri) ?? String(p.id);
    default:
      return s(p.name) ?? s(p.modelId) ?? String(p.id);
  }
}

export function summaryOf(type: NodeType, p: NodeFacts): string | null {
  switch (type) {
    case NodeType.RUN:
    case NodeType.REPORT:
    case NodeType.SIGNAL:
      return s(p.status);
    case NodeType.MODEL_VERSION:
      return s(p.stage);
    case NodeType.DATASET: {
      const d = s(p.digest);
      return d ? `digest ${d}` : s(p.period);
    }
    case NodeType.DATASET_FIELD: {
      const d = s(p.datasetName);
      return d ? `field of ${d}` : null;
    }
    default:
      return null;
  }
}

/** Stable order a frontend can diff: by depth, then id. */
/** Code-unit order: the same in every locale, so two answers diff cleanly. */
export const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function compareByDepthThenId(a: { depth: number; id: string }, b: { depth: number; id: string }): number {
  return a.depth - b.depth || cmp(a.id, b.id);
}

export function compareEdges(a: LineageEdge, b: LineageEdge): number {
  return cmp(a.from, b.from) || cmp(a.to, b.to) || cmp(a.type, b.type);
}

export function countByType(nodes: readonly LineageNode[]): { type: NodeType; count: number }[] {
  const counts = new Map<NodeType, number>();
  for (const n of nodes) counts.set(n.type, (counts.get(n.type) ?? 0) + 1);
  return [...counts.entries()].sort(([a], [b]) => cmp(a, b)).map(([type, count]) => ({ type, count }));
}
