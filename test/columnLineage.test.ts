import path from 'node:path';
import { fieldId } from '../src/domain/datasetField';
import { formatId } from '../src/domain/ids';
import { NodeType } from '../src/domain/nodeType';
import type { GraphExecutor, StatementEvent } from '../src/graph/executor';
import { type TestApi, startTestApi } from './support/api';
import { testRoot } from './support/composition';
import { countGraph, resetGraph, testGraph } from './support/graph';
import { facet, postEvent, runEvent, uuid } from './support/openlineage';
import { richDatasetEvent } from './support/openlineageRich';

const FIELDS = `query($id: ID!, $asOf: DateTime) { node(id: $id) { ... on Dataset { fields(asOf: $asOf) { id name type description datasetId } } } }`;
const COLUMNS = `query($id: ID!, $direction: LineageDirection, $depth: Int, $asOf: DateTime) {
  columnLineage(id: $id, direction: $direction, depth: $depth, asOf: $asOf) {
    roots truncated
    nodes { id name datasetId type depth }
    edges { from to type subtype description masking }
    datasetDependencies { from datasetId type subtype description masking }
  } }`;

type Field = { id: string; name: string; type: string | null; description: string | null; datasetId: string };
type Answer = {
  columnLineage: {
    roots: string[];
    truncated: boolean;
    nodes: { id: string; name: string; datasetId: string; type: string | null; depth: number }[];
    edges: Record<string, unknown>[];
    datasetDependencies: Record<string, unknown>[];
  };
};

const NS = 'postgres://db.pv:5432';
const A = { namespace: NS, name: 'pv.public.cases' };
const B = { namespace: NS, name: 'pv.public.cases_clean' };
const C = { namespace: NS, name: 'pv.public.cases_report' };
const ds = (d: { namespace: string; name: string }) => formatId(NodeType.DATASET, d.namespace, d.name);
const f = (d: { namespace: string; name: string }, field: string) => fieldId(d.namespace, d.name, field);
const schema = (fields: { name: string; type?: string; description?: string }[]) => facet({ fields });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function withDatasetFacets(event: Record<string, unknown>, side: 'inputs' | 'outputs', index: number, facets: Record<string, unknown>) {
  const list = event[side] as Record<string, unknown>[];
  list[index] = { ...list[index], facets };
  return event;
}

describe('column-level lineage', () => {
  let graph: GraphExecutor;
  let api: TestApi;
  beforeAll(async () => {
    graph = testGraph();
    await resetGraph(graph);
    api = await startTestApi(graph);
  });
  afterAll(async () => {
    await api.close();
    await graph.close();
  });

  const fieldsOf = async (id: string, asOf?: string) => {
    const res = await api.gql<{ node: { fields: Field[] } }>(FIELDS, { id, asOf });
    expect(res.errors).toBeUndefined();
    return res.data!.node.fields;
  };
  const columns = async (vars: Record<string, unknown>) => {
    const res = await api.gql<Answer>(COLUMNS, vars);
    expect(res.errors).toBeUndefined();
    return res.data!.columnLineage;
  };

  describe('fields from schema facets, over time', () => {
    const D = { namespace: 's3://pv-lake', name: 'faers/drug.parquet' };
    const event = (eventTime: string, fields: { name: string; type?: string; description?: string }[]) =>
      withDatasetFacets(runEvent({ eventType: 'COMPLETE', runId: uuid(), job: { namespace: 'pv', name: 'load' }, eventTime, outputs: [D] }), 'outputs', 0, { schema: schema(fields) });

    let before: string;
    let afterFirst: string;
    beforeAll(async () => {
      before = new Date().toISOString();
      await sleep(5);
      const first = event('2024-05-01T00:00:00.000Z', [
        { name: 'caseid', type: 'BIGINT', description: 'FAERS case' },
        { name: 'drug', type: 'VARCHAR' },
        { name: 'reaction', type: 'STRUCT', fields: [{ name: 'pt', type: 'VARCHAR' }] } as never,
      ]);
      expect((await postEvent(api, first)).status).toBe(201);
      await sleep(5);
      afterFirst = new Date().toISOString();
      await sleep(5);
      // A newer schema: drug's type changes, reaction goes, outcome comes.
      const second = event('2024-05-02T00:00:00.000Z', [
        { name: 'caseid', type: 'BIGINT', description: 'FAERS case' },
        { name: 'drug', type: 'TEXT' },
        { name: 'outcome', type: 'VARCHAR' },
      ]);
      expect((await postEvent(api, second)).status).toBe(201);
    });

    it('lists the newest schema in schema order', async () => {
      expect(await fieldsOf(ds(D))).toEqual([
        { id: f(D, 'caseid'), name: 'caseid', type: 'BIGINT', description: 'FAERS case', datasetId: ds(D) },
        { id: f(D, 'drug'), name: 'drug', type: 'TEXT', description: null, datasetId: ds(D) },
        { id: f(D, 'outcome'), name: 'outcome', type: 'VARCHAR', description: null, datasetId: ds(D) },
      ]);
    });

    it('answers asOf before and between the schema changes, nested fields after their parent', async () => {
      expect(await fieldsOf(ds(D), before)).toEqual([]);
      expect((await fieldsOf(ds(D), afterFirst)).map((x) => [x.name, x.type])).toEqual([
        ['caseid', 'BIGINT'],
        ['drug', 'VARCHAR'],
        ['reaction', 'STRUCT'],
        ['reaction.pt', 'VARCHAR'],
      ]);
    });

    it('ignores an older schema delivered late', async () => {
      expect((await postEvent(api, event('2024-04-01T00:00:00.000Z', [{ name: 'stale', type: 'X' }]))).status).toBe(201);
      expect((await fieldsOf(ds(D))).map((x) => x.name)).toEqual(['caseid', 'drug', 'outcome']);
    });

    it('resolves a field through node(id:) and finds it in search', async () => {
      const res = await api.gql<{ node: Record<string, unknown> }>(
        'query($id: ID!) { node(id: $id) { __typename id ... on DatasetField { name type datasetId dataset { id name } } } }',
        { id: f(D, 'outcome') },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.node).toEqual({ __typename: 'DatasetField', id: f(D, 'outcome'), name: 'outcome', type: 'VARCHAR', datasetId: ds(D), dataset: { id: ds(D), name: D.name } });
      const hits = await api.gql<{ search: { id: string; type: string }[] }>('{ search(text: "outcome", types: [DATASET_FIELD]) { id type displayName summary } }');
      expect(hits.errors).toBeUndefined();
      expect(hits.data!.search).toEqual([{ id: f(D, 'outcome'), type: 'DATASET_FIELD', displayName: 'outcome', summary: `field of ${D.name}` }]);
    });
  });

  describe('the column-lineage facet, both forms', () => {
    beforeAll(async () => {
      // A → B: the current form, with a dataset-level filter.
      const ab = runEvent({ eventType: 'COMPLETE', runId: uuid(), job: { namespace: 'pv', name: 'clean' }, eventTime: '2024-06-01T00:00:00.000Z', inputs: [A], outputs: [B] });
      withDatasetFacets(ab, 'inputs', 0, { schema: schema([{ name: 'caseid', type: 'BIGINT' }, { name: 'email', type: 'VARCHAR' }, { name: 'country', type: 'VARCHAR' }]) });
      withDatasetFacets(ab, 'outputs', 0, {
        schema: schema([{ name: 'caseid', type: 'BIGINT' }, { name: 'reporter', type: 'VARCHAR' }]),
        columnLineage: facet({
          fields: {
            caseid: { inputFields: [{ ...A, field: 'caseid', transformations: [{ type: 'DIRECT', subtype: 'IDENTITY', description: 'copied', masking: false }] }] },
            reporter: { inputFields: [{ ...A, field: 'email', transformations: [{ type: 'DIRECT', subtype: 'TRANSFORMATION', description: 'sha256(email)', masking: true }] }] },
          },
          dataset: [{ ...A, field: 'country', transformations: [{ type: 'INDIRECT', subtype: 'FILTER', description: "country = 'US'" }] }],
        }),
      });
      // B → C: the deprecated form (transformationType / transformationDescription on the output field).
      const bc = runEvent({ eventType: 'COMPLETE', runId: uuid(), job: { namespace: 'pv', name: 'report' }, eventTime: '2024-06-01T01:00:00.000Z', inputs: [B], outputs: [C] });
      withDatasetFacets(bc, 'outputs', 0, {
        columnLineage: facet({ fields: { case_ref: { inputFields: [{ ...B, field: 'caseid' }], transformationType: 'IDENTITY', transformationDescription: 'identical' } } }),
      });
      for (const e of [ab, bc]) expect((await postEvent(api, e)).status).toBe(201);
    });

    const CASE_AB = { from: f(A, 'caseid'), to: f(B, 'caseid'), type: 'DIRECT', subtype: 'IDENTITY', description: 'copied', masking: false };
    const CASE_BC = { from: f(B, 'caseid'), to: f(C, 'case_ref'), type: 'IDENTITY', subtype: null, description: 'identical', masking: false };

    it('audits the fields and field edges each event declares', async () => {
      const rows = await graph.query('test.audit', "MATCH (a:AuditEvent {action: 'OPENLINEAGE_EVENT_RECORDED'}) WHERE a.newValue CONTAINS 'fieldEdges' RETURN a.newValue AS v ORDER BY a.seq");
      const values = rows.map((r) => JSON.parse(String(r.v)) as Record<string, unknown>);
      expect(values.slice(0, 2).map((v) => [v.fields ?? null, v.fieldEdges, v.datasetDependencies])).toEqual([
        [5, 2, 1],
        [null, 1, 0],
      ]);
    });

    it('walks upstream from a field, both forms, each node once with its depth', async () => {
      const g = await columns({ id: f(C, 'case_ref') });
      expect(g.roots).toEqual([f(C, 'case_ref')]);
      expect(g.nodes.map((n) => [n.id, n.depth])).toEqual([
        [f(C, 'case_ref'), 0],
        [f(B, 'caseid'), 1],
        [f(A, 'caseid'), 2],
      ]);
      expect(g.edges).toEqual([CASE_AB, CASE_BC]);
      expect(g.nodes.find((n) => n.id === f(A, 'caseid'))).toMatchObject({ name: 'caseid', datasetId: ds(A), type: 'BIGINT' });
      // A field only lineage names has no type.
      expect(g.nodes[0].type).toBeNull();
      expect(g.truncated).toBe(false);
    });

    it('stops at depth and walks downstream', async () => {
      expect((await columns({ id: f(C, 'case_ref'), depth: 1 })).nodes.map((n) => n.id)).toEqual([f(C, 'case_ref'), f(B, 'caseid')]);
      const down = await columns({ id: f(A, 'caseid'), direction: 'DOWNSTREAM' });
      expect(down.nodes.map((n) => [n.id, n.depth])).toEqual([
        [f(A, 'caseid'), 0],
        [f(B, 'caseid'), 1],
        [f(C, 'case_ref'), 2],
      ]);
      expect((await columns({ id: f(A, 'caseid'), direction: 'UPSTREAM' })).nodes).toHaveLength(1);
    });

    it('answers BOTH with the union of the upstream and the downstream walk', async () => {
      const id = f(B, 'caseid');
      const [up, down, both] = await Promise.all((['UPSTREAM', 'DOWNSTREAM', 'BOTH'] as const).map((direction) => columns({ id, direction, depth: 3 })));
      const depths = new Map<string, number>();
      for (const n of [...up.nodes, ...down.nodes]) depths.set(n.id, Math.min(n.depth, depths.get(n.id) ?? n.depth));
      expect(up.nodes.length).toBeGreaterThan(1);
      expect(down.nodes.length).toBeGreaterThan(1);
      expect(both.nodes.map((n) => [n.id, n.depth]).sort()).toEqual([...depths].sort());
    });

    it('answers in one statement, from GraphQL and from the Marquez route, and loads many datasets\' fields in one', async () => {
      const seen: StatementEvent[] = [];
      const off = graph.onStatement((e) => seen.push(e));
      const ops = () => seen.map((e) => e.operation).filter((o) => o.startsWith('datasetField.'));
      await columns({ id: ds(B), direction: 'BOTH', depth: 3 });
      expect(ops()).toEqual(['datasetField.columnLineage']);
      seen.length = 0;
      const res = await fetch(`${api.url}/api/v1/column-lineage?nodeId=${encodeURIComponent(f(B, 'caseid'))}&withDownstream=true`, { headers: { authorization: `Bearer ${api.token}` } });
      expect(res.status).toBe(200);
      expect(ops()).toEqual(['datasetField.columnLineage']);
      seen.length = 0;
      const many = await api.gql('query($a: ID!, $b: ID!) { a: node(id: $a) { ... on Dataset { fields { name } } } b: node(id: $b) { ... on Dataset { fields { name } } } }', { a: ds(A), b: ds(B) });
      expect(many.errors).toBeUndefined();
      expect(ops()).toEqual(['datasetField.ofDatasets']);
      off();
    });

    it('takes a dataset id as all of its fields, with masking and the dataset-level dependencies', async () => {
      const g = await columns({ id: ds(B), depth: 1 });
      expect(g.roots).toEqual([f(B, 'caseid'), f(B, 'reporter')]);
      expect(g.nodes.map((n) => [n.id, n.depth])).toEqual([
        [f(B, 'caseid'), 0],
        [f(B, 'reporter'), 0],
        [f(A, 'caseid'), 1],
        [f(A, 'email'), 1],
      ]);
      expect(g.edges).toContainEqual({ from: f(A, 'email'), to: f(B, 'reporter'), type: 'DIRECT', subtype: 'TRANSFORMATION', description: 'sha256(email)', masking: true });
      expect(g.datasetDependencies).toEqual([{ from: f(A, 'country'), datasetId: ds(B), type: 'INDIRECT', subtype: 'FILTER', description: "country = 'US'", masking: null }]);
    });

    it('replaces a dataset\'s column lineage with a newer facet, and asOf still sees the old edges', async () => {
      const between = new Date().toISOString();
      await sleep(5);
      const again = runEvent({ eventType: 'COMPLETE', runId: uuid(), job: { namespace: 'pv', name: 'report' }, eventTime: '2024-06-02T00:00:00.000Z', inputs: [B], outputs: [C] });
      withDatasetFacets(again, 'outputs', 0, { columnLineage: facet({ fields: { case_ref: { inputFields: [{ ...B, field: 'reporter' }] } } }) });
      expect((await postEvent(api, again)).status).toBe(201);
      expect((await columns({ id: f(C, 'case_ref'), depth: 1 })).edges).toEqual([{ from: f(B, 'reporter'), to: f(C, 'case_ref'), type: null, subtype: null, description: null, masking: null }]);
      expect((await columns({ id: f(C, 'case_ref'), depth: 1, asOf: between })).edges).toEqual([CASE_BC]);
    });
  });

  describe('GET /api/v1/column-lineage (Marquez)', () => {
    const get = async (query: string, token: string | null = api.token) => {
      const res = await fetch(`${api.url}/api/v1/column-lineage?${query}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const q = (nodeId: string, extra = '') => `nodeId=${encodeURIComponent(nodeId)}${extra}`;

    it("answers Marquez's graph shape, upstream by default and downstream when asked", async () => {
      await api.gql('{ me { id } }');
      const up = await get(q(f(B, 'caseid'), '&depth=1'));
      expect(up.status).toBe(200);
      expect(up.body).toEqual({
        graph: [
          {
            id: f(A, 'caseid'),
            type: 'DATASET_FIELD',
            data: { namespace: NS, dataset: A.name, datasetVersion: null, field: 'caseid', fieldType: 'BIGINT', transformationDescription: null, transformationType: null, inputFields: [] },
            inEdges: [],
            outEdges: [{ origin: f(A, 'caseid'), destination: f(B, 'caseid') }],
          },
          {
            id: f(B, 'caseid'),
            type: 'DATASET_FIELD',
            data: {
              namespace: NS,
              dataset: B.name,
              datasetVersion: null,
              field: 'caseid',
              fieldType: 'BIGINT',
              transformationDescription: 'copied',
              transformationType: 'DIRECT',
              inputFields: [{ namespace: NS, dataset: A.name, datasetVersion: null, field: 'caseid', transformationDescription: 'copied', transformationType: 'DIRECT' }],
            },
            inEdges: [{ origin: f(A, 'caseid'), destination: f(B, 'caseid') }],
            outEdges: [],
          },
        ],
      });
      // Since the facet was replaced above, C.case_ref comes from B.reporter; upstream and downstream each walk one way, so B.caseid (a sibling) stays out.
      const both = await get(q(f(B, 'reporter'), '&depth=1&withDownstream=true'));
      expect((both.body.graph as { id: string }[]).map((n) => n.id)).toEqual([f(A, 'email'), f(B, 'reporter'), f(C, 'case_ref')].sort());
      expect((await get(q(f(B, 'reporter'), '&depth=1'))).body.graph).toHaveLength(2);
      const dataset = await get(q(ds(B), '&depth=1'));
      expect((dataset.body.graph as { id: string }[]).map((n) => n.id)).toEqual([f(A, 'caseid'), f(A, 'email'), f(B, 'caseid'), f(B, 'reporter')]);
    });

    it('gives 400 for bad input, 404 for an unknown field, 401 without a token', async () => {
      for (const query of ['', q('datasetField:a:b'), q(f(A, 'caseid'), '&depth=0'), q(f(A, 'caseid'), '&depth=abc'), q(f(A, 'caseid'), '&depth=999'), q(f(A, 'caseid'), '&withDownstream=yes'), q('job:pv:clean')]) {
        const res = await get(query);
        expect([query, res.status, (res.body.errors as { extensions: { code: string } }[])[0].extensions.code]).toEqual([query, 400, 'BAD_USER_INPUT']);
      }
      const missing = await get(q(f(A, 'nothing')));
      expect(missing.status).toBe(404);
      expect((await get(q(f(A, 'caseid')), null)).status).toBe(401);
    });
  });

  it('reads a DatasetEvent\'s schema and column lineage like a run\'s output', async () => {
    expect((await postEvent(api, richDatasetEvent())).status).toBe(201);
    const orders = { namespace: 'postgres://db:5432', name: 'shop.public.orders' };
    const raw = { namespace: 's3://bucket', name: 'raw/orders' };
    expect((await fieldsOf(ds(orders))).map((x) => x.name)).toEqual(['id', 's', 's.a']);
    const g = await columns({ id: f(orders, 'id') });
    // The current form wins over the deprecated pair beside it.
    expect(g.edges).toEqual([{ from: f(raw, 'id'), to: f(orders, 'id'), type: 'DIRECT', subtype: 'IDENTITY', description: 'copied', masking: false }]);
    expect(g.datasetDependencies).toEqual([{ from: f(raw, 'id'), datasetId: ds(orders), type: 'DIRECT', subtype: 'IDENTITY', description: 'copied', masking: false }]);
  });

  describe('bad input', () => {
    const codeOf = async (vars: Record<string, unknown>) => {
      const res = await api.gql(COLUMNS, vars);
      return { code: res.errors?.[0]?.extensions?.code, message: res.errors?.[0]?.message };
    };

    it('refuses malformed ids, other node types and depths out of range; NOT_FOUND for a well-formed unknown id', async () => {
      for (const id of ['datasetField:a:b', 'datasetField:a:b:c:d', 'datasetField:a:b:c%3', 'datasetField:a:b:c:', 'datasetField:a:b:x(y)', `run:${'a'.repeat(12)}:r1`]) {
        expect((await codeOf({ id })).code).toBe('BAD_USER_INPUT');
      }
      for (const depth of [0, -1, 1000]) expect(await codeOf({ id: f(A, 'caseid'), depth })).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringContaining('depth') });
      expect(await codeOf({ id: f(A, 'no_such_field') })).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('Dataset field') });
      expect((await codeOf({ id: ds({ namespace: 'nowhere', name: 'nothing' }) })).code).toBe('NOT_FOUND');
      const node = await api.gql('query($id: ID!) { node(id: $id) { id } }', { id: f(A, 'no_such_field') });
      expect(node.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    });

    it('writes nothing of an event refused for a bad column-lineage facet', async () => {
      const before = await countGraph(graph);
      const bad = runEvent({ eventType: 'COMPLETE', runId: uuid(), job: { namespace: 'pv', name: 'broken' }, eventTime: '2024-07-01T00:00:00.000Z', outputs: [{ namespace: NS, name: 'pv.public.broken' }] });
      withDatasetFacets(bad, 'outputs', 0, {
        schema: schema([{ name: 'x', type: 'INT' }]),
        columnLineage: facet({ fields: { x: { inputFields: [{ ...A, field: 'caseid', transformations: [{ type: 'DIRECT', masking: 'yes' }] }] } } }),
      });
      const res = await postEvent(api, bad);
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toContain('/outputs/0/facets/columnLineage/fields/x/inputFields/0/transformations/0/masking');
      expect(await countGraph(graph)).toEqual(before);
    });
  });

  describe('MLflow dataset schemas', () => {
    it('fill the fields of the datasets MLflow runs read', async () => {
      const summary = await testRoot(graph).ingest.ingestMlflow(path.resolve(__dirname, '..', 'demo/mlflow/filestore/mlruns'), { actor: 'test' });
      expect(summary.status).toBe('COMPLETED');
      const [row] = await graph.query('test.mlflowDataset', "MATCH (d:Dataset) WHERE d.schemaJson CONTAINS 'pt_term' RETURN d.id AS id ORDER BY d.id LIMIT 1");
      const fields = await fieldsOf(String(row.id));
      expect(fields.map((x) => [x.name, x.type])).toEqual([
        ['quarter', 'string'],
        ['drug', 'string'],
        ['pt_term', 'string'],
        ['case_count', 'long'],
        ['prr', 'double'],
        ['signal', 'long'],
      ]);
    });
  });
});
