import { spawn } from 'node:child_process';
import path from 'node:path';
import { formatId } from '../src/domain/ids';
import { NodeType } from '../src/domain/nodeType';
import { Role } from '../src/domain/role';
import type { GraphExecutor } from '../src/graph/executor';
import { type TestApi, startTestApi } from './support/api';
import { resetGraph, testGraph } from './support/graph';
import { tokenWithRoles } from './support/identity';
import { uuid } from './support/openlineage';

/**
 * The real openlineage-python client (pinned in scripts/openlineage/requirements.txt, installed
 * by `npm test`) sends a job's events through its HttpTransport with an API key, as an Airflow or
 * Spark integration would; the test reads them back through GraphQL and Marquez's endpoints.
 */
const ROOT = path.resolve(__dirname, '..');
const PY = path.join(process.env.OPENLINEAGE_VENV_DIR ?? path.join(ROOT, '.venv/openlineage'), 'bin/python');
const SCRIPT = path.join(ROOT, 'scripts/openlineage/send_events.py');

const NAMESPACE = 'pv-etl';
const JOB = 'revenue.daily';
const PARENT_JOB = 'revenue.dag';
const INPUT = {
  namespace: 'postgres://DB.example',
  name: 'shop.public.orders',
  fields: [
    { name: 'order_id', type: 'BIGINT', description: 'the order' },
    { name: 'amount', type: 'DECIMAL' },
    { name: 'customer_email', type: 'VARCHAR' },
  ],
};
const OUTPUT = {
  namespace: 's3://warehouse',
  name: 'daily/revenue.parquet',
  fields: [
    { name: 'revenue', type: 'DECIMAL' },
    { name: 'customer_hash', type: 'VARCHAR' },
  ],
};
const from = (field: string, type: string, subtype: string, masking = false) => ({ namespace: INPUT.namespace, name: INPUT.name, field, transformations: [{ type, subtype, description: `${subtype} of ${field}`, masking }] });
const COLUMN_LINEAGE = {
  fields: { revenue: [from('amount', 'DIRECT', 'AGGREGATION')], customer_hash: [from('customer_email', 'DIRECT', 'TRANSFORMATION', true)] },
  dataset: [from('order_id', 'INDIRECT', 'FILTER')],
};
/** The names the graph keeps: the naming spec's canonical pair (host lower-cased, default port added). */
const INPUT_CANONICAL = { namespace: 'postgres://db.example:5432', name: INPUT.name };
const ERROR = 'division by zero in revenue.daily';

/** Runs the client script; resolves with the lines it printed, rejects with its stderr when it fails. */
function sendThroughClient(scenario: object, apiKey: string): Promise<{ eventType: string; runId: string }[]> {
  return new Promise((resolve, reject) => {
    // Asynchronous on purpose: the server under test answers on this process's event loop.
    const child = spawn(PY, [SCRIPT], { cwd: ROOT, env: { ...process.env, OPENLINEAGE_API_KEY: apiKey }, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`send_events.py exited ${code}: ${err.slice(-2000)}`));
      resolve(out.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { eventType: string; runId: string }));
    });
    child.stdin.end(JSON.stringify(scenario));
  });
}

interface ClientRun {
  runId: string;
  status: string;
  startTime: string | null;
  endTime: string | null;
  parent: { runId: string } | null;
  stateHistory: { state: string }[];
  inputs: { dataset: { id: string } }[];
  openLineage: { errorMessage: { message: string; programmingLanguage: string | null } | null; tags: { key: string; value: string }[] } | null;
}

describe('the openlineage-python client, end to end', () => {
  let graph: GraphExecutor;
  let api: TestApi;
  let pipelineToken: string;
  const runId = uuid();
  const failedRunId = uuid();
  const parentRunId = uuid();
  let sent: { eventType: string; runId: string }[];

  beforeAll(async () => {
    graph = testGraph();
    await resetGraph(graph);
    api = await startTestApi(graph);
    pipelineToken = await tokenWithRoles([Role.PIPELINE]);
    sent = await sendThroughClient(
      {
        url: api.url,
        namespace: NAMESPACE,
        job: JOB,
        parent: { runId: parentRunId, namespace: NAMESPACE, name: PARENT_JOB },
        runId,
        failedRunId,
        errorMessage: ERROR,
        start: '2026-03-01T06:00:00+00:00',
        input: INPUT,
        output: OUTPUT,
        columnLineage: COLUMN_LINEAGE,
      },
      pipelineToken,
    );
  }, 60_000);
  afterAll(async () => {
    await api.close();
    await graph.close();
  });

  it('sent START, RUNNING, COMPLETE and START, FAIL, each accepted', () => {
    expect(sent).toEqual([
      { eventType: 'START', runId, status: 'sent' },
      { eventType: 'RUNNING', runId, status: 'sent' },
      { eventType: 'COMPLETE', runId, status: 'sent' },
      { eventType: 'START', runId: failedRunId, status: 'sent' },
      { eventType: 'FAIL', runId: failedRunId, status: 'sent' },
    ]);
  });

  it('reads the job, both runs, their states, parent, inputs, error and the client’s tags back through GraphQL', async () => {
    const res = await api.gql<{ job: { namespace: string; name: string; runs: ClientRun[] } }>(
      `query ($id: ID!) { job(id: $id) { namespace name runs {
        runId status startTime endTime parent { runId } stateHistory { state } inputs { dataset { id } }
        openLineage { errorMessage { message programmingLanguage } tags { key value } }
      } } }`,
      { id: formatId(NodeType.JOB, NAMESPACE, JOB) },
    );
    expect(res.errors).toBeUndefined();
    const runs = new Map(res.data?.job.runs.map((r) => [r.runId, r]));
    expect([...runs.keys()].sort()).toEqual([runId, failedRunId].sort());
    const done = runs.get(runId) as ClientRun;
    const failed = runs.get(failedRunId) as ClientRun;
    expect(done).toMatchObject({ status: 'FINISHED', startTime: '2026-03-01T06:00:00.000Z', endTime: '2026-03-01T06:00:20.000Z', parent: { runId: parentRunId } });
    expect(done.stateHistory.map((t) => t.state)).toEqual(['START', 'RUNNING', 'COMPLETE']);
    expect(failed).toMatchObject({ status: 'FAILED', endTime: '2026-03-01T06:00:40.000Z', parent: null });
    expect(failed.stateHistory.map((t) => t.state)).toEqual(['START', 'FAIL']);
    expect(failed.openLineage?.errorMessage).toEqual({ message: ERROR, programmingLanguage: 'python' });
    for (const r of [done, failed]) expect(r.inputs.map((i) => i.dataset.id)).toEqual([formatId(NodeType.DATASET, INPUT_CANONICAL.namespace, INPUT_CANONICAL.name)]);
    // The client tags every run with its own version.
    expect(done.openLineage?.tags).toEqual(expect.arrayContaining([expect.objectContaining({ key: 'openlineage_client_version' })]));
  });

  it('keeps the schema facet on both datasets, under the canonical input name', async () => {
    const read = (ns: string, name: string) => api.gql<{ dataset: { schema: { name: string; type: string }[] } }>('query ($id: ID!) { dataset(id: $id) { schema } }', { id: formatId(NodeType.DATASET, ns, name) });
    const input = await read(INPUT_CANONICAL.namespace, INPUT_CANONICAL.name);
    expect(input.data?.dataset.schema.map((f) => [f.name, f.type])).toEqual(INPUT.fields.map((f) => [f.name, f.type]));
    const output = await read(OUTPUT.namespace, OUTPUT.name);
    expect(output.data?.dataset.schema.map((f) => f.name)).toEqual(OUTPUT.fields.map((f) => f.name));
  });

  it('reads the same lineage through Marquez’s GET /api/v1/lineage, from the name the client sent', async () => {
    const nodeId = `dataset:${INPUT.namespace}:${INPUT.name}`;
    const res = await fetch(`${api.url}/api/v1/lineage?nodeId=${encodeURIComponent(nodeId)}&depth=2`, { headers: { authorization: `Bearer ${pipelineToken}` } });
    expect(res.status).toBe(200);
    const { graph: nodes } = (await res.json()) as { graph: { id: string; inEdges: { origin: string }[]; outEdges: { destination: string }[]; data: { fields?: { name: string }[] } }[] };
    const input = `dataset:${INPUT_CANONICAL.namespace}:${INPUT_CANONICAL.name}`;
    const job = `job:${NAMESPACE}:${JOB}`;
    const output = `dataset:${OUTPUT.namespace}:${OUTPUT.name}`;
    // The parent job has no datasets of its own, so it is no part of the dataset graph.
    expect(nodes.map((n) => n.id)).toEqual([input, output, job]);
    const byId = new Map(nodes.map((n) => [n.id, n]));
    expect(byId.get(job)?.inEdges).toEqual([{ origin: input, destination: job }]);
    expect(byId.get(job)?.outEdges).toEqual([{ origin: job, destination: output }]);
    expect(byId.get(output)?.data.fields?.map((f) => f.name)).toEqual(OUTPUT.fields.map((f) => f.name));
  });

  it('logs the column-lineage facet verbatim, as the client sent it', async () => {
    const res = await fetch(`${api.url}/api/v1/events/lineage?limit=10`, { headers: { authorization: `Bearer ${pipelineToken}` } });
    const { events } = (await res.json()) as { events: { eventType: string; outputs: { facets: { columnLineage: { fields: Record<string, unknown>; dataset: unknown[] } } }[] }[] };
    expect(events).toHaveLength(5);
    for (const e of events) {
      const facet = e.outputs[0].facets.columnLineage;
      expect(Object.keys(facet.fields).sort()).toEqual(['customer_hash', 'revenue']);
      expect(facet.fields.customer_hash).toMatchObject({ inputFields: [{ field: 'customer_email', transformations: [{ type: 'DIRECT', subtype: 'TRANSFORMATION', masking: true }] }] });
      expect(facet.dataset).toEqual([expect.objectContaining({ field: 'order_id', transformations: [expect.objectContaining({ type: 'INDIRECT', subtype: 'FILTER' })] })]);
    }
  });

  const fieldId = (ds: { namespace: string; name: string }, field: string) => formatId(NodeType.DATASET_FIELD, ds.namespace, ds.name, field);

  it('reads the column-lineage facet back through GraphQL: field edges with their transformations, and the dataset-level dependency', async () => {
    const res = await api.gql<{ columnLineage: { roots: string[]; edges: { from: string; to: string; type: string; subtype: string; description: string; masking: boolean }[]; datasetDependencies: { from: string; datasetId: string; type: string; subtype: string }[] } }>(
      'query ($id: ID!) { columnLineage(id: $id, direction: UPSTREAM, depth: 2) { roots edges { from to type subtype description masking } datasetDependencies { from datasetId type subtype } } }',
      { id: formatId(NodeType.DATASET, OUTPUT.namespace, OUTPUT.name) },
    );
    expect(res.errors).toBeUndefined();
    const expected = Object.entries(COLUMN_LINEAGE.fields).flatMap(([to, inputs]) =>
      inputs.map((i) => ({ from: fieldId(INPUT_CANONICAL, i.field), to: fieldId(OUTPUT, to), ...i.transformations[0] })),
    );
    const byPair = (a: { from: string; to: string }, b: { from: string; to: string }) => `${a.from} ${a.to}`.localeCompare(`${b.from} ${b.to}`);
    expect([...res.data!.columnLineage.edges].sort(byPair)).toEqual(expected.sort(byPair));
    expect(res.data!.columnLineage.roots.sort()).toEqual(OUTPUT.fields.map((f) => fieldId(OUTPUT, f.name)).sort());
    expect(res.data!.columnLineage.datasetDependencies).toEqual(
      COLUMN_LINEAGE.dataset.map((d) => expect.objectContaining({ from: fieldId(INPUT_CANONICAL, d.field), type: d.transformations[0].type, subtype: d.transformations[0].subtype })),
    );
  });

  it('reads it through Marquez’s GET /api/v1/column-lineage, from the unescaped id a Marquez tool sends', async () => {
    const nodeId = `datasetField:${OUTPUT.namespace}:${OUTPUT.name}:revenue`;
    const res = await fetch(`${api.url}/api/v1/column-lineage?nodeId=${encodeURIComponent(nodeId)}&depth=2`, { headers: { authorization: `Bearer ${pipelineToken}` } });
    expect(res.status).toBe(200);
    const { graph: nodes } = (await res.json()) as { graph: { id: string; data: { field: string; inputFields: { field: string; transformationType: string }[] } }[] };
    const revenue = nodes.find((n) => n.data.field === 'revenue');
    expect(revenue?.data.inputFields.map((f) => f.field)).toEqual(COLUMN_LINEAGE.fields.revenue.map((i) => i.field));
    expect(nodes.map((n) => n.data.field).sort()).toEqual(['amount', 'revenue']);
  });
});
