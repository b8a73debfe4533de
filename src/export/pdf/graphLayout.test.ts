import { BOX_MAX_H, BOX_MIN_H, boxHeight, layoutGraph, type LayoutNode, nodeNumbers, rowsPerPage } from './graphLayout';

const node = (id: string, type: string, depth: number): LayoutNode => ({ id, type, depth });

describe('layoutGraph', () => {
  it('puts the subject in the rightmost column and each depth one column further left', () => {
    const nodes = [node('report:r', 'REPORT', 0), node('run:a', 'RUN', 1), node('dataset:d', 'DATASET', 2)];
    const layout = layoutGraph(nodes, [{ from: 'dataset:d', to: 'run:a' }, { from: 'run:a', to: 'report:r' }], 10);
    expect(layout.columns).toBe(3);
    expect(layout.pages).toBe(1);
    expect(['dataset:d', 'run:a', 'report:r'].map((id) => layout.placed.get(id)!.column)).toEqual([0, 1, 2]);
  });

  it('groups a column by type, then orders it by where the downstream neighbours sit', () => {
    const nodes = [
      node('report:r', 'REPORT', 0),
      node('run:b', 'RUN', 1),
      node('run:a', 'RUN', 1),
      node('signal:s', 'SIGNAL', 1),
      node('dataset:late', 'DATASET', 2),
      node('dataset:early', 'DATASET', 2),
    ];
    const edges = [
      { from: 'run:a', to: 'report:r' },
      { from: 'run:b', to: 'report:r' },
      { from: 'signal:s', to: 'report:r' },
      // dataset:late feeds the lower run, dataset:early the upper one: the order follows them, not the ids.
      { from: 'dataset:late', to: 'run:a' },
      { from: 'dataset:early', to: 'run:b' },
    ];
    const layout = layoutGraph(nodes, edges, 10);
    const rowsOf = (ids: string[]) => ids.map((id) => layout.placed.get(id)!.row);
    expect(rowsOf(['signal:s', 'run:a', 'run:b'])).toEqual([0, 1, 2]);
    expect(rowsOf(['dataset:late', 'dataset:early'])).toEqual([0, 1]);
  });

  it('continues a tall column on further pages at the same height', () => {
    const runs = Array.from({ length: 25 }, (_v, i) => node(`run:${String(i).padStart(2, '0')}`, 'RUN', 1));
    const layout = layoutGraph([node('report:r', 'REPORT', 0), ...runs], runs.map((r) => ({ from: r.id, to: 'report:r' })), 10);
    expect(layout.pages).toBe(3);
    expect(layout.placed.get('run:00')).toEqual({ id: 'run:00', column: 0, row: 0, page: 0 });
    expect(layout.placed.get('run:13')).toEqual({ id: 'run:13', column: 0, row: 3, page: 1 });
    expect(layout.placed.get('run:24')).toEqual({ id: 'run:24', column: 0, row: 4, page: 2 });
    expect(() => layoutGraph([], [], 0)).toThrow(/positive integer/);
  });
});

describe('graph page geometry', () => {
  it('sizes boxes to fill the page for the rows a graph has, between the smallest readable and a cap', () => {
    const areaH = 480;
    const rows = rowsPerPage(areaH, 8);
    expect(rows).toBe(Math.floor(488 / (BOX_MIN_H + 8)));
    expect(boxHeight(areaH, 8, rows)).toBeGreaterThanOrEqual(BOX_MIN_H);
    // Seven rows of a demo graph: each box well taller than the smallest, and together they fill the page.
    const seven = boxHeight(areaH, 8, 7);
    expect(seven).toBeCloseTo(488 / 7 - 8 > BOX_MAX_H ? BOX_MAX_H : 488 / 7 - 8);
    expect(7 * seven + 6 * 8).toBeLessThanOrEqual(areaH + 0.001);
    expect(7 * seven + 6 * 8).toBeGreaterThan(areaH * 0.75);
    expect(boxHeight(areaH, 8, 1)).toBe(BOX_MAX_H);
  });

  it('numbers the nodes in reading order: page, then column left to right, then row', () => {
    const nodes = [node('report:r', 'REPORT', 0), node('run:a', 'RUN', 1), node('run:b', 'RUN', 1), node('dataset:d', 'DATASET', 2)];
    const layout = layoutGraph(nodes, [{ from: 'dataset:d', to: 'run:a' }, { from: 'run:a', to: 'report:r' }, { from: 'run:b', to: 'report:r' }], 1);
    expect([...nodeNumbers(layout)].sort((a, b) => a[1] - b[1]).map(([id]) => id)).toEqual(['dataset:d', 'run:a', 'report:r', 'run:b']);
  });
});
