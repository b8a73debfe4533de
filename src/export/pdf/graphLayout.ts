import type { LineageEdgeRecord, LineageNodeRecord } from '../format';

/**
 * Where each lineage node goes on the printed graph: one column per lineage depth, the subject
 * on the right and the deepest sources on the left, so data flows left to right as the arrows
 * point. Within a column nodes are grouped by type and ordered by where their downstream
 * neighbours sit, which keeps most edges short. A column taller than a page continues on the
 * next graph page at the same height, so every node has a page, a column and a row.
 */
export type LayoutNode = Pick<LineageNodeRecord, 'id' | 'type' | 'depth'>;
export type LayoutEdge = Pick<LineageEdgeRecord, 'from' | 'to'>;

export interface Placed {
  readonly id: string;
  readonly column: number;
  /** Row on its page. */
  readonly row: number;
  /** Graph page, from 0. */
  readonly page: number;
}

export interface GraphLayout {
  readonly columns: number;
  readonly pages: number;
  readonly placed: ReadonlyMap<string, Placed>;
}

const TYPE_ORDER = ['REPORT', 'SIGNAL', 'MODEL_VERSION', 'LOGGED_MODEL', 'REGISTERED_MODEL', 'RUN', 'JOB', 'DATASET', 'EXPERIMENT', 'TRACKING_STORE'];
const rank = (type: string): number => {
  const i = TYPE_ORDER.indexOf(type);
  return i < 0 ? TYPE_ORDER.length : i;
};

function listAt<K, V>(map: Map<K, V[]>, key: K): V[] {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  return list;
}

export function layoutGraph(nodes: readonly LayoutNode[], edges: readonly LayoutEdge[], rowsPerPage: number): GraphLayout {
  if (!Number.isInteger(rowsPerPage) || rowsPerPage < 1) throw new RangeError('rowsPerPage must be a positive integer');
  const maxDepth = nodes.reduce((m, n) => Math.max(m, n.depth), 0);
  const byDepth = new Map<number, LayoutNode[]>();
  for (const n of nodes) listAt(byDepth, n.depth).push(n);
  const neighbours = new Map<string, string[]>();
  for (const e of edges) {
    listAt(neighbours, e.from).push(e.to);
    listAt(neighbours, e.to).push(e.from);
  }
  const depthOf = new Map(nodes.map((n) => [n.id, n.depth]));
  const position = new Map<string, number>();
  const placed = new Map<string, Placed>();
  let tallest = 0;
  for (let depth = 0; depth <= maxDepth; depth++) {
    const column = [...(byDepth.get(depth) ?? [])];
    const key = (n: LayoutNode): number => {
      const near = (neighbours.get(n.id) ?? []).filter((m) => depthOf.get(m) === depth - 1).map((m) => position.get(m) ?? 0);
      return near.length === 0 ? Number.MAX_SAFE_INTEGER : near.reduce((a, b) => a + b, 0) / near.length;
    };
    const keys = new Map(column.map((n) => [n.id, key(n)]));
    column.sort((a, b) => rank(a.type) - rank(b.type) || keys.get(a.id)! - keys.get(b.id)! || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    column.forEach((n, i) => {
      position.set(n.id, i);
      placed.set(n.id, { id: n.id, column: maxDepth - depth, row: i % rowsPerPage, page: Math.floor(i / rowsPerPage) });
    });
    tallest = Math.max(tallest, column.length);
  }
  return { columns: maxDepth + 1, pages: Math.max(1, Math.ceil(tallest / rowsPerPage)), placed };
}

/**
 * How big the boxes are drawn: the rows a page holds at the smallest box that still fits two
 * lines of label, then each box as tall as the page allows for the rows it really has (capped),
 * so a small graph fills its page instead of a strip of it.
 */
export const BOX_MIN_H = 24;
export const BOX_MAX_H = 64;

export function rowsPerPage(areaH: number, gap: number): number {
  return Math.max(1, Math.floor((areaH + gap) / (BOX_MIN_H + gap)));
}

export function boxHeight(areaH: number, gap: number, rows: number): number {
  const fill = (areaH + gap) / Math.max(1, rows) - gap;
  return Math.max(BOX_MIN_H, Math.min(BOX_MAX_H, fill));
}

/** Numbers for the nodes, 1 … n, in reading order (page, column, row), which the drawing and its id table share. */
export function nodeNumbers(layout: GraphLayout): Map<string, number> {
  const order = [...layout.placed.values()].sort((a, b) => a.page - b.page || a.column - b.column || a.row - b.row);
  return new Map(order.map((p, i) => [p.id, i + 1]));
}
