import { formatId } from '../src/domain/ids';
import { NodeType } from '../src/domain/nodeType';
import type { GraphExecutor } from '../src/graph/executor';
import { MarquezLineageRepository } from '../src/graph/repositories/marquezLineageRepository';
import { type TestApi, startTestApi } from './support/api';
import { resetGraph, testGraph } from './support/graph';
import { postEvent, runEvent, uuid } from './support/openlineage';

/**
 * `GET /api/v1/lineage`, Marquez's lineage read, over events sent through `POST /api/v1/lineage`:
 * extract reads raw (s3) and writes mid (postgres); report reads mid and writes out.
 */
const RAW = { namespace: 's3://landing', name: 'raw/orders.json' };
const MID = { namespace: 'postgres://db.example:5432', name: 'shop.public.orders' };
const OUT = { namespace: 'postgres://db.example:5432', name: 'shop.public.report' };
const EXTRACT = { namespace: 'etl', name: 'extract_orders' };
const REPORT = { namespace: 'etl', name: 'report_orders' };

const ds = (d: { namespace: string; name: string }) => `dataset:${d.namespace}:${d.name}`;
const job = (j: { namespace: string; name: string }) => `job:${j.namespace}:${j.name}`;
const edge = (origin: string, destination: string) => ({ origin, destination });

interface MarquezNode {
  id: string;
  type: string;
  data: Record<string, unknown>;
  inEdges: { origin: string; destination: string }[];
  outEdges: { origin: string; destination: string }[];
}

describe('GET /api/v1/lineage (Marquez-compatible)', () => {
  let graph: GraphExecutor;
  let api: TestApi;
  const get = async (query: string, token: string | null | undefined = api.token) => {
    const res = await fetch(`${api.url}/api/v1/lineage?${query}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    return { status: res.status, headers: res.headers, body: (await res.json()) as { graph: MarquezNode[]; errors?: { message: string; extensions: Record<string, unknown> }[] } };
  };
  const lineage = (nodeId: string, depth?: number) => get(`nodeId=${encodeURIComponent(nodeId)}${depth === undefined ? '' : `&depth=${depth}`}`);

  beforeAll(async () => {
    graph = testGraph();
    await resetGraph(graph);
    api = await startTestApi(graph);
    const schema = { _producer: 'https://github.com/pv-lineage/tests', _schemaURL: 'https://openlineage.io/spec/facets/1-1-1/SchemaDatasetFacet.json', fields: [{ name: 'order_id', type: 'BIGINT', description: 'the order' }, { name: 'total', type: 'DECIMAL' }] };
    const send = async (j: typeof EXTRACT, inputs: (typeof RAW)[], outputs: (typeof RAW)[], minute: number, outputFacets?: object) => {
      const runId = uuid();
      for (const [eventType, second] of [['START', 0], ['COMPLETE', 30]] as const) {
        const e = runEvent({ eventType, runId, job: j, eventTime: `2026-01-01T00:${String(minute).padStart(2, '0')}:${String(second).padStart(2, '0')}Z`, inputs, outputs });
        if (outputFacets) e.outputs = (e.outputs as object[]).map((o) => ({ ...o, facets: outputFacets }));
        expect((await postEvent(api, e)).status).toBe(201);
      }
    };
    await send(EXTRACT, [RAW], [MID], 1, { schema });
    // A second run of the same job: its edges are the job's once, not twice.
    await send(EXTRACT, [RAW], [MID], 2);
    await send(REPORT, [MID], [OUT], 3);
  });
  afterAll(async () => {
    await api.close();
    await graph.close();
  });

  it('answers the connected datasets and jobs in Marquez shape, each edge on both of its ends', async () => {
    const res = await lineage(ds(MID), 2);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-lineage-truncated')).toBeNull();
    const byId = new Map(res.body.graph.map((n) => [n.id, n]));
    expect(res.body.graph.map((n) => n.id)).toEqual([ds(MID), ds(OUT), ds(RAW), job(EXTRACT), job(REPORT)]);
    expect(byId.get(job(EXTRACT))).toMatchObject({ type: 'JOB', inEdges: [edge(ds(RAW), job(EXTRACT))], outEdges: [edge(job(EXTRACT), ds(MID))] });
    expect(byId.get(ds(MID))).toMatchObject({ type: 'DATASET', inEdges: [edge(job(EXTRACT), ds(MID))], outEdges: [edge(ds(MID), job(REPORT))] });
    expect(byId.get(ds(RAW))).toMatchObject({ inEdges: [], outEdges: [edge(ds(RAW), job(EXTRACT))] });
    expect(byId.get(ds(OUT))).toMatchObject({ inEdges: [edge(job(REPORT), ds(OUT))], outEdges: [] });
    expect(byId.get(ds(MID))?.data).toEqual({
      type: 'DATASET',
      id: MID,
      name: MID.name,
      physicalName: MID.name,
      namespace: MID.namespace,
      sourceName: MID.namespace,
      description: null,
      fields: [{ name: 'order_id', type: 'BIGINT', tags: [], description: 'the order' }, { name: 'total', type: 'DECIMAL', tags: [], description: null }],
      tags: [],
    });
    expect(byId.get(job(EXTRACT))?.data).toMatchObject({ type: 'BATCH', id: EXTRACT, name: EXTRACT.name, namespace: EXTRACT.namespace, inputs: [RAW], outputs: [MID], latestRun: { state: 'FINISHED', startedAt: '2026-01-01T00:02:00.000Z' } });
  });

  it('stops at depth: one step from a dataset reaches the jobs that read or write it', async () => {
    const res = await lineage(ds(MID), 1);
    expect(res.body.graph.map((n) => n.id)).toEqual([ds(MID), job(EXTRACT), job(REPORT)]);
    // Edges to nodes past the depth are left out, so every edge names two nodes of the answer.
    expect(res.body.graph.find((n) => n.id === job(EXTRACT))?.inEdges).toEqual([]);
  });

  it('starts from a job too, and uses Marquez’s default depth when none is given', async () => {
    const res = await lineage(job(REPORT));
    expect(res.status).toBe(200);
    expect(res.body.graph.map((n) => n.id)).toEqual([ds(MID), ds(OUT), ds(RAW), job(EXTRACT), job(REPORT)]);
  });

  it('finds the dataset under another spelling of the same table', async () => {
    const res = await lineage('dataset:postgresql://DB.EXAMPLE:shop.public.orders', 1);
    expect(res.status).toBe(200);
    expect(res.body.graph.map((n) => n.id)).toEqual([ds(MID), job(EXTRACT), job(REPORT)]);
  });

  it('keeps the nearest nodes and says so when more are within depth than the answer holds', async () => {
    const repo = new MarquezLineageRepository(graph);
    const found = await repo.lineage('DATASET', formatId(NodeType.DATASET, MID.namespace, MID.name), 2, 3);
    expect(found?.truncated).toBe(true);
    // The root, then the level-one jobs: breadth first, so nothing from level two displaces them.
    expect(found?.nodes.map((n) => n.id).sort()).toEqual([formatId(NodeType.DATASET, MID.namespace, MID.name), formatId(NodeType.JOB, EXTRACT.namespace, EXTRACT.name), formatId(NodeType.JOB, REPORT.namespace, REPORT.name)].sort());
    expect((await repo.lineage('DATASET', formatId(NodeType.DATASET, MID.namespace, MID.name), 2, 5))?.truncated).toBe(false);
  });

  it('reads the graph in one statement', async () => {
    await lineage(ds(MID), 2);
    const ops: string[] = [];
    const stop = graph.onStatement((e) => ops.push(e.operation));
    try {
      await lineage(ds(MID), 2);
    } finally {
      stop();
    }
    expect(ops).toEqual(['openlineage.marquezLineage']);
  });

  it.each([
    ['nodeId=', 'nodeId', 'is required'],
    ['depth=2', 'nodeId', 'is required'],
    [`nodeId=${encodeURIComponent('run:3f5e83fa-3480-44ff-99c5-ff943904e5e8')}`, 'nodeId', 'unknown node type "run"'],
    [`nodeId=${encodeURIComponent('dataset:only-namespace')}`, 'nodeId', 'both a namespace and a name'],
    [`nodeId=${encodeURIComponent('job:etl:a\u001b[31mb')}`, 'nodeId', 'control'],
    [`nodeId=${encodeURIComponent(ds(MID))}&depth=0`, 'depth', 'integer from 1 to 20'],
    [`nodeId=${encodeURIComponent(ds(MID))}&depth=21`, 'depth', 'integer from 1 to 20'],
    [`nodeId=${encodeURIComponent(ds(MID))}&depth=two`, 'depth', 'integer from 1 to 20'],
  ])('answers %s with 400 BAD_USER_INPUT naming the parameter', async (query, argument, why) => {
    const res = await get(query);
    expect(res.status).toBe(400);
    const [error] = res.body.errors ?? [];
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    expect(error.message).toContain(why);
  });

  it('answers an unknown dataset or job with 404 NOT_FOUND', async () => {
    for (const id of [ds({ namespace: 's3://landing', name: 'nope' }), job({ namespace: 'etl', name: 'nope' })]) {
      const res = await lineage(id, 2);
      expect(res.status).toBe(404);
      expect(res.body.errors?.[0].extensions.code).toBe('NOT_FOUND');
      expect(res.body.errors?.[0].message).toContain(id);
    }
  });

  it('needs a token, as the other read APIs do', async () => {
    const res = await get(`nodeId=${encodeURIComponent(ds(MID))}`, null);
    expect(res.status).toBe(401);
  });
});
