import { formatId } from '../src/domain/ids';
import { NodeType } from '../src/domain/nodeType';
import { ALL_RELATIONS } from '../src/domain/relation';
import { storeKeyFor } from '../src/domain/trackingStore';
import type { GraphExecutor } from '../src/graph/executor';
import type { Scenario } from '../scripts/bench/scenario/pvScenario';
import { startTestApi, type TestApi } from './support/api';
import { loadDemo } from './support/demo';
import { testGraph } from './support/graph';
import { bfs, rawEdges, type RawEdge } from './support/lineageGraph';

type Answer = { nodes: { id: string; type: string }[]; edges: { from: string; to: string }[]; rootExistedAt: boolean; rootAbsence: string | null };

const FIELDS = 'nodes { id type } edges { from to } rootExistedAt rootAbsence';
const LINEAGE = `query($id: ID!, $direction: LineageDirection, $asOf: DateTime, $validAt: DateTime) {
  lineage(id: $id, direction: $direction, depth: 5, asOf: $asOf, validAt: $validAt) { ${FIELDS} }
}`;
const IMPACT = `query($id: ID!, $asOf: DateTime, $validAt: DateTime) { impact(id: $id, asOf: $asOf, validAt: $validAt) { ${FIELDS} } }`;
const PATH = `query($from: ID!, $to: ID!, $asOf: DateTime, $validAt: DateTime) {
  lineagePath(from: $from, to: $to, asOf: $asOf, validAt: $validAt) { nodes { id } }
}`;

const PATHS = `query($from: ID!, $to: ID!, $asOf: DateTime, $validAt: DateTime) {
  lineagePaths(from: $from, to: $to, asOf: $asOf, validAt: $validAt) { paths { nodes { id } } fromExistedAt toExistedAt absence }
}`;
type PathsAnswer = { paths: { nodes: { id: string }[] }[]; fromExistedAt: boolean; toExistedAt: boolean; absence: string | null };

const SDR_Q1 = formatId(NodeType.REPORT, 'SDR-2024Q1');
const FAERS_Q1 = formatId(NodeType.DATASET, 's3://pv-data', 'faers/2024Q1/drug_event.parquet');
const LINEAGE_TYPES: ReadonlySet<string> = new Set(ALL_RELATIONS);

/**
 * The source time of every timed node of the scenario, from the scenario's own records rather
 * than the graph: runs by start, model versions, experiments, the model and reports by creation.
 * Signals are recorded through the signal service, which dates them when it records them, so
 * they carry the load time.
 */
function sourceTimes(scenario: Scenario, loadedAt: number): Map<string, number> {
  const times = new Map<string, number>();
  for (const { store, experiments, runs, models, versions } of scenario.stores) {
    const key = storeKeyFor(store.uri);
    for (const e of experiments) if (e.createdAt !== null) times.set(formatId(NodeType.EXPERIMENT, key, e.experimentId), e.createdAt);
    for (const r of runs) if (r.startTime !== null) times.set(formatId(NodeType.RUN, key, r.runId), r.startTime);
    for (const m of models) if (m.createdAt !== null) times.set(formatId(NodeType.REGISTERED_MODEL, key, m.name), m.createdAt);
    for (const v of versions) if (v.createdAt !== null) times.set(formatId(NodeType.MODEL_VERSION, key, v.name, String(v.version)), v.createdAt);
  }
  for (const r of scenario.reports) times.set(formatId(NodeType.REPORT, r.reportId), r.createdAt as number);
  for (const s of scenario.signals) times.set(formatId(NodeType.SIGNAL, s.signalId), loadedAt);
  return times;
}

describe('two clocks: asOf (recorded) and validAt (source) on the demo scenario', () => {
  let graph: GraphExecutor;
  let api: TestApi;
  let scenario: Scenario;
  let times: Map<string, number>;
  let edges: RawEdge[];
  let beforeLoad: string;
  let afterLoad: string;

  beforeAll(async () => {
    graph = testGraph();
    beforeLoad = new Date(Date.now() - 1000).toISOString();
    const loadedAt = Date.now();
    scenario = await loadDemo(graph);
    afterLoad = new Date().toISOString();
    times = sourceTimes(scenario, loadedAt);
    edges = (await rawEdges(graph)).filter((e) => LINEAGE_TYPES.has(e.type));
    api = await startTestApi(graph);
  });
  afterAll(async () => {
    await api.close();
    await graph.close();
  });

  const ask = async (query: string, variables: Record<string, unknown>, field: 'lineage' | 'impact'): Promise<Answer> => {
    const res = await api.gql<Record<string, Answer>>(query, variables);
    expect(res.errors).toBeUndefined();
    return res.data![field];
  };
  const ids = (a: Answer) => a.nodes.map((n) => n.id).sort();
  /** The walk an independent reader expects at `validAt`: only edges whose two ends had come to exist. */
  const expectedAt = (root: string, direction: 'UPSTREAM' | 'DOWNSTREAM', at: number, depth: number) => {
    const valid = (id: string) => (times.get(id) ?? Number.NEGATIVE_INFINITY) <= at;
    return [...bfs(edges.filter((e) => valid(e.from) && valid(e.to)), root, direction, depth).keys()].sort();
  };
  const q1Runs = () => {
    const store = scenario.stores.flatMap((s) => s.runs.map((r) => ({ key: storeKeyFor(s.store.uri), r })));
    return store.filter(({ r }) => r.inputs.some((i) => i.dataset.name === 'faers/2024Q1/drug_event.parquet')).map(({ key, r }) => ({ id: formatId(NodeType.RUN, key, r.runId), start: r.startTime as number }));
  };

  it('validAt shows only the runs that had started by then, downstream of a dataset (lineage and impact)', async () => {
    const runs = q1Runs().sort((a, b) => a.start - b.start);
    const cut = runs[Math.floor(runs.length / 2)].start;
    const validAt = new Date(cut).toISOString();
    const now = await ask(IMPACT, { id: FAERS_Q1 }, 'impact');
    const then = await ask(IMPACT, { id: FAERS_Q1, validAt }, 'impact');
    const laterRuns = runs.filter((r) => r.start > cut).map((r) => r.id);
    expect(laterRuns.length).toBeGreaterThan(0);
    for (const r of laterRuns) {
      expect(ids(now)).toContain(r);
      expect(ids(then)).not.toContain(r);
    }
    expect(ids(then)).toEqual(expectedAt(FAERS_Q1, 'DOWNSTREAM', cut, 20));
    expect(then.nodes.filter((n) => n.type === 'RUN').every((n) => (times.get(n.id) as number) <= cut)).toBe(true);
    expect(then.rootExistedAt).toBe(true);
    expect(then.rootAbsence).toBeNull();
    const walk = await ask(LINEAGE, { id: FAERS_Q1, direction: 'DOWNSTREAM', validAt }, 'lineage');
    expect(ids(walk)).toEqual(expectedAt(FAERS_Q1, 'DOWNSTREAM', cut, 5));
    // Edges only between nodes of the answer, and none into a run that had not started.
    const kept = new Set(ids(walk));
    expect(walk.edges.every((e) => kept.has(e.from) && kept.has(e.to))).toBe(true);
  });

  it('answers the worked example of docs/time.md: the dataset and the four runs that had read it by 2024-02-01', async () => {
    const then = await ask(IMPACT, { id: FAERS_Q1, validAt: '2024-02-01T00:00:00Z' }, 'impact');
    const fileKey = storeKeyFor(scenario.stores[0].store.uri);
    const early = scenario.stores[0].runs.filter((r) => (r.startTime as number) < Date.UTC(2024, 1, 1) && r.inputs.some((i) => i.dataset.name === 'faers/2024Q1/drug_event.parquet'));
    expect(early.map((r) => new Date(r.startTime as number).toISOString().slice(0, 10))).toEqual(['2024-01-11', '2024-01-14', '2024-01-26', '2024-01-29']);
    expect(ids(then)).toEqual([FAERS_Q1, ...early.map((r) => formatId(NodeType.RUN, fileKey, r.runId))].sort());
  });

  it('validAt upstream of a report leaves out what came later (here the signals, recorded at load)', async () => {
    const at = Date.UTC(2024, 5, 1);
    const then = await ask(LINEAGE, { id: SDR_Q1, validAt: new Date(at).toISOString() }, 'lineage');
    const now = await ask(LINEAGE, { id: SDR_Q1 }, 'lineage');
    expect(now.nodes.some((n) => n.type === 'SIGNAL')).toBe(true);
    expect(then.nodes.some((n) => n.type === 'SIGNAL')).toBe(false);
    expect(then.nodes.some((n) => n.type === 'RUN')).toBe(true);
    expect(ids(then)).toEqual(expectedAt(SDR_Q1, 'UPSTREAM', at, 5));
    expect(then.nodes.filter((n) => n.type === 'RUN').map((n) => n.id).sort()).toEqual([...scenario.reports[0].runIds].sort());
    expect(then.rootExistedAt).toBe(true);
  });

  it('says when the root did not exist yet at validAt: a report by its creation, a dataset by the first run that read it', async () => {
    const report = await ask(LINEAGE, { id: SDR_Q1, validAt: '2024-05-01T00:00:00Z' }, 'lineage');
    expect(ids(report)).toEqual([SDR_Q1]);
    expect(report.edges).toEqual([]);
    expect(report.rootExistedAt).toBe(false);
    const created = new Date(times.get(SDR_Q1) as number).toISOString();
    expect(report.rootAbsence).toBe(`Report "${SDR_Q1}" dates from ${created} in its source records, after validAt 2024-05-01T00:00:00.000Z: it did not exist yet then.`);

    const first = Math.min(...q1Runs().map((r) => r.start));
    const before = await ask(IMPACT, { id: FAERS_Q1, validAt: new Date(first - 1).toISOString() }, 'impact');
    expect(ids(before)).toEqual([FAERS_Q1]);
    expect(before.rootExistedAt).toBe(false);
    expect(before.rootAbsence).toContain(`dates from ${new Date(first).toISOString()}`);
    const at = await ask(IMPACT, { id: FAERS_Q1, validAt: new Date(first).toISOString() }, 'impact');
    expect(at.rootExistedAt).toBe(true);
    expect(at.nodes.filter((n) => n.type === 'RUN').length).toBeGreaterThan(0);
  });

  it('asOf before the load: the root alone, rootExistedAt false and a message naming when it was recorded', async () => {
    const asOf = '2024-01-01T00:00:00.000Z';
    for (const [query, field] of [[LINEAGE, 'lineage'], [IMPACT, 'impact']] as const) {
      const a = await ask(query, { id: SDR_Q1, asOf }, field);
      expect(ids(a)).toEqual([SDR_Q1]);
      expect(a.edges).toEqual([]);
      expect(a.rootExistedAt).toBe(false);
      expect(a.rootAbsence).toMatch(new RegExp(`^Report "${SDR_Q1}" was first recorded by pv-lineage at (\\S+), after asOf ${asOf}`));
      const recorded = /at (\S+),/.exec(a.rootAbsence!)![1];
      expect(recorded >= beforeLoad && recorded <= afterLoad).toBe(true);
    }
    const now = await ask(LINEAGE, { id: SDR_Q1, asOf: afterLoad }, 'lineage');
    expect(now.rootExistedAt).toBe(true);
    expect(ids(now)).toEqual(ids(await ask(LINEAGE, { id: SDR_Q1 }, 'lineage')));
  });

  it('takes both clocks together: both conditions hold', async () => {
    const at = new Date(Date.UTC(2024, 5, 1)).toISOString();
    const source = await ask(LINEAGE, { id: SDR_Q1, validAt: at }, 'lineage');
    const both = await ask(LINEAGE, { id: SDR_Q1, validAt: at, asOf: afterLoad }, 'lineage');
    expect(ids(both)).toEqual(ids(source));
    expect(both.rootExistedAt).toBe(true);
    const early = await ask(LINEAGE, { id: SDR_Q1, validAt: at, asOf: '2024-01-01T00:00:00Z' }, 'lineage');
    expect(ids(early)).toEqual([SDR_Q1]);
    expect(early.rootExistedAt).toBe(false);
    expect(early.rootAbsence).toContain('first recorded by pv-lineage');
    const neither = await ask(LINEAGE, { id: SDR_Q1, validAt: '2024-05-01T00:00:00Z', asOf: afterLoad }, 'lineage');
    expect(neither.rootExistedAt).toBe(false);
    expect(neither.rootAbsence).toContain('after validAt');
  });

  it('lineagePath honours both clocks', async () => {
    const runs = q1Runs().sort((a, b) => a.start - b.start);
    const late = runs[runs.length - 1];
    const early = runs[0];
    const paths = async (to: string, clocks: Record<string, string>) => {
      const res = await api.gql<{ lineagePath: { nodes: { id: string }[] }[] }>(PATH, { from: FAERS_Q1, to, ...clocks });
      expect(res.errors).toBeUndefined();
      return res.data!.lineagePath;
    };
    const between = new Date(late.start - 1).toISOString();
    expect(await paths(late.id, {})).not.toEqual([]);
    expect(await paths(late.id, { validAt: between })).toEqual([]);
    expect(await paths(early.id, { validAt: between })).not.toEqual([]);
    expect(await paths(early.id, { asOf: beforeLoad })).toEqual([]);
    expect(await paths(early.id, { asOf: afterLoad, validAt: between })).not.toEqual([]);
  });

  describe('lineagePaths', () => {
    const paths = async (variables: Record<string, unknown>): Promise<PathsAnswer> => {
      const res = await api.gql<{ lineagePaths: PathsAnswer }>(PATHS, variables);
      expect(res.errors).toBeUndefined();
      return res.data!.lineagePaths;
    };
    const oldPaths = async (variables: Record<string, unknown>) => {
      const res = await api.gql<{ lineagePath: { nodes: { id: string }[] }[] }>(PATH, variables);
      expect(res.errors).toBeUndefined();
      return res.data!.lineagePath;
    };

    it('lists the paths lineagePath lists, in its order, with both ends existing', async () => {
      for (const clocks of [{}, { validAt: '2024-06-01T00:00:00Z' }, { asOf: afterLoad }]) {
        const answer = await paths({ from: FAERS_Q1, to: SDR_Q1, ...clocks });
        expect(answer.paths.length).toBeGreaterThan(0);
        expect(answer.paths).toEqual(await oldPaths({ from: FAERS_Q1, to: SDR_Q1, ...clocks }));
        expect([answer.fromExistedAt, answer.toExistedAt, answer.absence]).toEqual([true, true, null]);
      }
    });

    it('says which end did not exist yet at validAt, in the words lineage uses for its root', async () => {
      const validAt = '2024-05-01T00:00:00Z';
      const answer = await paths({ from: SDR_Q1, to: FAERS_Q1, validAt });
      expect(answer.paths).toEqual([]);
      expect(answer.fromExistedAt).toBe(false);
      expect(answer.toExistedAt).toBe(true);
      const root = await ask(LINEAGE, { id: SDR_Q1, validAt }, 'lineage');
      expect(answer.absence).toBe(`The "from" end did not exist yet: ${root.rootAbsence}`);
      expect(answer.absence).toContain(`dates from ${new Date(times.get(SDR_Q1) as number).toISOString()}`);

      const swapped = await paths({ from: FAERS_Q1, to: SDR_Q1, validAt });
      expect([swapped.fromExistedAt, swapped.toExistedAt]).toEqual([true, false]);
      expect(swapped.absence).toBe(`The "to" end did not exist yet: ${root.rootAbsence}`);
    });

    it('names both ends when neither was recorded yet at asOf', async () => {
      const answer = await paths({ from: FAERS_Q1, to: SDR_Q1, asOf: '2024-01-01T00:00:00Z' });
      expect(answer.paths).toEqual([]);
      expect([answer.fromExistedAt, answer.toExistedAt]).toEqual([false, false]);
      expect(answer.absence).toContain(`The "from" end did not exist yet: Dataset "${FAERS_Q1}" was first recorded by pv-lineage at `);
      expect(answer.absence).toContain(`. The "to" end did not exist yet: Report "${SDR_Q1}" was first recorded by pv-lineage at `);
    });
  });

  it.each([
    ['lineagePaths', 'asOf', PATHS],
    ['lineagePaths', 'validAt', PATHS],
    ['lineage', 'asOf', LINEAGE],
    ['lineage', 'validAt', LINEAGE],
    ['impact', 'asOf', IMPACT],
    ['impact', 'validAt', IMPACT],
    ['lineagePath', 'asOf', PATH],
    ['lineagePath', 'validAt', PATH],
  ])('%s refuses a future %s with BAD_USER_INPUT naming it', async (_field, argument, query) => {
    const future = new Date(Date.now() + 3_600_000).toISOString();
    const res = await api.gql(query, { id: SDR_Q1, from: FAERS_Q1, to: SDR_Q1, [argument]: future });
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].extensions?.argument).toBe(argument);
    expect(res.errors?.[0].message).toContain(`"${argument}"`);
  });
});
