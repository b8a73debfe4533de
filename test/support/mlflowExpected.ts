import fs from 'node:fs';
import { formatId } from '../../src/domain/ids';
import { NodeType } from '../../src/domain/nodeType';
import { storeKeyFor } from '../../src/domain/trackingStore';
import type { GraphExecutor, Row } from '../../src/graph/executor';
import { type ValueStoreKind, datasetIdentity, modelIdFromSource, storedMetricValue } from '../../src/sources/mlflow/values';

/** What scripts/mlflow/export_expected.py wrote: MLflow's own client's view of a store. */
export interface Expected {
  counts: { experiments: number; runs: number; runs_deleted: number; metric_values: number; model_versions: number; registered_models: number; logged_models: number | null };
  experiments: { experiment_id: string; name: string; lifecycle_stage: string; tags: Record<string, string> }[];
  runs: ExpectedRun[];
  registered_models: {
    name: string;
    description: string | null;
    tags: Record<string, string>;
    versions: { version: string; current_stage: string; aliases: string[]; run_id: string | null; model_id: string | null; source: string; tags: Record<string, string> }[];
  }[];
  logged_models: { model_id: string; source_run_id: string; name: string; status: string }[] | null;
}

type Raw = number | string;
export interface ExpectedRun {
  run_id: string;
  run_name: string;
  experiment_id: string;
  status: string;
  lifecycle_stage: string;
  start_time: number | null;
  end_time: number | null;
  user_id: string;
  params: Record<string, string>;
  tags: Record<string, string>;
  latest_metrics: Record<string, [number, number, Raw]>;
  metric_history: Record<string, [number, number, Raw][]>;
  metric_history_lengths: Record<string, number>;
  dataset_inputs: { name: string; digest: string; source: string; source_type: string; context: string | null }[];
  model_outputs: { model_id: string; step: number }[];
  parent_run_id: string | null;
}

export function readExpected(file: string): Expected {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Expected;
}

/**
 * The number MLflow reported, as the ingester must hold it: "NaN"/"Infinity" strings are the
 * non-finite values; ±DBL_MAX is read by the rule of the store kind (values.ts ValueStoreKind):
 * a file or SQLite store keeps what MlflowClient returns, a REST server's answer follows the
 * `sqlNoInfinity` rule.
 */
export function expectedNumber(v: Raw, kind: ValueStoreKind = 'sqlite'): number {
  if (typeof v === 'string') return Number(v);
  return storedMetricValue(kind, v, false);
}

/** The value rule the ingester applies to a store of this URI. */
export function valueKindOf(storeUri: string): ValueStoreKind {
  if (/^https?:/i.test(storeUri)) return 'sqlNoInfinity';
  return /^sqlite:/i.test(storeUri) ? 'sqlite' : 'file';
}

/** Object keys in sorted order, so comparisons ignore property order (arrays keep theirs). */
function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]));
  return v;
}

// Object.is: NaN equals NaN, and −0.0 differs from 0.
const same = (a: number, b: number) => Object.is(a, b);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const strip = (props: Row, prefix: string) =>
  Object.fromEntries(Object.entries(props).filter(([k]) => k.startsWith(prefix)).map(([k, v]) => [k.slice(prefix.length), v]));

/**
 * Compares the graph with MLflow's answer, value by value, and returns every mismatch as a
 * line naming the run and field (an empty list means the graph matches).
 */
export async function compareWithExpected(graph: GraphExecutor, storeUri: string, expected: Expected): Promise<string[]> {
  const sk = storeKeyFor(storeUri);
  const kind = valueKindOf(storeUri);
  const bad: string[] = [];
  const check = (what: string, actual: unknown, wanted: unknown) => {
    if (JSON.stringify(sortKeys(actual)) !== JSON.stringify(sortKeys(wanted))) bad.push(`${what}: got ${JSON.stringify(actual)}, MLflow says ${JSON.stringify(wanted)}`);
  };
  const exps = await graph.query('test.exps', 'MATCH (:TrackingStore {storeKey: $sk})-[:HAS_EXPERIMENT]->(e) RETURN e{.*} AS e', { sk });
  check('experiment count', exps.length, expected.counts.experiments);
  for (const e of expected.experiments) {
    const node = exps.map((r) => r.e as Row).find((x) => x.experimentId === e.experiment_id);
    if (!node) {
      bad.push(`experiment ${e.experiment_id} missing`);
      continue;
    }
    check(`experiment ${e.name} name`, node.name, e.name);
    check(`experiment ${e.name} lifecycle`, node.lifecycleStage, e.lifecycle_stage);
    check(`experiment ${e.name} tags`, strip(node, 't.'), Object.fromEntries(Object.entries(e.tags).sort()));
  }
  const runs = await graph.query('test.runs', 'MATCH (r:Run {storeKey: $sk}) RETURN r{.*} AS r', { sk });
  check('run count', runs.length, expected.counts.runs);
  check('deleted run count', runs.filter((r) => (r.r as Row).lifecycleStage === 'deleted').length, expected.counts.runs_deleted);
  let points = 0;
  for (const e of expected.runs) {
    const id = formatId(NodeType.RUN, sk, e.run_id);
    const node = runs.map((r) => r.r as Row).find((r) => r.id === id);
    if (!node) {
      bad.push(`run ${e.run_name} (${e.run_id}) missing`);
      continue;
    }
    const w = `run ${e.run_name}`;
    check(`${w} name`, node.name, e.run_name);
    check(`${w} experiment`, node.experimentId, e.experiment_id);
    check(`${w} status`, node.status, e.status);
    check(`${w} lifecycle`, node.lifecycleStage, e.lifecycle_stage);
    check(`${w} startTime`, node.startTime ?? null, iso(e.start_time));
    check(`${w} endTime`, node.endTime ?? null, iso(e.end_time));
    check(`${w} user`, node.userId ?? null, e.user_id || null);
    check(`${w} params`, strip(node, 'p.'), e.params);
    check(`${w} tags`, strip(node, 't.'), e.tags);
    const metricKeys = Object.keys(e.latest_metrics).sort();
    check(`${w} metric keys`, Object.keys(strip(node, 'm.')).sort(), metricKeys);
    for (const key of metricKeys) {
      const [step, ts, value] = e.latest_metrics[key];
      const got = node[`m.${key}`] as number;
      if (!same(got, expectedNumber(value, kind))) bad.push(`${w} latest ${key}: got ${got}, MLflow says ${value}`);
      check(`${w} latest ${key} step`, node[`ms.${key}`], step);
      check(`${w} latest ${key} timestamp`, node[`mt.${key}`], ts);
    }
    const series = await graph.query('test.series', 'MATCH (m:MetricSeries {runNodeId: $id}) RETURN m{.*} AS m ORDER BY m.key', { id });
    check(`${w} history keys`, series.map((s) => (s.m as Row).key), Object.keys(e.metric_history).sort());
    for (const s of series.map((x) => x.m as Row)) {
      const key = String(s.key);
      const hist = e.metric_history[key] ?? [];
      check(`${w} history length ${key}`, (s.steps as number[]).length, e.metric_history_lengths[key]);
      points += (s.steps as number[]).length;
      hist.forEach(([step, ts, value], i) => {
        const ok = (s.steps as number[])[i] === step && (s.timestamps as number[])[i] === ts && same((s.values as number[])[i], expectedNumber(value, kind));
        if (!ok) bad.push(`${w} history ${key}[${i}]: got [${(s.steps as number[])[i]}, ${(s.timestamps as number[])[i]}, ${(s.values as number[])[i]}], MLflow says [${step}, ${ts}, ${value}]`);
      });
    }
    const inputs = await graph.query(
      'test.inputs',
      'MATCH (d:Dataset)-[i:INPUT_TO]->(:Run {id: $id}) RETURN d.namespace AS ns, d.name AS name, i.digest AS digest, i.context AS context ORDER BY ns, name, context',
      { id },
    );
    const wantedInputs = e.dataset_inputs
      .map((d) => ({ ...datasetIdentity(sk, { name: d.name, digest: d.digest, sourceType: d.source_type, source: d.source }), digest: d.digest, context: d.context ?? '' }))
      .map((d) => ({ ns: d.namespace, name: d.name, digest: d.digest, context: d.context }))
      .sort((a, b) => `${a.ns}|${a.name}|${a.context}`.localeCompare(`${b.ns}|${b.name}|${b.context}`));
    check(`${w} dataset inputs`, inputs, wantedInputs);
    const parent = await graph.query('test.parent', 'MATCH (p:Run)-[:PARENT_OF]->(:Run {id: $id}) RETURN p.runId AS runId', { id });
    check(`${w} parent`, parent.map((p) => p.runId), e.parent_run_id ? [e.parent_run_id] : []);
    // MLflow's searches leave deleted logged models out; the graph keeps them, marked.
    const produced = await graph.query('test.produced', "MATCH (:Run {id: $id})-[:PRODUCED]->(m:LoggedModel) WHERE m.lifecycleStage <> 'deleted' RETURN m.modelId AS m ORDER BY m", { id });
    // PRODUCED joins a run to the models it output and to those it is the source run of.
    const made = new Set([...e.model_outputs.map((o) => o.model_id), ...(expected.logged_models ?? []).filter((m) => m.source_run_id === e.run_id).map((m) => m.model_id)]);
    check(`${w} logged model outputs`, produced.map((p) => p.m), [...made].sort());
  }
  check('metric value count', points, expected.counts.metric_values);
  const versions = await graph.query(
    'test.versions',
    `MATCH (:RegisteredModel {storeKey: $sk})-[:HAS_VERSION]->(v:ModelVersion)
     OPTIONAL MATCH (r:Run)-[:PRODUCED]->(v) OPTIONAL MATCH (lm:LoggedModel)-[:REGISTERED_AS]->(v)
     RETURN v{.*} AS v, r.runId AS runId, lm.modelId AS modelId`,
    { sk },
  );
  check('model version count', versions.length, expected.counts.model_versions);
  for (const m of expected.registered_models) {
    const model = await graph.query('test.model', 'MATCH (m:RegisteredModel {id: $id}) RETURN m{.*} AS m', { id: formatId(NodeType.REGISTERED_MODEL, sk, m.name) });
    check(`model ${m.name}`, model.length, 1);
    if (model[0]) check(`model ${m.name} tags`, strip(model[0].m as Row, 't.'), Object.fromEntries(Object.entries(m.tags).sort()));
    for (const v of m.versions) {
      const row = versions.find((x) => (x.v as Row).name === m.name && String((x.v as Row).version) === v.version);
      if (!row) {
        bad.push(`model version ${m.name} v${v.version} missing`);
        continue;
      }
      const node = row.v as Row;
      check(`${m.name} v${v.version} stage`, node.stage, v.current_stage);
      check(`${m.name} v${v.version} aliases`, node.aliases, [...v.aliases].sort());
      check(`${m.name} v${v.version} tags`, strip(node, 't.'), Object.fromEntries(Object.entries(v.tags).sort()));
      check(`${m.name} v${v.version} producing run`, row.runId, v.run_id);
      // SQL stores do not report model_id on a version; the `models:/m-…` source names it.
      check(`${m.name} v${v.version} logged model`, row.modelId, v.model_id ?? modelIdFromSource(v.source));
    }
  }
  const logged = await graph.query('test.logged', "MATCH (m:LoggedModel {storeKey: $sk}) WHERE m.lifecycleStage <> 'deleted' RETURN m{.*} AS m", { sk });
  // null: the version has no logged models (MLflow 2.x).
  check('logged model count', logged.length, expected.counts.logged_models ?? 0);
  for (const lm of expected.logged_models ?? []) {
    const node = logged.map((x) => x.m as Row).find((x) => x.modelId === lm.model_id);
    if (!node) bad.push(`logged model ${lm.model_id} missing`);
    else {
      check(`logged model ${lm.model_id} run`, node.sourceRunId ?? null, lm.source_run_id);
      check(`logged model ${lm.model_id} status`, node.status, lm.status);
    }
  }
  return bad;
}
