import { aliased, byId } from './batch';
import type { ChangeFlag, DatasetRecord, JobRecord, LineageGraphRecord, ModelVersionRecord, RunRecord } from './format';
import type { GraphQLClient } from './graphqlClient';
import { DATASET_FIELDS, JOB_FIELDS, LINEAGE, MODEL_VERSION_FIELDS, REPORT_PROVENANCE, RUN_FIELDS, SIGNAL_PROVENANCE } from './queries';

/**
 * The upstream of each subject: its lineage graph, then the details of every run, model
 * version, dataset and job in it. A subject's provenance brings most runs and model versions in
 * one request; whatever it leaves out (it keeps the nearest 1,000 runs) is looked up by id in
 * batches.
 */
export type Unflagged<T> = Omit<T, keyof ChangeFlag>;

export interface UpstreamRecords {
  readonly runs: Map<string, Unflagged<RunRecord>>;
  readonly modelVersions: Map<string, Unflagged<ModelVersionRecord>>;
  readonly datasets: Map<string, Unflagged<DatasetRecord>>;
  readonly jobs: Map<string, Unflagged<JobRecord>>;
}

export async function fetchLineage(client: GraphQLClient, id: string, depth: number): Promise<LineageGraphRecord> {
  const data = await client.request<{ lineage: LineageGraphRecord }>(LINEAGE, { id, depth });
  return data.lineage;
}

interface ApiRun {
  id: string;
  runId: string;
  name: string | null;
  status: string;
  lifecycleStage: string;
  startTime: string | null;
  endTime: string | null;
  userId: string | null;
  gitCommit: string | null;
  sourceName: string | null;
  sourceType: string | null;
  artifactUri: string | null;
  params: Record<string, unknown>;
  tags: Record<string, unknown>;
  metrics: RunRecord['metrics'];
  experiment: { id: string; name: string } | null;
  parent: { id: string } | null;
  inputs: { context: string | null; digest: string | null; dataset: { id: string } }[];
  modelVersions: { id: string }[];
  stateHistory: RunRecord['stateHistory'];
}

interface ApiModelVersion {
  id: string;
  name: string;
  version: number;
  stage: string;
  status: string | null;
  source: string | null;
  runId: string | null;
  aliases: string[];
  createdAt: string | null;
  run: { id: string } | null;
}

interface ApiProvenance {
  runs: { detectionMethod: Record<string, unknown> | null; run: ApiRun }[];
  modelVersions: { hash: string | null; modelVersion: ApiModelVersion }[];
}

const toRun = (r: ApiRun, detectionMethod: Record<string, unknown> | null): Unflagged<RunRecord> => ({
  id: r.id,
  runId: r.runId,
  name: r.name,
  status: r.status,
  lifecycleStage: r.lifecycleStage,
  experiment: r.experiment,
  parentId: r.parent?.id ?? null,
  startTime: r.startTime,
  endTime: r.endTime,
  userId: r.userId,
  codeCommit: r.gitCommit,
  sourceName: r.sourceName,
  sourceType: r.sourceType,
  artifactUri: r.artifactUri,
  params: r.params,
  metrics: r.metrics,
  tags: r.tags,
  inputs: r.inputs.map((i) => ({ datasetId: i.dataset.id, context: i.context, digest: i.digest })),
  modelVersionIds: r.modelVersions.map((m) => m.id).sort(),
  detectionMethod,
  stateHistory: r.stateHistory,
});

const toModelVersion = (m: ApiModelVersion, hash: string | null): Unflagged<ModelVersionRecord> => ({
  id: m.id,
  name: m.name,
  version: m.version,
  stage: m.stage,
  status: m.status,
  source: m.source,
  runId: m.runId,
  producedByRun: m.run?.id ?? null,
  aliases: m.aliases,
  hash,
  createdAt: m.createdAt,
});

/** Details of every run, model version, dataset and job in the subjects' lineage graphs. */
export async function fetchRecords(
  client: GraphQLClient,
  subjects: readonly { type: 'REPORT' | 'SIGNAL'; id: string; lineage: LineageGraphRecord }[],
  onProgress: (step: string, done: number, total: number) => void,
): Promise<UpstreamRecords> {
  const wanted = (type: string) => [...new Set(subjects.flatMap((s) => s.lineage.nodes.filter((n) => n.type === type).map((n) => n.id)))].sort();
  const runIds = wanted('RUN');
  const versionIds = wanted('MODEL_VERSION');
  const runs = new Map<string, Unflagged<RunRecord>>();
  const modelVersions = new Map<string, Unflagged<ModelVersionRecord>>();
  const inGraph = { runs: new Set(runIds), versions: new Set(versionIds) };

  for (const [i, s] of subjects.entries()) {
    onProgress('provenance', i, subjects.length);
    const query = s.type === 'REPORT' ? REPORT_PROVENANCE : SIGNAL_PROVENANCE;
    const data = await client.request<Record<'report' | 'signal', { provenance: ApiProvenance }>>(query, { id: s.id });
    const provenance = (s.type === 'REPORT' ? data.report : data.signal).provenance;
    for (const p of provenance.runs) if (inGraph.runs.has(p.run.id)) runs.set(p.run.id, toRun(p.run, p.detectionMethod));
    for (const p of provenance.modelVersions) if (inGraph.versions.has(p.modelVersion.id)) modelVersions.set(p.modelVersion.id, toModelVersion(p.modelVersion, p.hash));
  }

  const missingRuns = runIds.filter((id) => !runs.has(id));
  const more = await aliased<ApiRun>(client, 'ExportRuns', missingRuns.map((id, i) => byId('run', id, i)), '{ ...ExportRun }', RUN_FIELDS, (n) =>
    onProgress('runs', n, missingRuns.length),
  );
  for (const r of more) runs.set(r.id, toRun(r, null));

  const missingVersions = versionIds.filter((id) => !modelVersions.has(id));
  const mvs = await aliased<ApiModelVersion>(client, 'ExportModelVersions', missingVersions.map((id, i) => byId('modelVersion', id, i)), '{ ...ExportModelVersion }', MODEL_VERSION_FIELDS);
  for (const m of mvs) modelVersions.set(m.id, toModelVersion(m, null));

  const datasetIds = wanted('DATASET');
  const datasets = await aliased<Unflagged<DatasetRecord>>(client, 'ExportDatasets', datasetIds.map((id, i) => byId('dataset', id, i)), '{ ...ExportDataset }', DATASET_FIELDS, (n) =>
    onProgress('datasets', n, datasetIds.length),
  );
  const jobIds = wanted('JOB');
  type ApiJob = Omit<JobRecord, keyof ChangeFlag | 'runIds'> & { runs: { id: string }[] };
  const jobs = await aliased<ApiJob>(client, 'ExportJobs', jobIds.map((id, i) => byId('job', id, i)), '{ ...ExportJob }', JOB_FIELDS);

  return {
    runs,
    modelVersions,
    datasets: new Map(datasets.map((d) => [d.id, d])),
    jobs: new Map(jobs.map(({ runs: jobRuns, ...j }) => [j.id, { ...j, runIds: jobRuns.map((r) => r.id).sort() }])),
  };
}
