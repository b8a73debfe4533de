import { formatId } from '../src/domain/ids';
import { NodeType } from '../src/domain/nodeType';
import type { SignalRecord } from '../src/domain/records';
import type { GraphExecutor, StatementEvent } from '../src/graph/executor';
import { startTestApi, type TestApi } from './support/api';
import { resetGraph, testGraph } from './support/graph';
import { dataset, datasetId, report, reportId, run, runId, storeKey, writeFixture, writer } from './support/lineageGraph';

/**
 * The typed lineage fields on the two clocks (docs/time.md), on a small graph whose times are
 * chosen by hand. Source times (MLflow / report records):
 *
 *   r-early  run, started 2024-01-01, read d-shared; trained pv-xgb v1; raised sig-a and sig-b
 *   mv       pv-xgb v1, created 2024-02-10 by r-early
 *   r-late   run, started 2024-05-01, read d-shared and d-late
 *   rep-early  report, created 2024-02-01, from r-early
 *   rep-new    report, created 2024-03-01, from r-early and mv
 *   rep-rev    report, created 2024-04-01 from r-early, revised to add r-late (a later run)
 *   sig-a / sig-b  detected 2024-01-20 / 2024-06-01
 *
 * Recorded times: everything but r-late, rep-new, sig-b and the FEEDS edge r-late → rep-rev is
 * written before `between`; those after it.
 */
const at = (iso: string) => `${iso}T00:00:00.000Z`;
const ms = (iso: string) => Date.parse(at(iso));
const versionId = formatId(NodeType.MODEL_VERSION, storeKey, 'pv-xgb', '1');
const R_EARLY = runId('r-early');
const R_LATE = runId('r-late');
const [REP_EARLY, REP_NEW, REP_REV] = ['rep-early', 'rep-new', 'rep-rev'].map(reportId);
const SIG_A = formatId(NodeType.SIGNAL, 'sig-a');
const SIG_B = formatId(NodeType.SIGNAL, 'sig-b');

const signal = (signalId: string, drug: string, detectedAt: string): SignalRecord => ({
  signalId,
  drug,
  drugCode: null,
  eventTerm: 'Rhabdomyolysis',
  meddraCode: null,
  meddraVersion: null,
  prr: 3,
  ror: null,
  chiSquare: null,
  caseCount: 5,
  status: 'DETECTED',
  detectedAt: ms(detectedAt),
  runId: R_EARLY,
});

const sleep = (t: number) => new Promise((r) => setTimeout(r, t));

type Clocks = { asOf?: string; validAt?: string };

/** `provenance` of a report or a signal: its runs' ids, then its model versions'. */
const PROVENANCE = {
  selection: 'provenance(asOf: $asOf, validAt: $validAt) { runs { run { id } } modelVersions { modelVersion { id } } }',
  ids: (x: { provenance: { runs: { run: { id: string } }[]; modelVersions: { modelVersion: { id: string } }[] } }) => [
    ...x.provenance.runs.map((r) => r.run.id),
    ...x.provenance.modelVersions.map((v) => v.modelVersion.id),
  ],
} as const;

/** Each typed field: how to ask it of one parent, and how to read the ids out of the answer. */
const FIELDS = {
  'Report.sourceRuns': { parent: 'report', selection: 'sourceRuns(asOf: $asOf, validAt: $validAt) { run { id } }', ids: (x: { sourceRuns: { run: { id: string } }[] }) => x.sourceRuns.map((s) => s.run.id) },
  'Report.provenance': { parent: 'report', ...PROVENANCE },
  'Signal.provenance': { parent: 'signal', ...PROVENANCE },
  'Run.downstreamReports': { parent: 'run', selection: 'downstreamReports(asOf: $asOf, validAt: $validAt) { id }', ids: (x: { downstreamReports: { id: string }[] }) => x.downstreamReports.map((r) => r.id) },
  'Dataset.impactedReports': { parent: 'dataset', selection: 'impactedReports(asOf: $asOf, validAt: $validAt) { id }', ids: (x: { impactedReports: { id: string }[] }) => x.impactedReports.map((r) => r.id) },
  'ModelVersion.reports': { parent: 'modelVersion', selection: 'reports(asOf: $asOf, validAt: $validAt) { id }', ids: (x: { reports: { id: string }[] }) => x.reports.map((r) => r.id) },
  'ModelVersion.signals': { parent: 'modelVersion', selection: 'signals(asOf: $asOf, validAt: $validAt) { id }', ids: (x: { signals: { id: string }[] }) => x.signals.map((s) => s.id) },
} as const;
type FieldName = keyof typeof FIELDS;

describe('typed lineage fields on the two clocks', () => {
  let graph: GraphExecutor;
  let api: TestApi;
  let between: string;
  let statements: StatementEvent[] = [];

  beforeAll(async () => {
    graph = testGraph();
    await resetGraph(graph);
    const early = { ...run('r-early', ['d-shared']), startTime: ms('2024-01-01') };
    await writeFixture(graph, { datasets: [dataset('d-shared'), dataset('d-late')], runs: [early], reports: [] });
    await graph.write('test.clockFixture', async (tx) => {
      await writer.writeRegisteredModels(tx, storeKey, [{ name: 'pv-xgb', description: null, createdAt: ms('2024-02-10'), updatedAt: null, tags: {} }]);
      await writer.writeModelVersions(tx, storeKey, [
        { name: 'pv-xgb', version: 1, stage: 'PRODUCTION', status: 'READY', source: 'models:/m-abc', runId: 'r-early', aliases: [], description: null, createdAt: ms('2024-02-10'), tags: {} },
      ]);
      await writer.writeSignals(tx, [signal('sig-a', 'atorvastatin', '2024-01-20')]);
      await writer.writeReport(tx, { ...report('rep-early', ['r-early']), createdAt: ms('2024-02-01') });
      await writer.writeReport(tx, { ...report('rep-rev', ['r-early']), createdAt: ms('2024-04-01') });
    });
    await sleep(30);
    between = new Date().toISOString();
    await sleep(30);
    await graph.write('test.clockFixtureLater', async (tx) => {
      await writer.writeRuns(tx, storeKey, [{ ...run('r-late', ['d-shared', 'd-late']), startTime: ms('2024-05-01') }]);
      await writer.writeReport(tx, { ...report('rep-rev', ['r-early', 'r-late']), createdAt: ms('2024-04-01') });
      await writer.writeReport(tx, { ...report('rep-new', ['r-early']), createdAt: ms('2024-03-01'), modelVersionIds: [versionId] });
      await writer.writeSignals(tx, [signal('sig-b', 'warfarin', '2024-06-01')]);
    });
    graph.onStatement((e) => statements.push(e));
    api = await startTestApi(graph, { PVL_MAX_QUERY_COST: '10000000' });
  });
  afterAll(async () => {
    await api.close();
    await graph.close();
  });

  const ask = async (field: FieldName, id: string, clocks: Clocks = {}): Promise<string[]> => {
    const f = FIELDS[field];
    const res = await api.gql<{ x: unknown }>(`query($id: ID!, $asOf: DateTime, $validAt: DateTime) { x: ${f.parent}(id: $id) { ${f.selection} } }`, { id, ...clocks });
    expect(res.errors).toBeUndefined();
    return (f.ids as (x: unknown) => string[])(res.data!.x);
  };

  // [field, parent id, answer now, answer asOf `between` (before the later writes), validAt, answer then]
  it.each<[FieldName, string, string[], string[], string, string[]]>([
    ['Report.sourceRuns', REP_REV, [R_EARLY, R_LATE], [R_EARLY], '2024-04-15', [R_EARLY]],
    ['Report.provenance', REP_NEW, [R_EARLY, versionId], [], '2024-03-15', [R_EARLY, versionId]],
    ['Signal.provenance', SIG_B, [R_EARLY], [], '2024-03-15', []],
    ['Run.downstreamReports', R_EARLY, [REP_REV, REP_NEW, REP_EARLY], [REP_REV, REP_EARLY], '2024-03-15', [REP_NEW, REP_EARLY]],
    ['Run.downstreamReports', R_LATE, [REP_REV], [], '2024-04-15', []],
    ['Dataset.impactedReports', datasetId('d-shared'), [REP_REV, REP_NEW, REP_EARLY], [REP_REV, REP_EARLY], '2024-02-15', [REP_EARLY]],
    ['Dataset.impactedReports', datasetId('d-late'), [REP_REV], [], '2024-04-15', []],
    ['ModelVersion.reports', versionId, [REP_REV, REP_NEW, REP_EARLY], [REP_REV, REP_EARLY], '2024-03-15', [REP_NEW, REP_EARLY]],
    ['ModelVersion.signals', versionId, [SIG_A, SIG_B], [SIG_A], '2024-03-15', [SIG_A]],
  ])('%s of %s: asOf leaves out edges recorded later, validAt what had not come to exist', async (field, id, now, recorded, validAt, valid) => {
    expect(await ask(field, id)).toEqual(now);
    expect(await ask(field, id, { asOf: between })).toEqual(recorded);
    expect(await ask(field, id, { validAt: at(validAt) })).toEqual(valid);
    // An instant after everything was written and existed: the same as now.
    expect(await ask(field, id, { asOf: new Date().toISOString(), validAt: at('2025-01-01') })).toEqual(now);
  });

  it('validAt before a run started leaves the run out, though the report it feeds already existed', async () => {
    expect(await ask('Report.sourceRuns', REP_REV, { validAt: at('2024-04-30') })).toEqual([R_EARLY]);
    expect(await ask('Report.sourceRuns', REP_REV, { validAt: at('2024-05-01') })).toEqual([R_EARLY, R_LATE]);
    expect(await ask('Dataset.impactedReports', datasetId('d-late'), { validAt: at('2024-05-01') })).toEqual([REP_REV]);
  });

  it('a parent that did not exist yet reaches nothing, on either clock', async () => {
    // rep-rev dates from April: in March its runs existed, it did not.
    expect(await ask('Report.sourceRuns', REP_REV, { validAt: at('2024-03-15') })).toEqual([]);
    // pv-xgb v1 dates from 2024-02-10; its training run already fed rep-early on 2024-02-01.
    expect(await ask('ModelVersion.reports', versionId, { validAt: at('2024-02-05') })).toEqual([]);
    // sig-a was detected on 2024-01-20, after the run that raised it started.
    expect(await ask('Signal.provenance', SIG_A, { validAt: at('2024-01-19') })).toEqual([]);
    expect(await ask('Signal.provenance', SIG_A, { validAt: at('2024-01-20') })).toEqual([R_EARLY]);
  });

  it.each(Object.keys(FIELDS).flatMap((field) => ['asOf', 'validAt'].map((argument) => [field, argument])))('%s refuses a future %s with BAD_USER_INPUT naming it', async (field, argument) => {
    const f = FIELDS[field as FieldName];
    const id = { report: REP_REV, signal: SIG_A, run: R_EARLY, dataset: datasetId('d-shared'), modelVersion: versionId }[f.parent];
    const future = new Date(Date.now() + 3_600_000).toISOString();
    const res = await api.gql(`query($id: ID!, $asOf: DateTime, $validAt: DateTime) { x: ${f.parent}(id: $id) { ${f.selection} } }`, { id, [argument]: future });
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].extensions?.argument).toBe(argument);
    expect(res.errors?.[0].message).toContain(`"${argument}"`);
  });

  it('answers the same id on two clock pairs in one request, one statement per clock pair', async () => {
    const Q = `query($a: ID!, $b: ID!, $between: DateTime, $spring: DateTime) {
      a: report(id: $a) { now: sourceRuns { run { id } } recorded: sourceRuns(asOf: $between) { run { id } } source: sourceRuns(validAt: $spring) { run { id } } both: sourceRuns(asOf: $between, validAt: $spring) { run { id } } }
      b: report(id: $b) { now: sourceRuns { run { id } } recorded: sourceRuns(asOf: $between) { run { id } } source: sourceRuns(validAt: $spring) { run { id } } both: sourceRuns(asOf: $between, validAt: $spring) { run { id } } }
    }`;
    type Runs = { run: { id: string } }[];
    type Answer = Record<'a' | 'b', Record<'now' | 'recorded' | 'source' | 'both', Runs>>;
    statements = [];
    const res = await api.gql<Answer>(Q, { a: REP_REV, b: REP_EARLY, between, spring: at('2024-03-15') });
    expect(res.errors).toBeUndefined();
    const ids = (runs: Runs) => runs.map((r) => r.run.id);
    const { a, b } = res.data!;
    expect([ids(a.now), ids(a.recorded), ids(a.source), ids(a.both)]).toEqual([[R_EARLY, R_LATE], [R_EARLY], [], []]);
    expect([ids(b.now), ids(b.recorded), ids(b.source), ids(b.both)]).toEqual([[R_EARLY], [R_EARLY], [R_EARLY], [R_EARLY]]);
    const reachable = statements.filter((s) => s.operation === 'lineage.reachable');
    // Four clock pairs, two reports each: one statement per pair, none per report.
    expect(reachable).toHaveLength(4);
    // Without a clock the statement has no clock condition at all, as before clocks existed.
    expect(reachable.filter((s) => !s.cypher.includes('$asOf') && !s.cypher.includes('$validAt'))).toHaveLength(1);
  });
});
