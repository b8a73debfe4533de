import fs from 'node:fs';
import path from 'node:path';
import { toMetricValue } from '../../src/domain/metric';
import { formatId } from '../../src/domain/ids';
import { NodeType } from '../../src/domain/nodeType';
import { storeKeyFor } from '../../src/domain/trackingStore';
import type { ValueStoreKind } from '../../src/sources/mlflow/values';
import type { TestApi } from './api';
import { type Expected, type ExpectedRun, expectedNumber } from './mlflowExpected';

/** test/fixtures/mlflow-matrix: one folder per MLflow version (scripts/mlflow/generate_matrix.py). */
export const MATRIX_DIR = path.resolve(__dirname, '..', 'fixtures', 'mlflow-matrix');
export const MATRIX_LABELS = ['1.x-last', '2.x-log-input', '2.x-last', '3.x-pinned'] as const;
export type MatrixLabel = (typeof MATRIX_LABELS)[number];
export type MatrixStoreKind = 'file' | 'sqlite';

export interface MatrixCase {
  readonly label: MatrixLabel;
  readonly kind: MatrixStoreKind;
  /** The store's tracking URI (the committed fixture; the SQLite reader opens it read-only). */
  readonly uri: string;
  readonly expectedFile: string;
}

export function matrixCase(label: MatrixLabel, kind: MatrixStoreKind): MatrixCase {
  const dir = path.join(MATRIX_DIR, label, kind);
  const uri = kind === 'file' ? `file://${path.join(dir, 'mlruns')}` : `sqlite:///${path.join(dir, 'mlflow.db')}`;
  return { label, kind, uri, expectedFile: path.join(dir, 'expected.json') };
}

type Versions = { version: string; current_stage: string; aliases: string[]; run_id: string | null; model_id: string | null; source: string; tags: Record<string, string>; description: string | null; status: string; creation_timestamp: number | null }[];

/** A matrix expected.json (export_expected.py --bits), with the fields this module compares. */
export interface MatrixExpected {
  mlflow_version: string;
  registry_supported: boolean;
  counts: Expected['counts'];
  experiments: { experiment_id: string; name: string; lifecycle_stage: string; tags: Record<string, string>; artifact_location: string; creation_time: number | null; last_update_time: number | null }[];
  runs: (Omit<ExpectedRun, 'dataset_inputs'> & {
    artifact_uri: string;
    dataset_inputs: (ExpectedRun['dataset_inputs'][number] & { schema: string | null; profile: string | null })[];
  })[];
  registered_models: { name: string; description: string | null; tags: Record<string, string>; creation_timestamp: number | null; last_updated_timestamp: number | null; versions: Versions }[];
  logged_models:
    | {
        model_id: string;
        source_run_id: string;
        name: string;
        status: string;
        experiment_id: string;
        model_type: string | null;
        artifact_location: string;
        creation_timestamp: number | null;
        params: Record<string, string>;
        tags: Record<string, string>;
      }[]
    | null;
}

/** The same document as mlflowExpected.ts reads it (its Expected is a subset of the fields). */
export function asExpected(doc: MatrixExpected): Expected {
  return doc as unknown as Expected;
}

/** The double whose IEEE-754 bits are this hex ("0x8000000000000000" is −0.0). */
export function fromBits(hex: string): number {
  const buf = Buffer.alloc(8);
  buf.writeBigUInt64BE(BigInt(hex));
  return buf.readDoubleBE(0);
}

/** The form mlflowExpected.ts reads: a number, or "NaN" / "Infinity" / "-Infinity". */
function raw(hex: string): number | string {
  const v = fromBits(hex);
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '-Infinity';
  return v;
}

/**
 * Reads a matrix expected.json, decoding every bit-exact metric value into the number (or
 * non-finite marker string) that value is, so both this module and compareWithExpected use it.
 */
export function readMatrixExpected(file: string): MatrixExpected {
  const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as MatrixExpected & { value_encoding?: string };
  if (doc.value_encoding !== 'ieee754-hex') throw new Error(`${file}: not a bit-exact export (export_expected.py --bits)`);
  for (const r of doc.runs) {
    for (const k of Object.keys(r.latest_metrics)) r.latest_metrics[k][2] = raw(r.latest_metrics[k][2] as string);
    for (const k of Object.keys(r.metric_history)) for (const p of r.metric_history[k]) p[2] = raw(p[2] as string);
  }
  return doc;
}

const iso = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : new Date(ms).toISOString());
const byKey = <T>(key: (t: T) => string) => (a: T, b: T) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

/** JSON with sorted object keys; -0 is kept apart from 0 (JSON.stringify would print both as 0). */
function canon(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => {
    if (typeof x === 'number' && Object.is(x, -0)) return '-0';
    if (x && typeof x === 'object' && !Array.isArray(x)) return Object.fromEntries(Object.keys(x).sort().map((k) => [k, (x as Record<string, unknown>)[k]]));
    return x;
  });
}

const RUN_FIELDS = `id runId name status lifecycleStage startTime endTime userId artifactUri sourceName sourceType gitCommit params tags
  experiment { experimentId name } parent { runId } children(includeDeleted: true) { runId }
  metrics { key value special step timestamp }
  inputs { context digest dataset { mlflowName } mlflow { name sourceType source schema profile } }
  modelVersions { name version }`;

interface GqlMetric {
  key?: string;
  value: number | null;
  special: string | null;
  step: number;
  timestamp: number;
}

/**
 * Compares what the GraphQL API answers about an ingested store with what that MLflow
 * version's MlflowClient reported (expected.json), field by field, and returns one line per
 * mismatch (an empty list: every exposed field is equal). Metric values are compared as
 * GraphQL gives them (`value` + `special`), from the expected double under the value rule of
 * the store kind (`valueKind`, see src/sources/mlflow/values.ts).
 */
export async function compareThroughGraphql(api: TestApi, storeUri: string, expected: MatrixExpected, valueKind: ValueStoreKind): Promise<string[]> {
  const bad: string[] = [];
  const check = (what: string, actual: unknown, wanted: unknown) => {
    if (canon(actual) !== canon(wanted)) bad.push(`${what}: got ${canon(actual)}, MLflow says ${canon(wanted)}`);
  };
  const gql = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const res = await api.gql<T>(query, variables);
    if (res.errors) throw new Error(`GraphQL: ${res.errors.map((e) => e.message).join('; ')}`);
    return res.data as T;
  };
  const metric = (raw: number | string, step: number, timestamp: number) => ({ ...toMetricValue(expectedNumber(raw, valueKind)), step, timestamp });
  const sk = storeKeyFor(storeUri);

  // Experiments, deleted ones included.
  const exps = await gql<{ experiments: { totalCount: number; edges: { node: Record<string, unknown> }[] } }>(
    '{ experiments(first: 100, filter: { includeDeleted: true }) { totalCount edges { node { experimentId name lifecycleStage tags artifactLocation createdAt updatedAt } } } }',
  );
  check('experiments', exps.experiments.edges.map((e) => e.node).sort(byKey((e) => String(e.experimentId))), expected.experiments
    .map((e) => ({ experimentId: e.experiment_id, name: e.name, lifecycleStage: e.lifecycle_stage, tags: e.tags, artifactLocation: e.artifact_location, createdAt: iso(e.creation_time), updatedAt: iso(e.last_update_time) }))
    .sort(byKey((e) => e.experimentId)));

  // Runs: every field of Run that MLflow has, latest metrics and every history.
  for (const e of expected.runs) {
    const keys = Object.keys(e.metric_history).sort();
    const hist = keys.map((_k, i) => `h${i}: metricHistory(key: $k${i}) { value special step timestamp }`).join(' ');
    const vars = Object.fromEntries(keys.map((k, i) => [`k${i}`, k]));
    const decl = keys.map((_k, i) => `, $k${i}: String!`).join('');
    const data = await gql<{ runsByMlflowId: Record<string, unknown>[] }>(`query($runId: String!${decl}) { runsByMlflowId(runId: $runId) { ${RUN_FIELDS} ${hist} } }`, { runId: e.run_id, ...vars });
    const w = `run ${e.run_name} (${e.run_id})`;
    const mine = data.runsByMlflowId.filter((r) => r.id === formatId(NodeType.RUN, sk, e.run_id));
    if (mine.length !== 1) {
      bad.push(`${w}: ${mine.length} runs answered`);
      continue;
    }
    const r = mine[0] as Record<string, unknown> & { metrics: GqlMetric[]; inputs: { context: string | null; digest: string | null; dataset: { mlflowName: string | null }; mlflow: Record<string, unknown> | null }[]; children: { runId: string }[]; modelVersions: { name: string; version: number }[] };
    check(`${w} fields`, {
      name: r.name, status: r.status, lifecycleStage: r.lifecycleStage, startTime: r.startTime, endTime: r.endTime, userId: r.userId, artifactUri: r.artifactUri,
      sourceName: r.sourceName, sourceType: r.sourceType, gitCommit: r.gitCommit, params: r.params, tags: r.tags, experimentId: (r.experiment as { experimentId: string } | null)?.experimentId ?? null,
    }, {
      name: e.run_name, status: e.status, lifecycleStage: e.lifecycle_stage, startTime: iso(e.start_time), endTime: iso(e.end_time), userId: e.user_id || null, artifactUri: e.artifact_uri,
      sourceName: e.tags['mlflow.source.name'] ?? null, sourceType: e.tags['mlflow.source.type'] ?? null, gitCommit: e.tags['mlflow.source.git.commit'] ?? null,
      params: e.params, tags: e.tags, experimentId: e.experiment_id,
    });
    check(`${w} parent`, (r.parent as { runId: string } | null)?.runId ?? null, e.parent_run_id);
    check(`${w} children`, r.children.map((c) => c.runId).sort(), expected.runs.filter((c) => c.parent_run_id === e.run_id).map((c) => c.run_id).sort());
    check(`${w} metric keys`, r.metrics.map((m) => m.key).sort(), Object.keys(e.latest_metrics).sort());
    for (const [key, [step, ts, v]] of Object.entries(e.latest_metrics)) {
      const got = r.metrics.find((m) => m.key === key);
      if (got) check(`${w} latest ${key}`, got, { key, ...metric(v, step, ts) });
    }
    keys.forEach((k, i) => check(`${w} history ${k}`, r[`h${i}`], e.metric_history[k].map(([step, ts, v]) => metric(v, step, ts))));
    const inputKey = (d: { name: unknown; digest: unknown; context: unknown }) => `${String(d.name)}|${String(d.digest)}|${String(d.context)}`;
    check(`${w} dataset inputs`, r.inputs.map((i) => ({ name: i.mlflow?.name ?? null, mlflowName: i.dataset.mlflowName, digest: i.digest, context: i.context, sourceType: i.mlflow?.sourceType ?? null, source: i.mlflow?.source ?? null, schema: i.mlflow?.schema ?? null, profile: i.mlflow?.profile ?? null }))
      .sort(byKey(inputKey)), e.dataset_inputs
      .map((d) => ({ name: d.name, mlflowName: d.name, digest: d.digest, context: d.context, sourceType: d.source_type, source: d.source, schema: d.schema, profile: d.profile }))
      .sort(byKey(inputKey)));
    check(`${w} model versions`, r.modelVersions.map((v) => `${v.name} v${v.version}`).sort(), expected.registered_models
      .flatMap((m) => m.versions.filter((v) => v.run_id === e.run_id).map((v) => `${m.name} v${v.version}`))
      .sort());
  }
  const runCount = await gql<{ runs: { totalCount: number } }>('{ runs(filter: { includeDeleted: true }) { totalCount } }');
  check('run count', runCount.runs.totalCount, expected.runs.length);

  // Registry: models, versions with stage, aliases, source run, status, tags and description.
  const reg = await gql<{ registeredModels: { edges: { node: Record<string, unknown> & { versions: { edges: { node: Record<string, unknown> }[] } } }[] } }>(
    `{ registeredModels(first: 5) { edges { node { name description tags createdAt updatedAt
       versions(first: 10) { edges { node { name version stage aliases status runId run { runId } source tags description createdAt } } } } } } }`,
  );
  check('registered models', reg.registeredModels.edges.map((m): Record<string, unknown> => ({ ...m.node, versions: m.node.versions.edges.map((v) => v.node).sort(byKey((v) => String(v.version).padStart(9, '0'))) })).sort(byKey((m) => String(m.name))), expected.registered_models
    .map((m) => ({
      name: m.name, description: m.description, tags: m.tags, createdAt: iso(m.creation_timestamp), updatedAt: iso(m.last_updated_timestamp),
      versions: m.versions.map((v) => ({
        name: m.name, version: Number(v.version), stage: v.current_stage, aliases: [...v.aliases].sort(), status: v.status, runId: v.run_id, run: v.run_id ? { runId: v.run_id } : null,
        source: v.source, tags: v.tags, description: v.description, createdAt: iso(v.creation_timestamp),
      })),
    }))
    .sort(byKey((m) => m.name)));

  // Logged models (MLflow 3): every field LoggedModel exposes.
  for (const lm of expected.logged_models ?? []) {
    const data = await gql<{ node: Record<string, unknown> }>(
      'query($id: ID!) { node(id: $id) { ... on LoggedModel { modelId name sourceRunId status modelType params tags experimentId artifactLocation createdAt } } }',
      { id: formatId(NodeType.LOGGED_MODEL, sk, lm.model_id) },
    ).catch((err: Error) => ({ node: { error: err.message } }));
    check(`logged model ${lm.model_id}`, data.node, {
      modelId: lm.model_id, name: lm.name, sourceRunId: lm.source_run_id, status: lm.status, modelType: lm.model_type, params: lm.params, tags: lm.tags,
      experimentId: lm.experiment_id, artifactLocation: lm.artifact_location, createdAt: iso(lm.creation_timestamp),
    });
  }
  return bad;
}
