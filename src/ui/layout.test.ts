import { ARC_MAX, columnsOf, COLUMN_GAP, depthLayout, type Direction, type LayoutEdge, type LayoutNode, MAX_ROWS, type Point, ROW_GAP, rowsFor, sameColumnArcs, SUBCOLUMN_GAP } from './layout';

const RUNS = 5000;
const node = (id: string, depth: number, type = 'RUN'): LayoutNode => ({ id, type, depth });
const edge = (from: string, to: string): LayoutEdge => ({ from, to });

/** dataset → run → report, seen from the report (upstream) or the dataset (downstream). */
const chain = [node('report', 0, 'REPORT'), node('run', 1), node('dataset', 2, 'DATASET')];
const chainEdges = [edge('dataset', 'run'), edge('run', 'report')];

function distinct(points: Iterable<{ x: number; y: number }>): boolean {
  const all = [...points];
  return new Set(all.map((p) => `${p.x},${p.y}`)).size === all.length;
}

describe('depthLayout', () => {
  it('puts upstream nodes left of the root, one column per depth, so data flows left to right', () => {
    const pos = depthLayout(chain, chainEdges, 'UPSTREAM');
    expect(pos.get('dataset')!.x).toBeLessThan(pos.get('run')!.x);
    expect(pos.get('run')!.x).toBeLessThan(pos.get('report')!.x);
    expect(pos.get('report')!.x - pos.get('run')!.x).toBe(COLUMN_GAP);
  });

  it('puts downstream nodes right of the root', () => {
    const down = [node('dataset', 0, 'DATASET'), node('run', 1), node('report', 2, 'REPORT')];
    const pos = depthLayout(down, chainEdges, 'DOWNSTREAM');
    expect(pos.get('dataset')!.x).toBeLessThan(pos.get('run')!.x);
    expect(pos.get('run')!.x).toBeLessThan(pos.get('report')!.x);
  });

  it('places a BOTH answer so every edge to the node it was reached from points right', () => {
    // The root run reads d1 and feeds the report; d2 is the report's other input (reached via the report).
    const nodes = [node('run', 0), node('d1', 1, 'DATASET'), node('report', 1, 'REPORT'), node('d2', 2, 'DATASET'), node('run0', 2)];
    const edges = [edge('d1', 'run'), edge('run', 'report'), edge('d2', 'report'), edge('run0', 'd1')];
    const cols = columnsOf(nodes, edges, 'BOTH');
    expect(Object.fromEntries(cols)).toEqual({ run: 0, d1: -1, report: 1, d2: 0, run0: -2 });
    const pos = depthLayout(nodes, edges, 'BOTH');
    for (const e of edges) expect({ e, right: pos.get(e.from)!.x < pos.get(e.to)!.x }).toEqual({ e, right: true });
    expect(distinct(pos.values())).toBe(true);
  });

  it('orders a column by the rows of the nodes that lead into it, which uncrosses edges', () => {
    // Two runs at depth 1; each has its own dataset at depth 2. Dataset names sort the other way round.
    const nodes = [node('r', 0, 'REPORT'), node('a', 1), node('b', 1), node('z-of-a', 2, 'DATASET'), node('y-of-b', 2, 'DATASET')];
    const edges = [edge('a', 'r'), edge('b', 'r'), edge('z-of-a', 'a'), edge('y-of-b', 'b')];
    const pos = depthLayout(nodes, edges, 'UPSTREAM');
    expect(pos.get('a')!.y).toBeLessThan(pos.get('b')!.y);
    expect(pos.get('z-of-a')!.y).toBeLessThan(pos.get('y-of-b')!.y);
  });

  it('wraps a 5,000-node hub into sub-columns that stay clear of the next depth', () => {
    const runs = Array.from({ length: RUNS }, (_, i) => node(`run:${String(i).padStart(4, '0')}`, 1));
    const reports = Array.from({ length: 50 }, (_, i) => node(`report:${i}`, 2, 'REPORT'));
    const nodes = [node('dataset', 0, 'DATASET'), ...runs, ...reports];
    const edges = [...runs.map((r) => edge('dataset', r.id)), ...reports.map((r, i) => edge(runs[i * 100].id, r.id))];
    const pos = depthLayout(nodes, edges, 'DOWNSTREAM');
    expect(pos.size).toBe(nodes.length);
    expect(distinct(pos.values())).toBe(true);
    const runXs = runs.map((r) => pos.get(r.id)!.x);
    // A roughly square block: as many rows as rowsFor says, about as tall as wide.
    const rows = new Set(runs.map((r) => pos.get(r.id)!.y)).size;
    expect(rows).toBe(rowsFor(RUNS));
    const height = (rows - 1) * ROW_GAP;
    const width = Math.max(...runXs) - Math.min(...runXs);
    expect(width / height).toBeGreaterThan(0.8);
    expect(width / height).toBeLessThan(1.25);
    expect(Math.min(...runXs)).toBeGreaterThan(pos.get('dataset')!.x);
    expect(Math.min(...reports.map((r) => pos.get(r.id)!.x)) - Math.max(...runXs)).toBe(COLUMN_GAP);
  });

  it('keeps short columns in one sub-column and wraps long ones', () => {
    expect(rowsFor(1)).toBe(1);
    expect(rowsFor(MAX_ROWS)).toBe(MAX_ROWS);
    expect(rowsFor(MAX_ROWS + 1)).toBe(MAX_ROWS);
    expect(rowsFor(10_000)).toBe(Math.ceil(Math.sqrt((10_000 * SUBCOLUMN_GAP) / ROW_GAP)));
  });

  it('gives the same picture for the same answer, whatever order the nodes come in', () => {
    const nodes = [node('r', 0, 'REPORT'), node('a', 1), node('b', 1), node('c', 1, 'MODEL_VERSION'), node('d', 2, 'DATASET')];
    const edges = [edge('a', 'r'), edge('b', 'r'), edge('c', 'r'), edge('d', 'a'), edge('d', 'b')];
    const once = depthLayout(nodes, edges, 'UPSTREAM');
    const again = depthLayout([...nodes].reverse(), edges, 'UPSTREAM');
    expect(Object.fromEntries(again)).toEqual(Object.fromEntries(once));
  });
});

/** Node bodies are 30 units wide (the root 44): a curve closer than this to a node's centre runs through it. */
const NODE_RADIUS = 22;

/**
 * Points along an edge as cytoscape draws it: straight, or with an arc the quadratic curve whose
 * control point stands `arc` off the chord's middle along (-dy, dx) / length.
 */
function curve(s: Point, t: Point, arc: number | undefined, steps = 200): Point[] {
  const length = Math.hypot(t.x - s.x, t.y - s.y);
  const c = { x: (s.x + t.x) / 2 + (arc ?? 0) * (-(t.y - s.y) / length), y: (s.y + t.y) / 2 + (arc ?? 0) * ((t.x - s.x) / length) };
  return Array.from({ length: steps + 1 }, (_, i) => {
    const u = i / steps;
    return { x: (1 - u) ** 2 * s.x + 2 * (1 - u) * u * c.x + u ** 2 * t.x, y: (1 - u) ** 2 * s.y + 2 * (1 - u) * u * c.y + u ** 2 * t.y };
  });
}

/** The nodes other than its ends that an edge, drawn with its arc, passes through. */
function crossed(e: LayoutEdge, arc: number | undefined, pos: Map<string, Point>): string[] {
  const points = curve(pos.get(e.from)!, pos.get(e.to)!, arc);
  return [...pos].filter(([id, p]) => id !== e.from && id !== e.to && points.some((q) => Math.hypot(q.x - p.x, q.y - p.y) < NODE_RADIUS)).map(([id]) => id);
}

function arcsFor(nodes: LayoutNode[], edges: LayoutEdge[], direction: Direction) {
  const columns = columnsOf(nodes, edges, direction);
  const pos = depthLayout(nodes, edges, direction, columns);
  return { pos, columns, arcs: sameColumnArcs(edges, pos, columns) };
}

describe('sameColumnArcs', () => {
  // Five runs feed the report; two pairs of them are also linked to each other, within their column.
  const runs = ['r1', 'r2', 'r3', 'r4', 'r5'].map((id) => node(id, 1));
  const nodes = [node('report', 0, 'REPORT'), ...runs];
  const within = [edge('r1', 'r5'), edge('r3', 'r2'), edge('r4', 'r1')];
  const edges = [...runs.map((r) => edge(r.id, 'report')), ...within];

  it.each(['UPSTREAM', 'DOWNSTREAM'] as const)('bends only edges within one column, and none of them runs through a node (%s)', (direction) => {
    const { pos, arcs } = arcsFor(nodes, direction === 'UPSTREAM' ? edges : edges.map((e) => (e.to === 'report' ? edge('report', e.from) : e)), direction);
    const r = (id: string) => pos.get(id)!;
    // Straight, the long edges run through the runs between their ends: what the arcs are for.
    expect(crossed(within[0], undefined, pos).length).toBeGreaterThan(0);
    expect([...arcs.keys()].sort()).toEqual([5, 6, 7]);
    within.forEach((e, i) => expect({ e, crossed: crossed(e, arcs.get(5 + i), pos) }).toEqual({ e, crossed: [] }));
    // Away from the root: left of an upstream column, right of a downstream one; never as far as the next column.
    for (const [i, arc] of arcs) {
      const e = within[i - 5];
      const points = curve(r(e.from), r(e.to), arc);
      const x = r(e.from).x;
      const farthest = direction === 'UPSTREAM' ? Math.min(...points.map((p) => p.x)) - x : Math.max(...points.map((p) => p.x)) - x;
      if (direction === 'UPSTREAM') expect(farthest).toBeLessThan(-NODE_RADIUS);
      else expect(farthest).toBeGreaterThan(NODE_RADIUS);
      expect(Math.abs(farthest)).toBeLessThanOrEqual(ARC_MAX / 2);
      expect(Math.abs(farthest)).toBeLessThan(COLUMN_GAP / 2);
    }
    // Longer edges bow further, so nested arcs do not lie on top of each other.
    expect(Math.abs(arcs.get(5)!)).toBeGreaterThan(Math.abs(arcs.get(6)!));
  });

  it('bows an edge along a row of sub-columns upwards, over the node between its ends', () => {
    const hub = Array.from({ length: 100 }, (_, i) => node(`n${String(i).padStart(3, '0')}`, 1));
    const across = edge('n000', 'n080');
    const all = [...hub.map((n) => edge('root', n.id)), across];
    const { pos, arcs } = arcsFor([node('root', 0, 'DATASET'), ...hub], all, 'DOWNSTREAM');
    expect(pos.get('n000')!.y).toBe(pos.get('n080')!.y);
    expect(crossed(across, undefined, pos)).toEqual(['n040']);
    const arc = arcs.get(all.length - 1);
    expect(crossed(across, arc, pos)).toEqual([]);
    const points = curve(pos.get('n000')!, pos.get('n080')!, arc);
    expect(Math.min(...points.map((p) => p.y))).toBeLessThan(pos.get('n000')!.y - NODE_RADIUS);
    expect(arcs.size).toBe(1);
  });
});
