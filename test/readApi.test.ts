import { formatId } from '../src/domain/ids';
import { NodeType } from '../src/domain/nodeType';
import { storeKeyFor } from '../src/domain/trackingStore';
import type { GraphExecutor } from '../src/graph/executor';
import type { Scenario } from '../src/services/demo/pvScenario';
import { startTestApi, type TestApi } from './support/api';
import { loadDemo, runNodeId } from './support/demo';
import { testGraph } from './support/graph';

type Conn<T> = { totalCount: number; edges: { cursor: string; node: T }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };

describe('read API over the demo graph', () => {
  let graph: GraphExecutor;
  let api: TestApi;
  let scenario: Scenario;

  beforeAll(async () => {
    graph = testGraph();
    scenario = await loadDemo(graph);
    api = await startTestApi(graph);
  });
  afterAll(async () => {
    await api.close();
    await graph.close();
  });

  const allRuns = () => scenario.stores.flatMap((s) => s.runs.map((r) => ({ store: s, run: r })));

  it('round-trips every kind of id through node(id)', async () => {
    const sqlite = storeKeyFor(scenario.stores[1].store.uri);
    const ids = [
      formatId(NodeType.TRACKING_STORE, sqlite),
      formatId(NodeType.EXPERIMENT, sqlite, scenario.stores[1].experiments[0].experimentId),
      runNodeId(scenario, 1, 2),
      formatId(NodeType.DATASET, scenario.datasets[3].namespace, scenario.datasets[3].name),
      formatId(NodeType.REGISTERED_MODEL, sqlite, 'pv-signal-xgb'),
      formatId(NodeType.MODEL_VERSION, sqlite, 'pv-signal-xgb', '2'),
      formatId(NodeType.REPORT, scenario.reports[0].reportId),
      formatId(NodeType.SIGNAL, scenario.signals[0].signalId),
    ];
    for (const id of ids) {
      const res = await api.gql<{ node: { id: string; __typename: string } }>('query($id: ID!) { node(id: $id) { id __typename } }', { id });
      expect(res.errors).toBeUndefined();
      expect(res.data?.node.id).toBe(id);
    }
  });

  it('keeps 18-digit MLflow experiment ids exact', async () => {
    const e = scenario.stores[1].experiments[0];
    const res = await api.gql<{ experiments: Conn<{ experimentId: string; name: string }> }>(
      'query($n: String) { experiments(filter: {name: $n}) { totalCount edges { node { experimentId name } } } }',
      { n: e.name },
    );
    expect(res.data?.experiments.edges.map((x) => x.node)).toEqual([{ experimentId: e.experimentId, name: e.name }]);
  });

  it('answers "which runs fed this report?" with their experiment, inputs and metrics', async () => {
    const report = scenario.reports[1];
    const res = await api.gql<{ report: { runs: { id: string; params: Record<string, string>; experiment: { name: string }; inputs: { context: string; dataset: { period: string } }[] }[] } }>(
      `query($id: ID!) { report(id: $id) { runs { id params experiment { name } inputs { context dataset { period } } metrics { key value special } } } }`,
      { id: formatId(NodeType.REPORT, report.reportId) },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.report.runs.map((r) => r.id).sort()).toEqual([...report.runIds].sort());
    for (const run of res.data!.report.runs) {
      const source = allRuns().find((x) => run.id.endsWith(x.run.runId))!;
      expect(run.params).toEqual(source.run.params);
      expect(run.experiment.name).toBe(source.store.experiments[0].name);
      expect(run.inputs.map((i) => i.context).sort()).toEqual(source.run.inputs.map((i) => i.context).sort());
    }
  });

  it('reports NaN metrics with a special marker instead of dropping them', async () => {
    const failed = allRuns().find((x) => x.run.status === 'FAILED')!;
    const id = formatId(NodeType.RUN, storeKeyFor(failed.store.store.uri), failed.run.runId);
    const res = await api.gql<{ run: { metrics: unknown[] } }>('query($id: ID!) { run(id: $id) { metrics { key value special } } }', { id });
    expect(res.data?.run.metrics).toEqual([{ key: 'logloss', value: null, special: 'NAN' }]);
  });

  it('pages through all runs with stable cursors and no overlap', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    do {
      const res: { data?: { runs: Conn<{ id: string }> } } = await api.gql('query($a: String) { runs(first: 7, after: $a) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }', { a: after });
      const page: Conn<{ id: string }> = res.data!.runs;
      total = page.totalCount;
      seen.push(...page.edges.map((e) => e.node.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(total).toBe(allRuns().length);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(total);
  });

  it('sorts runs by a metric, best first, with runs lacking it last', async () => {
    const res = await api.gql<{ runs: Conn<{ id: string; metrics: { key: string; value: number | null }[] }> }>(
      'query { runs(first: 100, orderBy: {field: METRIC, metricKey: "AUC_test", direction: DESC}) { edges { node { id metrics { key value } } } } }',
    );
    const aucs = res.data!.runs.edges.map((e) => e.node.metrics.find((m) => m.key === 'AUC_test')?.value ?? null);
    const present = aucs.filter((a): a is number => a !== null);
    expect(present).toEqual([...present].sort((a, b) => b - a));
    expect(aucs.slice(present.length).every((a) => a === null)).toBe(true);
    expect(present.length).toBe(allRuns().filter((x) => x.run.latestMetrics.some((m) => m.key === 'AUC_test')).length);
  });

  it('filters runs by experiment, status, user, param, metric threshold and start time', async () => {
    const store = scenario.stores[0];
    const expId = formatId(NodeType.EXPERIMENT, storeKeyFor(store.store.uri), store.experiments[0].experimentId);
    const q = `query($f: RunFilter) { runs(filter: $f, first: 500) { totalCount edges { node { runId } } } }`;
    const count = async (f: Record<string, unknown>) => ((await api.gql<{ runs: Conn<{ runId: string }> }>(q, { f })).data!.runs.totalCount);

    expect(await count({ experimentId: expId })).toBe(store.runs.length);
    expect(await count({ statuses: ['FAILED'] })).toBe(allRuns().filter((x) => x.run.status === 'FAILED').length);
    expect(await count({ userId: 'a.nowak' })).toBe(allRuns().filter((x) => x.run.userId === 'a.nowak').length);
    expect(await count({ param: { key: 'max_depth', value: '5' } })).toBe(allRuns().filter((x) => x.run.params.max_depth === '5').length);
    const auc = (r: (typeof allRuns extends () => (infer U)[] ? U : never)['run']) => r.latestMetrics.find((m) => m.key === 'AUC_test')?.value;
    expect(await count({ metric: { key: 'AUC_test', min: 0.9 } })).toBe(allRuns().filter((x) => (auc(x.run) ?? -1) >= 0.9).length);
    const pivot = allRuns()[5].run.startTime!;
    expect(await count({ startedAfter: new Date(pivot).toISOString() })).toBe(allRuns().filter((x) => x.run.startTime! >= pivot).length);
  });

  it('lists reports by kind, status and period, and model versions by stage', async () => {
    const finals = await api.gql<{ reports: Conn<{ period: string }> }>('{ reports(filter: {statuses: [FINAL], kinds: [SIGNAL_DETECTION]}) { totalCount edges { node { period } } } }');
    expect(finals.data!.reports.totalCount).toBe(scenario.reports.filter((r) => r.status === 'FINAL').length);
    const q2 = await api.gql<{ reports: Conn<{ id: string }> }>('{ reports(filter: {period: "2024Q2"}) { edges { node { id } } } }');
    expect(q2.data!.reports.edges.map((e) => e.node.id)).toEqual([formatId(NodeType.REPORT, 'SDR-2024Q2')]);
    const prod = await api.gql<{ modelVersions: Conn<{ version: number; stage: string; aliases: string[]; run: { runId: string } }> }>(
      '{ modelVersions(filter: {stages: [PRODUCTION]}) { edges { node { version stage aliases run { runId } } } } }',
    );
    const expected = scenario.stores[1].versions.filter((v) => v.stage === 'Production');
    expect(prod.data!.modelVersions.edges.map((e) => e.node)).toEqual(
      expected.map((v) => ({ version: v.version, stage: 'Production', aliases: [...v.aliases], run: { runId: v.runId } })),
    );
  });

  it('follows relations both ways: model ↔ versions ↔ run, dataset → runs, signal → run and reports', async () => {
    const sqlite = storeKeyFor(scenario.stores[1].store.uri);
    const res = await api.gql<{ registeredModel: { versions: Conn<{ version: number; model: { name: string } }> } }>(
      'query($id: ID!) { registeredModel(id: $id) { versions { totalCount edges { node { version model { name } } } } } }',
      { id: formatId(NodeType.REGISTERED_MODEL, sqlite, 'pv-signal-xgb') },
    );
    const versions = res.data!.registeredModel.versions.edges.map((e) => e.node.version);
    expect(versions).toEqual(scenario.stores[1].versions.map((v) => v.version).sort((a, b) => b - a));

    const ds = scenario.datasets[4];
    const dsRes = await api.gql<{ dataset: { runs: Conn<{ runId: string }> } }>('query($id: ID!) { dataset(id: $id) { runs(first: 100) { totalCount edges { node { runId } } } } }', {
      id: formatId(NodeType.DATASET, ds.namespace, ds.name),
    });
    const readers = allRuns().filter((x) => x.run.inputs.some((i) => i.dataset.name === ds.name));
    expect(dsRes.data!.dataset.runs.totalCount).toBe(readers.length);

    const sig = scenario.signals[0];
    const sigRes = await api.gql<{ signal: { run: { id: string }; reports: { id: string }[] } }>('query($id: ID!) { signal(id: $id) { run { id } reports { id } } }', {
      id: formatId(NodeType.SIGNAL, sig.signalId),
    });
    expect(sigRes.data!.signal.run.id).toBe(sig.runId);
    expect(sigRes.data!.signal.reports.map((r) => r.id).sort()).toEqual(
      scenario.reports.filter((r) => r.signalIds.includes(formatId(NodeType.SIGNAL, sig.signalId))).map((r) => formatId(NodeType.REPORT, r.reportId)).sort(),
    );
  });

  it('links nested runs to their parent', async () => {
    const parent = runNodeId(scenario, 1, 0);
    const res = await api.gql<{ run: { children: { parent: { id: string } }[] } }>('query($id: ID!) { run(id: $id) { children { parent { id } } } }', { id: parent });
    const expected = scenario.stores[1].runs.filter((r) => r.parentRunId === scenario.stores[1].runs[0].runId).length;
    expect(res.data!.run.children).toHaveLength(expected);
    expect(res.data!.run.children.every((c) => c.parent.id === parent)).toBe(true);
  });

  it('finds a run by its bare MLflow id', async () => {
    const run = scenario.stores[0].runs[3];
    const res = await api.gql<{ runsByMlflowId: { id: string }[] }>('query($r: String!) { runsByMlflowId(runId: $r) { id } }', { r: run.runId });
    expect(res.data!.runsByMlflowId.map((r) => r.id)).toEqual([runNodeId(scenario, 0, 3)]);
  });

  describe('bad input', () => {
    const codeOf = (res: { errors?: { extensions?: Record<string, unknown> }[] }) => res.errors?.[0]?.extensions?.code;

    it('answers NOT_FOUND for a well-formed id with no node, naming the id', async () => {
      const id = formatId(NodeType.RUN, 'aaaaaaaaaaaa', 'f'.repeat(32));
      const res = await api.gql('query($id: ID!) { node(id: $id) { id } }', { id });
      expect(codeOf(res)).toBe('NOT_FOUND');
      expect(res.errors![0].message).toContain(id);
    });

    it('answers BAD_USER_INPUT for a malformed id, naming the id', async () => {
      const res = await api.gql('{ run(id: "run:nope") { id } }');
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0].message).toContain('run:nope');
    });

    it('answers BAD_USER_INPUT for an id of the wrong type', async () => {
      const res = await api.gql('query($id: ID!) { run(id: $id) { id } }', { id: formatId(NodeType.REPORT, 'SDR-2024Q1') });
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
    });

    it.each([
      ['{ runs(first: -1) { totalCount } }', 'first'],
      ['{ runs(first: 501) { totalCount } }', 'first'],
      ['{ runs(after: "Zm9yZ2Vk") { totalCount } }', 'after'],
      ['{ runs(filter: {statuses: []}) { totalCount } }', 'filter.statuses'],
      ['{ runs(orderBy: {field: METRIC}) { totalCount } }', 'orderBy.metricKey'],
      ['{ reports(filter: {kinds: []}) { totalCount } }', 'filter.kinds'],
    ])('rejects %s naming %s', async (query, argument) => {
      const res = await api.gql(query);
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0].extensions!.argument).toBe(argument);
      expect(res.data).toBeNull();
    });
  });
});
