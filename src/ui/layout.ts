/**
 * Node placement from the depths the lineage query already returns. A general layered layout
 * (Sugiyama, dagre, ELK) spends seconds on a 5,000-node answer; this is O(n log n + edges):
 * the column is the signed depth (upstream left, downstream right, so data flows left to
 * right) and rows only order the nodes within their column.
 */
export type Direction = 'UPSTREAM' | 'DOWNSTREAM' | 'BOTH';

export interface LayoutNode {
  readonly id: string;
  readonly type: string;
  readonly depth: number;
}

export interface LayoutEdge {
  readonly from: string;
  readonly to: string;
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** Space between depth columns and between rows, in graph units (nodes are 30 wide). */
export const COLUMN_GAP = 260;
export const ROW_GAP = 56;
/** A column taller than this wraps into sub-columns, so a hub's 5,000 runs form a block, not a 280,000-unit line. */
export const MAX_ROWS = 40;
export const SUBCOLUMN_GAP = 130;

/** Rows of a column of `n` nodes: one sub-column up to MAX_ROWS, then a block about as tall as it is wide. */
export function rowsFor(n: number): number {
  return n <= MAX_ROWS ? n : Math.max(MAX_ROWS, Math.ceil(Math.sqrt((n * SUBCOLUMN_GAP) / ROW_GAP)));
}

/**
 * The signed column of every node. One-way walks use the depth itself. A BOTH answer is the
 * union of the two walks and carries no side per node, so each node sits one column right of
 * the node it was reached from when it follows the arrow, one column left when it goes against
 * it: upstream nodes land left of the root, downstream ones right, and every drawn edge between
 * a node and its parent points right.
 */
export function columnsOf(nodes: readonly LayoutNode[], edges: readonly LayoutEdge[], direction: Direction): Map<string, number> {
  const columns = new Map<string, number>();
  if (direction !== 'BOTH') {
    const sign = direction === 'UPSTREAM' ? -1 : 1;
    for (const n of nodes) columns.set(n.id, sign * n.depth);
    return columns;
  }
  const depth = new Map(nodes.map((n) => [n.id, n.depth]));
  const incoming = new Map<string, string[]>();
  const outgoing = new Map<string, string[]>();
  for (const e of edges) {
    push(incoming, e.to, e.from);
    push(outgoing, e.from, e.to);
  }
  // Shallow first, so a parent is always placed before its children.
  const ordered = [...nodes].sort((a, b) => a.depth - b.depth);
  for (const n of ordered) {
    if (n.depth === 0) {
      columns.set(n.id, 0);
      continue;
    }
    const isParent = (p: string) => depth.get(p) === n.depth - 1 && columns.has(p);
    const from = (incoming.get(n.id) ?? []).find(isParent);
    const to = from === undefined ? (outgoing.get(n.id) ?? []).find(isParent) : undefined;
    if (from !== undefined) columns.set(n.id, columns.get(from)! + 1);
    else if (to !== undefined) columns.set(n.id, columns.get(to)! - 1);
    else columns.set(n.id, -n.depth);
  }
  return columns;
}

/**
 * Positions for every node. Columns are filled from the root outwards; within a column nodes
 * are ordered by the mean row of their neighbours in the column nearer the root (one
 * barycentre pass, which removes most crossings), then by type and id so the picture is stable.
 */
export function depthLayout(nodes: readonly LayoutNode[], edges: readonly LayoutEdge[], direction: Direction, columns = columnsOf(nodes, edges, direction)): Map<string, Point> {
  const neighbours = new Map<string, string[]>();
  for (const e of edges) {
    push(neighbours, e.from, e.to);
    push(neighbours, e.to, e.from);
  }
  const byColumn = new Map<number, LayoutNode[]>();
  for (const n of nodes) push(byColumn, columns.get(n.id)!, n);
  const order = [...byColumn.keys()].sort((a, b) => Math.abs(a) - Math.abs(b) || a - b);

  const ys = new Map<string, number>();
  const slots = new Map<string, { row: number; sub: number }>();
  const subColumns = new Map<number, number>();
  for (const c of order) {
    const inner = c === 0 ? null : c - Math.sign(c);
    const key = new Map<string, number>();
    for (const n of byColumn.get(c)!) {
      const placed = (neighbours.get(n.id) ?? []).filter((m) => columns.get(m) === inner && ys.has(m));
      key.set(n.id, placed.length === 0 ? Number.POSITIVE_INFINITY : placed.reduce((s, m) => s + ys.get(m)!, 0) / placed.length);
    }
    const members = byColumn.get(c)!.sort((a, b) => key.get(a.id)! - key.get(b.id)! || cmp(a.type, b.type) || cmp(a.id, b.id));
    const rows = rowsFor(members.length);
    subColumns.set(c, Math.ceil(members.length / rows));
    members.forEach((n, i) => {
      const row = i % rows;
      slots.set(n.id, { row, sub: Math.floor(i / rows) });
      ys.set(n.id, (row - (rows - 1) / 2) * ROW_GAP);
    });
  }

  // Sub-column 0 (the best-ordered nodes) sits on the side nearer the root.
  const width = (c: number) => (subColumns.get(c)! - 1) * SUBCOLUMN_GAP;
  const sorted = [...byColumn.keys()].sort((a, b) => a - b);
  const start = sorted.includes(0) ? 0 : sorted[0];
  const left = new Map<number, number>([[start, -width(start) / 2]]);
  let right = left.get(start)! + width(start);
  for (const c of sorted.filter((k) => k > start)) {
    left.set(c, right + COLUMN_GAP);
    right = left.get(c)! + width(c);
  }
  let boundary = left.get(start)!;
  for (const c of sorted.filter((k) => k < start).reverse()) {
    left.set(c, boundary - COLUMN_GAP - width(c));
    boundary = left.get(c)!;
  }

  const positions = new Map<string, Point>();
  for (const n of nodes) {
    const c = columns.get(n.id)!;
    const { sub } = slots.get(n.id)!;
    const x = c < 0 ? left.get(c)! + width(c) - sub * SUBCOLUMN_GAP : left.get(c)! + sub * SUBCOLUMN_GAP;
    positions.set(n.id, { x, y: ys.get(n.id)! });
  }
  return positions;
}

/** How far an arc's control point stands off its chord: at least ARC_MIN, growing with the span, at most ARC_MAX. */
export const ARC_MIN = 60;
export const ARC_MAX = 200;
const ARC_PER_UNIT = 0.3;

/**
 * Edges between two nodes of the same column would be drawn straight down the column, through
 * every node between them. Each gets an arc instead: the cytoscape `control-point-distances` of
 * a one-point unbundled bezier, keyed by the edge's index. A mostly vertical edge bows away
 * from the root (left of it for upstream columns, right otherwise), into the gap between
 * columns; a mostly horizontal one (across sub-columns of one row) bows upwards, away from the
 * labels under the nodes. Longer edges bow further, so nested arcs stay apart; ARC_MAX keeps
 * the curve's peak (half the control distance: it is a quadratic curve) short of the middle of
 * the gap.
 */
export function sameColumnArcs(edges: readonly LayoutEdge[], positions: ReadonlyMap<string, Point>, columns: ReadonlyMap<string, number>): Map<number, number> {
  const arcs = new Map<number, number>();
  edges.forEach((e, i) => {
    const column = columns.get(e.from);
    const s = positions.get(e.from);
    const t = positions.get(e.to);
    if (column === undefined || column !== columns.get(e.to) || !s || !t || e.from === e.to) return;
    const dx = t.x - s.x;
    const dy = t.y - s.y;
    const length = Math.hypot(dx, dy);
    if (length === 0) return;
    // Cytoscape measures the distance along (-dy, dx) / length, from the source's point of view.
    const normal = { x: -dy / length, y: dx / length };
    const bow = Math.abs(dy) >= Math.abs(dx) ? { x: column < 0 ? -1 : 1, y: 0 } : { x: 0, y: -1 };
    const sign = normal.x * bow.x + normal.y * bow.y < 0 ? -1 : 1;
    arcs.set(i, sign * Math.min(ARC_MAX, ARC_MIN + ARC_PER_UNIT * length));
  });
  return arcs;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
