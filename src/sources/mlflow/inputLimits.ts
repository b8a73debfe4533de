import { type InputLimitKind, lengthProblem } from '../../domain/inputLimits';
import type { ExperimentRecord, IngestRunRecord, LoggedModelRecord, MetricSeriesRecord } from '../../domain/records';
import type { MlflowSource, RegistryContent, RunBatch, SkippedItem } from './source';

type Checks = readonly (readonly [field: string, kind: InputLimitKind, value: string | null | undefined])[];

/** The first field over its limit, as `<field> is N bytes long; the limit…`: never the value itself. */
function firstProblem(checks: Checks): string | null {
  for (const [field, kind, value] of checks) {
    const problem = typeof value === 'string' ? lengthProblem(kind, value) : null;
    if (problem) return `${field} ${problem}`;
  }
  return null;
}

/** `value` when it is short enough to name an item by, else a stand-in. */
const label = (value: string, fallback: string) => (lengthProblem('name', value) ? fallback : value);

/**
 * Wraps a reader so that an item holding a name, URI or key over its limit in
 * `domain/inputLimits.ts` is skipped and listed (naming the item and the rule, not the value)
 * instead of failing the write of its whole batch when the graph refuses to index it. The
 * smallest item that holds the value goes: a param, tag or metric key, a dataset input, else the
 * run; an experiment or model over a limit goes with its runs or versions.
 */
export function withinInputLimits(inner: MlflowSource): MlflowSource {
  const skipped = inner.skipped;
  const skippedExperiments = new Set<string>();
  const skippedModels = new Set<string>();
  const where = (item: string) => `${inner.store.uri} ${item}`;
  const skip = (item: SkippedItem) => skipped.push(item);

  const keys = (record: Readonly<Record<string, string>>, kind: 'param' | 'tag', item: string, runId?: string) => {
    const kept: Record<string, string> = {};
    let n = 0;
    for (const [key, value] of Object.entries(record)) {
      n++;
      const problem = lengthProblem('name', key);
      if (problem) skip({ kind, where: where(`${item} ${kind} #${n}`), reason: `the key ${problem}`, runId });
      else kept[key] = value;
    }
    return kept;
  };

  const series = (history: readonly MetricSeriesRecord[], item: string, runId: string) =>
    history.filter((s) => {
      const problem = lengthProblem('name', s.key);
      if (problem) skip({ kind: 'metric', where: where(`${item} metric`), reason: `the key ${problem}`, runId });
      return !problem;
    });

  const run = (r: IngestRunRecord, ordinal: number): IngestRunRecord | null => {
    const item = `run ${label(r.runId, `#${ordinal}`)}`;
    const problem = skippedExperiments.has(r.experimentId)
      ? 'its experiment was skipped'
      : firstProblem([
          ['the run id', 'name', r.runId],
          ['the experiment id', 'name', r.experimentId],
          ['the parent run id', 'name', r.parentRunId],
          ['the run name', 'name', r.name],
          ['the user id', 'name', r.userId],
          ['the source name', 'uri', r.sourceName],
          ['the artifact URI', 'uri', r.artifactUri],
        ]);
    if (problem) {
      skip({ kind: 'run', where: where(item), reason: problem, runId: r.runId });
      return null;
    }
    const inputs = r.inputs.filter((input, i) => {
      const d = input.datasetRecord;
      const why = firstProblem([
        // The source first: readers derive the name from it, so it is the cause.
        ['the dataset source', 'uri', d.source],
        ['the dataset namespace', 'name', d.namespace],
        ['the dataset name', 'name', d.name],
        ['the dataset digest', 'name', d.digest],
        ['the dataset context', 'name', input.context],
      ]);
      if (why) skip({ kind: 'dataset', where: where(`${item} input #${i + 1}`), reason: why, runId: r.runId });
      return !why;
    });
    const latest = r.latestMetrics.filter((m) => !lengthProblem('name', m.key));
    return {
      ...r,
      params: keys(r.params, 'param', item, r.runId),
      tags: keys(r.tags, 'tag', item, r.runId),
      inputs,
      latestMetrics: latest,
      metricHistory: series(r.metricHistory, item, r.runId),
      outputModelIds: r.outputModelIds.filter((m) => !lengthProblem('name', m)),
    };
  };

  const experiment = (e: ExperimentRecord, ordinal: number): ExperimentRecord | null => {
    const problem = firstProblem([
      ['the experiment id', 'name', e.experimentId],
      ['the experiment name', 'name', e.name],
      ['the artifact location', 'uri', e.artifactLocation],
    ]);
    if (problem) {
      skippedExperiments.add(e.experimentId);
      skip({ kind: 'experiment', where: where(`experiment ${label(e.experimentId, `#${ordinal}`)}`), reason: problem });
      return null;
    }
    return { ...e, tags: keys(e.tags, 'tag', `experiment ${e.experimentId}`) };
  };

  const model = (m: LoggedModelRecord, ordinal: number): LoggedModelRecord | null => {
    const problem = firstProblem([
      ['the model id', 'name', m.modelId],
      ['the model name', 'name', m.name],
      ['the artifact location', 'uri', m.artifactLocation],
    ]);
    if (problem) skip({ kind: 'model', where: where(`logged model ${label(m.modelId, `#${ordinal}`)}`), reason: problem });
    if (problem) return null;
    const item = `logged model ${m.modelId}`;
    return { ...m, params: keys(m.params, 'param', item), tags: keys(m.tags, 'tag', item) };
  };

  async function* runBatches(batchSize: number): AsyncIterable<RunBatch> {
    let ordinal = 0;
    for await (const batch of inner.runBatches(batchSize)) {
      const runs = batch.runs.flatMap((r) => run(r, ++ordinal) ?? []);
      const load = batch.loadHistories;
      yield {
        runs,
        loadHistories: load && (async (ids) => new Map([...(await load(ids))].map(([id, h]) => [id, series(h, `run ${id}`, id)]))),
      };
    }
  }

  const wrapped: MlflowSource = {
    store: inner.store,
    skipped,
    notOffered: inner.notOffered,
    experiments: async () => (await inner.experiments()).flatMap((e, i) => experiment(e, i + 1) ?? []),
    runBatches,
    loggedModels: async () => (await inner.loggedModels()).flatMap((m, i) => model(m, i + 1) ?? []),
    registry: async (): Promise<RegistryContent> => {
      const content = await inner.registry();
      const models = content.models.filter((m, i) => {
        const problem = lengthProblem('name', m.name);
        if (problem) {
          skippedModels.add(m.name);
          skip({ kind: 'model', where: where(`registered model #${i + 1}`), reason: `the model name ${problem}` });
        }
        return !problem;
      });
      const versions = content.versions.filter((v) => {
        const problem = skippedModels.has(v.name) ? 'its registered model was skipped' : firstProblem([['the source', 'uri', v.source], ['the run id', 'name', v.runId]]);
        if (problem) skip({ kind: 'model', where: where(`model version ${label(v.name, '…')} ${v.version}`), reason: problem });
        return !problem;
      });
      return { models: models.map((m) => ({ ...m, tags: keys(m.tags, 'tag', `registered model ${m.name}`) })), versions };
    },
    reports: (storeKey) => inner.reports(storeKey),
    close: () => inner.close(),
  };
  if (inner.runCount) wrapped.runCount = () => (inner.runCount as () => Promise<number | null>)();
  return wrapped;
}
