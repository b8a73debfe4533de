import { createHash } from 'node:crypto';
import { type DatasetName, fromOpenLineage } from './datasetNaming';
import { type OlTransition, isRunState } from './openlineageRunState';
import { type ColumnLineage, readColumnLineage } from './columnLineageFacet';
import type { SchemaField } from './datasetField';
import { openLineageSchemaFields } from './schemaFields';
import { storeKeyFor } from './trackingStore';

/** The single tracking store OpenLineage runs belong to: run ids are UUIDs, unique across namespaces. */
export const OPENLINEAGE_STORE_URI = 'openlineage:';
export const OPENLINEAGE_STORE_KEY = storeKeyFor(OPENLINEAGE_STORE_URI);

/**
 * OpenLineage events, reduced to what the graph keeps. The validator has already checked the
 * event against the official JSON Schema, so these functions only read fields the schema
 * guarantees (or treat as optional).
 */
export type OlEventKind = 'RUN' | 'JOB' | 'DATASET';

export interface OlDatasetRecord {
  readonly namespace: string;
  readonly name: string;
  /** The dataset's facets as sent (core and custom), or null when none. */
  readonly facets: Readonly<Record<string, unknown>> | null;
  /** The `schema` facet's `fields`, kept as the Dataset's schema. */
  readonly schema: unknown;
  /** The `version` facet's `datasetVersion`. */
  readonly version: string | null;
  /**
   * The counts a producer reported with this snapshot (`outputStatistics`, else `inputStatistics`
   * or `dataQualityMetrics`): their top-level numbers, e.g. `rowCount`, `size`, `fileCount`;
   * null when it reported none.
   */
  readonly profile: Readonly<Record<string, number>> | null;
  /** The `schema` facet's fields, flattened (null when the event has no schema facet). */
  readonly fields: readonly SchemaField[] | null;
  /** The `columnLineage` facet's edges into this dataset (null when absent). */
  readonly columnLineage: ColumnLineage | null;
}

export interface OlEventRecord {
  /** SHA-256 of the event's canonical JSON: the same event redelivered has the same id. */
  readonly eventId: string;
  /** The event's `producer` URI: the integration that emitted it. */
  readonly producer: string;
  readonly kind: OlEventKind;
  readonly eventType: string | null;
  /** ISO-8601 UTC with milliseconds. */
  readonly eventTime: string;
  readonly job: { readonly namespace: string; readonly name: string; readonly facets: Readonly<Record<string, unknown>> | null } | null;
  readonly runId: string | null;
  readonly runFacets: Readonly<Record<string, unknown>> | null;
  readonly inputs: readonly OlDatasetRecord[];
  readonly outputs: readonly OlDatasetRecord[];
  /** The dataset a DatasetEvent describes (static metadata, no run). */
  readonly dataset: OlDatasetRecord | null;
  readonly parent: { readonly runId: string; readonly jobNamespace: string; readonly jobName: string } | null;
  /** MLflow run ids this run names (custom `mlflow` run facet) or shares (its UUID without dashes). */
  readonly mlflowRunIds: readonly string[];
  readonly transition: OlTransition | null;
  /** The body exactly as received. */
  readonly payload: string;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | null => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : null);
const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

/** JSON with object keys sorted at every level: two spellings of one event hash alike. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const o = obj(value);
  if (o) {
    const keys = Object.keys(o).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function eventIdOf(event: unknown): string {
  return createHash('sha256').update(canonicalJson(event)).digest('hex');
}

/** Dataset identity shared with MLflow: the OpenLineage naming spec, in `datasetNaming.ts`. */
export function datasetIdentity(namespace: string, name: string): DatasetName {
  return fromOpenLineage(namespace, name);
}

/** A statistics facet's top-level numbers (column metrics and the facet's own keys left out). */
function profileOf(d: Json): Record<string, number> | null {
  const stats = obj(obj(d.outputFacets)?.outputStatistics) ?? obj(obj(d.inputFacets)?.inputStatistics) ?? obj(obj(d.inputFacets)?.dataQualityMetrics);
  const numbers = Object.entries(stats ?? {}).filter((e): e is [string, number] => typeof e[1] === 'number' && Number.isFinite(e[1]));
  return numbers.length > 0 ? Object.fromEntries(numbers.sort(([a], [b]) => (a < b ? -1 : 1))) : null;
}

function datasetRecord(raw: unknown): OlDatasetRecord {
  const d = obj(raw) as Json;
  const facets = obj(d.facets);
  const schemaFields = obj(facets?.schema)?.fields;
  return {
    ...datasetIdentity(String(d.namespace), String(d.name)),
    facets,
    schema: Array.isArray(schemaFields) ? schemaFields : null,
    version: str(obj(facets?.version)?.datasetVersion),
    profile: profileOf(d),
    fields: openLineageSchemaFields(schemaFields),
    columnLineage: readColumnLineage(facets?.columnLineage),
  };
}

export function kindOf(event: Json): OlEventKind {
  if (obj(event.run)) return 'RUN';
  if (obj(event.dataset)) return 'DATASET';
  return 'JOB';
}

/** Maps a validated (and, where lenient, normalised) event to what the graph keeps. */
export function toEventRecord(event: Json, payload: string, eventId: string): OlEventRecord {
  const kind = kindOf(event);
  const eventTime = new Date(String(event.eventTime)).toISOString();
  const jobRaw = obj(event.job);
  const job = jobRaw ? { namespace: String(jobRaw.namespace), name: String(jobRaw.name), facets: obj(jobRaw.facets) } : null;
  const run = obj(event.run);
  const runId = run ? String(run.runId).toLowerCase() : null;
  const runFacets = run ? obj(run.facets) : null;
  const parentFacet = obj(runFacets?.parent);
  const parentRun = obj(parentFacet?.run);
  const parentJob = obj(parentFacet?.job);
  const parent =
    parentRun && parentJob && str(parentRun.runId) && String(parentRun.runId).toLowerCase() !== runId
      ? { runId: String(parentRun.runId).toLowerCase(), jobNamespace: String(parentJob.namespace), jobName: String(parentJob.name) }
      : null;
  const eventType = str(event.eventType);
  const mlflowIds = new Set<string>();
  const named = str(obj(runFacets?.mlflow)?.runId);
  if (named) mlflowIds.add(named);
  if (runId) mlflowIds.add(runId.replace(/-/g, ''));
  return {
    eventId,
    producer: String(event.producer),
    kind,
    eventType,
    eventTime,
    job,
    runId,
    runFacets,
    inputs: Array.isArray(event.inputs) ? event.inputs.map(datasetRecord) : [],
    outputs: Array.isArray(event.outputs) ? event.outputs.map(datasetRecord) : [],
    dataset: kind === 'DATASET' ? datasetRecord(event.dataset) : null,
    parent,
    mlflowRunIds: kind === 'RUN' ? [...mlflowIds].sort() : [],
    transition: kind === 'RUN' && isRunState(eventType) ? { state: eventType, at: eventTime, eventId } : null,
    payload,
  };
}
