import { createHash } from 'node:crypto';
import { formatId } from '../../../src/domain/ids';
import { NodeType } from '../../../src/domain/nodeType';
import type {
  DatasetRecord,
  ExperimentRecord,
  ModelVersionRecord,
  RegisteredModelRecord,
  ReportRecord,
  RunRecord,
  SignalRecord,
  StoreRecord,
} from '../../../src/domain/records';
import { storeKeyFor, TrackingStoreKind } from '../../../src/domain/trackingStore';
import { hexFrom, seededRandom } from './random';

/**
 * A realistic pharmacovigilance scenario, built deterministically: XGBoost signal-detection
 * runs over FAERS quarters in two MLflow stores, a registered model, signals and the quarterly
 * signal reports generated from those runs.
 */
export interface StoreContent {
  readonly store: StoreRecord;
  readonly experiments: ExperimentRecord[];
  readonly runs: RunRecord[];
  readonly models: RegisteredModelRecord[];
  readonly versions: ModelVersionRecord[];
}

export interface Scenario {
  readonly datasets: DatasetRecord[];
  readonly stores: StoreContent[];
  readonly signals: SignalRecord[];
  readonly reports: ReportRecord[];
}

const QUARTERS = ['2023Q1', '2023Q2', '2023Q3', '2023Q4', '2024Q1', '2024Q2', '2024Q3', '2024Q4'];
const BASE_TIME = Date.UTC(2024, 0, 8, 9, 0, 0);
const DAY = 86_400_000;
const USERS = ['a.nowak', 'j.okafor', 'm.silva'];

const SIGNAL_PAIRS = [
  { drug: 'dupilumab', drugCode: 'RXCUI:1876376', term: 'Conjunctivitis', code: '10010741' },
  { drug: 'semaglutide', drugCode: 'RXCUI:1991302', term: 'Pancreatitis', code: '10033645' },
  { drug: 'montelukast', drugCode: 'RXCUI:88249', term: 'Nightmare', code: '10029412' },
  { drug: 'isotretinoin', drugCode: 'RXCUI:6064', term: 'Depression', code: '10012378' },
  { drug: 'finasteride', drugCode: 'RXCUI:25025', term: 'Suicidal ideation', code: '10042458' },
  { drug: 'fluoroquinolone (levofloxacin)', drugCode: 'RXCUI:82122', term: 'Tendon rupture', code: '10043248' },
];

export function faersDataset(quarter: string, digest: string): DatasetRecord {
  return {
    namespace: 's3://pv-data',
    name: `faers/${quarter}/drug_event.parquet`,
    digest,
    source: JSON.stringify({ uri: `s3://pv-data/faers/${quarter}/drug_event.parquet` }),
    sourceType: 's3',
    period: quarter,
    schema: { columns: ['primaryid', 'drugname', 'pt', 'role_cod', 'fda_dt'] },
  };
}

function metric(key: string, value: number, step: number, timestamp: number) {
  return { key, value: Math.round(value * 10_000) / 10_000, step, timestamp };
}

function buildRuns(rand: () => number, experimentId: string, count: number, startDay: number, datasets: DatasetRecord[]): RunRecord[] {
  const runs: RunRecord[] = [];
  for (let i = 0; i < count; i++) {
    const q = 2 + (i % (QUARTERS.length - 3));
    const train = datasets[q];
    const evaluation = datasets[q + 1];
    const start = BASE_TIME + (startDay + i * 3) * DAY + Math.floor(rand() * 8) * 3_600_000;
    const depth = 3 + Math.floor(rand() * 6);
    const eta = [0.05, 0.1, 0.2, 0.3][Math.floor(rand() * 4)];
    const auc = 0.78 + rand() * 0.17;
    const failed = i === count - 1;
    runs.push({
      runId: hexFrom(rand, 32),
      experimentId,
      name: `xgb-${train.period}-d${depth}-eta${eta}`,
      status: failed ? 'FAILED' : 'FINISHED',
      lifecycleStage: 'active',
      startTime: start,
      endTime: start + (20 + Math.floor(rand() * 40)) * 60_000,
      userId: USERS[i % USERS.length],
      sourceName: 'pipelines/train_signal_model.py',
      sourceType: 'LOCAL',
      gitCommit: hexFrom(rand, 40),
      artifactUri: `file:///C:/Users/pv-team/mlruns/${experimentId}/artifacts`,
      params: {
        max_depth: String(depth),
        eta: String(eta),
        subsample: String(0.7 + Math.floor(rand() * 4) / 10),
        n_estimators: String(200 + 100 * Math.floor(rand() * 4)),
        objective: 'binary:logistic',
        data_period: train.period as string,
      },
      tags: { 'mlflow.user': USERS[i % USERS.length], team: 'pv-signal-detection' },
      latestMetrics: failed
        ? [metric('logloss', Number.NaN, 3, start + 60_000)]
        : [
            metric('AUC_test', auc, 199, start + 600_000),
            metric('AP_test', auc - 0.2 - rand() * 0.1, 199, start + 600_000),
            metric('logloss', 0.2 + rand() * 0.2, 199, start + 600_000),
          ],
      parentRunId: null,
      inputs: [
        { dataset: train, digest: train.digest, context: 'training' },
        { dataset: evaluation, digest: evaluation.digest, context: 'evaluation' },
      ],
    });
  }
  return runs;
}

export function buildScenario(seed = 20240108): Scenario {
  const rand = seededRandom(seed);
  const datasets = QUARTERS.map((q) => faersDataset(q, hexFrom(rand, 8)));

  const fileStore: StoreRecord = { uri: 'file:///C:/Users/pv-team/mlruns', kind: TrackingStoreKind.FILE, displayName: 'pv-team file store (Windows)' };
  const sqliteStore: StoreRecord = { uri: 'sqlite:///mlflow.db', kind: TrackingStoreKind.SQLITE, displayName: 'pv-team SQLite store' };
  const prrExperiment: ExperimentRecord = {
    experimentId: '1',
    name: 'pv-signal-ml-prr',
    lifecycleStage: 'active',
    artifactLocation: 'file:///C:/Users/pv-team/mlruns/1',
    createdAt: BASE_TIME,
    updatedAt: BASE_TIME,
    tags: { purpose: 'PRR-feature XGBoost signal detection' },
  };
  const mlExperiment: ExperimentRecord = {
    experimentId: '427381920394857261',
    name: 'pv-signal-ml',
    lifecycleStage: 'active',
    artifactLocation: 'mlflow-artifacts:/427381920394857261',
    createdAt: BASE_TIME + 30 * DAY,
    updatedAt: BASE_TIME + 30 * DAY,
    tags: { purpose: 'XGBoost signal detection on FAERS' },
  };
  const prrRuns = buildRuns(rand, prrExperiment.experimentId, 10, 0, datasets);
  const mlRuns = buildRuns(rand, mlExperiment.experimentId, 12, 30, datasets);
  // The first run of pv-signal-ml is a hyper-parameter sweep; the next three are its trials.
  const sweep = mlRuns[0];
  mlRuns[0] = { ...sweep, name: 'hyperopt-sweep', params: { search: 'hyperopt', trials: '3' }, inputs: [] };
  for (const child of mlRuns.slice(1, 4)) Object.assign(child, { parentRunId: sweep.runId });

  const fileKey = storeKeyFor(fileStore.uri);
  const sqliteKey = storeKeyFor(sqliteStore.uri);
  const best = [...mlRuns.slice(1)]
    .filter((r) => r.status === 'FINISHED')
    .sort((a, b) => b.latestMetrics[0].value - a.latestMetrics[0].value)
    .slice(0, 3)
    .sort((a, b) => (a.startTime ?? 0) - (b.startTime ?? 0));
  const model: RegisteredModelRecord = {
    name: 'pv-signal-xgb',
    description: 'XGBoost disproportionality signal classifier',
    createdAt: BASE_TIME + 40 * DAY,
    updatedAt: BASE_TIME + 90 * DAY,
    tags: { owner: 'pv-signal-detection' },
  };
  const stages = ['Archived', 'Production', 'Staging'];
  const versions: ModelVersionRecord[] = best.map((r, i) => ({
    name: model.name,
    version: i + 1,
    stage: stages[i],
    status: 'READY',
    source: `runs:/${r.runId}/model`,
    runId: r.runId,
    aliases: i === 1 ? ['champion'] : i === 2 ? ['challenger'] : [],
    description: `Trained on ${r.params.data_period}`,
    createdAt: (r.endTime ?? 0) + DAY,
    tags: { validated_by: 'j.okafor' },
  }));

  const detectingRuns = best.map((r) => formatId(NodeType.RUN, sqliteKey, r.runId));
  const signals: SignalRecord[] = SIGNAL_PAIRS.map((p, i) => {
    const cases = 12 + Math.floor(rand() * 300);
    return {
      // From 101: the fixture demo's signals are SIG-2024-001 to -004, and a graph may hold both
      // (a recorded signal is never overwritten, so shared ids would keep whichever came first).
      signalId: `SIG-2024-${String(101 + i)}`,
      drug: p.drug,
      drugCode: p.drugCode,
      eventTerm: p.term,
      meddraCode: p.code,
      meddraVersion: '27.0',
      prr: Math.round((2 + rand() * 6) * 100) / 100,
      ror: Math.round((2.2 + rand() * 7) * 100) / 100,
      chiSquare: Math.round((4 + rand() * 80) * 10) / 10,
      caseCount: cases,
      status: i < 2 ? 'VALIDATED' : 'DETECTED',
      detectedAt: BASE_TIME + (100 + i) * DAY,
      runId: detectingRuns[i % detectingRuns.length],
    };
  });

  const reports: ReportRecord[] = ['2024Q1', '2024Q2', '2024Q3', '2024Q4'].map((period, i) => {
    const runsForReport = [best[i % best.length], prrRuns[1 + i]].filter(Boolean);
    const runIds = runsForReport.map((r) =>
      formatId(NodeType.RUN, mlRuns.includes(r) ? sqliteKey : fileKey, r.runId),
    );
    const title = `Quarterly signal detection report ${period}`;
    return {
      reportId: `SDR-${period}`,
      title,
      kind: 'SIGNAL_DETECTION',
      status: i < 3 ? 'FINAL' : 'DRAFT',
      period,
      contentHash: createHash('sha256').update(title).digest('hex'),
      uri: `file:///C:/Users/pv-team/sar_reports/SDR-${period}.pdf`,
      createdAt: BASE_TIME + (120 + 91 * i) * DAY,
      runIds,
      modelVersionIds: [formatId(NodeType.MODEL_VERSION, sqliteKey, model.name, String(versions[Math.min(i, versions.length - 1)].version))],
      datasetIds: [],
      signalIds: signals.slice(i, i + 3).map((s) => formatId(NodeType.SIGNAL, s.signalId)),
    };
  });

  return {
    datasets,
    stores: [
      { store: fileStore, experiments: [prrExperiment], runs: prrRuns, models: [], versions: [] },
      { store: sqliteStore, experiments: [mlExperiment], runs: mlRuns, models: [model], versions },
    ],
    signals,
    reports,
  };
}
