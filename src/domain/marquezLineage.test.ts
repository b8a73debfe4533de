import { DomainError } from './errors';
import { formatId } from './ids';
import { formatMarquezNodeId, graphIdOf, marquezGraph, parseMarquezDepth, parseMarquezNodeId, typedIdOfMarquezColumnNode } from './marquezLineage';
import { NodeType } from './nodeType';

const badInput = (f: () => unknown) => {
  try {
    f();
  } catch (err) {
    return { code: (err as DomainError).code, argument: (err as DomainError).details.argument, message: (err as Error).message };
  }
  throw new Error('expected a refusal');
};

describe('Marquez node ids', () => {
  it.each([
    ['dataset:food_delivery:public.orders', 'DATASET', 'food_delivery', 'public.orders'],
    ['job:food_delivery:etl_orders', 'JOB', 'food_delivery', 'etl_orders'],
    ['dataset:s3://bucket:data/a.parquet', 'DATASET', 's3://bucket', 'data/a.parquet'],
    ['dataset:postgres://db.example:5432:shop.public.orders', 'DATASET', 'postgres://db.example:5432', 'shop.public.orders'],
    ['dataset:hdfs://nn:8020:/user/hive/warehouse/t1', 'DATASET', 'hdfs://nn:8020', '/user/hive/warehouse/t1'],
    ['dataset:file:/tmp/x.csv', 'DATASET', 'file', '/tmp/x.csv'],
    ['job:ns:name:with:colons', 'JOB', 'ns', 'name:with:colons'],
  ])('%s splits as Marquez splits it', (value, type, namespace, name) => {
    expect(parseMarquezNodeId(value)).toEqual({ type, namespace, name });
    expect(formatMarquezNodeId(type as 'DATASET' | 'JOB', namespace, name)).toBe(value);
  });

  it.each([
    [null, 'is required'],
    ['', 'is required'],
    ['run:3f5e83fa-3480-44ff-99c5-ff943904e5e8', 'unknown node type "run"'],
    ['datasetField:ns:t:c', 'unknown node type "datasetField"'],
    ['dataset', 'unknown node type'],
    ['dataset:ns', 'both a namespace and a name'],
    ['dataset::name', 'both a namespace and a name'],
    ['dataset:ns:', 'both a namespace and a name'],
    [`job:ns:${'x'.repeat(2100)}`, 'longer than'],
  ])('refuses %j with BAD_USER_INPUT on nodeId', (value, why) => {
    const e = badInput(() => parseMarquezNodeId(value));
    expect(e).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'nodeId' });
    expect(e.message).toContain(why);
    expect(e.message).toContain('dataset:<namespace>:<name> or job:<namespace>:<name>');
  });

  it('names the canonical dataset node whichever spelling of the table the id uses', () => {
    const canonical = formatId(NodeType.DATASET, 'postgres://db:5432', 'shop.public.orders');
    expect(graphIdOf(parseMarquezNodeId('dataset:postgres://db:5432:shop.public.orders'))).toBe(canonical);
    expect(graphIdOf(parseMarquezNodeId('dataset:postgresql://DB:shop.public.orders'))).toBe(canonical);
    expect(graphIdOf(parseMarquezNodeId('job:ns:j'))).toBe(formatId(NodeType.JOB, 'ns', 'j'));
  });
});

describe('Marquez depth', () => {
  it('defaults to 20, clamped to the configured maximum', () => {
    expect(parseMarquezDepth(null, 50)).toBe(20);
    expect(parseMarquezDepth(undefined, 5)).toBe(5);
    expect(parseMarquezDepth('3', 5)).toBe(3);
  });

  it.each(['0', '-1', '6', '1.5', 'abc', '99999', ' 2'])('refuses %j with BAD_USER_INPUT on depth', (value) => {
    expect(badInput(() => parseMarquezDepth(value, 5))).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'depth' });
  });
});

describe('marquezGraph', () => {
  const ds = (graphId: string, name: string) => ({ graphId, type: 'DATASET' as const, namespace: 'ns', name, data: { name } });
  const job = { graphId: 'g:j', type: 'JOB' as const, namespace: 'ns', name: 'j', data: { name: 'j' } };

  it('gives each edge to both its ends, sorted, and drops edges leaving the kept nodes', () => {
    const { graph } = marquezGraph([ds('g:out', 'out'), job, ds('g:in', 'in')], [['g:in', 'g:j'], ['g:j', 'g:out'], ['g:j', 'g:elsewhere']]);
    expect(graph.map((n) => n.id)).toEqual(['dataset:ns:in', 'dataset:ns:out', 'job:ns:j']);
    const [input, output, j] = graph;
    const read = { origin: 'dataset:ns:in', destination: 'job:ns:j' };
    const wrote = { origin: 'job:ns:j', destination: 'dataset:ns:out' };
    expect(input).toEqual({ id: 'dataset:ns:in', type: 'DATASET', data: { name: 'in' }, inEdges: [], outEdges: [read] });
    expect(output).toMatchObject({ inEdges: [wrote], outEdges: [] });
    expect(j).toMatchObject({ type: 'JOB', inEdges: [read], outEdges: [wrote] });
  });
});

describe('typedIdOfMarquezColumnNode', () => {
  it.each([
    ['datasetField:food_delivery:public.orders:order_id', formatId(NodeType.DATASET_FIELD, 'food_delivery', 'public.orders', 'order_id')],
    ['datasetField:s3://warehouse:daily/revenue.parquet:revenue', formatId(NodeType.DATASET_FIELD, 's3://warehouse', 'daily/revenue.parquet', 'revenue')],
    ['datasetField:postgres://DB:5432:shop.public.orders:amount', formatId(NodeType.DATASET_FIELD, 'postgres://db:5432', 'shop.public.orders', 'amount')],
    ['dataset:hdfs://host:/user/hive/warehouse/t1', formatId(NodeType.DATASET, 'hdfs://host', '/user/hive/warehouse/t1')],
  ])('reads %j as Marquez splits it, under the canonical dataset name', (raw, typed) => {
    expect(typedIdOfMarquezColumnNode(raw)).toBe(typed);
  });

  it.each(['datasetField:onlyone', 'datasetField:ns:name:', 'datasetField::name:f', 'job:ns:j', 'run:x', 'nothing'])('has no reading of %j', (raw) => {
    expect(typedIdOfMarquezColumnNode(raw)).toBeNull();
  });
});
