import { columnsOf, COLUMN_GAP, depthLayout, type LayoutEdge, type LayoutNode, MAX_ROWS, ROW_GAP, rowsFor, SUBCOLUMN_GAP } from './layout';

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
