import { carriedRunFacets } from '../../domain/openlineageRunFacets';
import type { Actor } from '../../domain/audit/actor';
import { AuditKind, type AuditDraft } from '../../domain/audit/draft';
import { randomUUID } from 'node:crypto';
import { BadInputError } from '../../domain/errors';
import { formatId } from '../../domain/ids';
import { NodeType } from '../../domain/nodeType';
import { openLineageVersionLinks } from '../../domain/datasetVersion';
import { OPENLINEAGE_STORE_KEY, OPENLINEAGE_STORE_URI, type OlDatasetRecord, type OlEventRecord, eventIdOf, toEventRecord } from '../../domain/openlineage';
import { encodeTransition, finalKeyOf, isTerminal, statusOf } from '../../domain/openlineageRunState';
import { RunStatus } from '../../domain/run';
import { TrackingStoreKind } from '../../domain/trackingStore';
import { toNeoDateTime } from '../../graph/convert';
import type { IngestParams, OpenLineageRepository } from '../../graph/repositories/openLineageRepository';
import { columnLineageParams, fieldParams } from '../../graph/repositories/datasetFieldRepository';
import type { OpenLineageValidator, ValidationProblem } from '../../sources/openlineage/validator';
import { datasetVersionDraft } from '../datasetVersionDraft';

export { OPENLINEAGE_STORE_KEY, OPENLINEAGE_STORE_URI };
const STORE = {
  id: formatId(NodeType.TRACKING_STORE, OPENLINEAGE_STORE_KEY),
  storeKey: OPENLINEAGE_STORE_KEY,
  uri: OPENLINEAGE_STORE_URI,
  kind: TrackingStoreKind.OPENLINEAGE,
  displayName: 'OpenLineage',
};

export const olRunNodeId = (runId: string) => formatId(NodeType.RUN, OPENLINEAGE_STORE_KEY, runId.toLowerCase());
export const jobNodeId = (namespace: string, name: string) => formatId(NodeType.JOB, namespace, name);
export const datasetNodeId = (d: { namespace: string; name: string }) => formatId(NodeType.DATASET, d.namespace, d.name);

/** An event that failed validation: BAD_USER_INPUT with every problem (path and message). */
export class InvalidEventError extends BadInputError {
  constructor(readonly problems: readonly ValidationProblem[]) {
    super('event', `The OpenLineage event is invalid: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`, { problems });
  }
}

export interface IngestOutcome {
  readonly eventId: string;
  /** False when the same event had already been received: nothing changed. */
  readonly created: boolean;
  /** Lenient readings applied (no UTC offset, missing schemaURL); empty for strictly valid events. */
  readonly lenient: readonly string[];
}

const runOnCreate = (runId: string, name: string) => ({
  storeKey: OPENLINEAGE_STORE_KEY,
  runId,
  experimentId: '',
  lifecycleStage: 'active',
  sourceType: 'OPENLINEAGE',
  status: RunStatus.RUNNING,
  name,
});

/**
 * A dataset's row: its facets themselves stay in the event's logged body (the node records which
 * event holds its newest ones), so only the schema and version it serves are sent here.
 */
function datasetRow(d: OlDatasetRecord) {
  const hasFacets = d.facets !== null && Object.keys(d.facets).length > 0;
  return {
    id: datasetNodeId(d),
    namespace: d.namespace,
    name: d.name,
    props: hasFacets ? { schemaJson: d.schema === null ? null : JSON.stringify(d.schema), version: d.version } : null,
    fields: d.fields === null ? null : fieldParams(d, d.fields),
    columnLineage: d.columnLineage === null ? null : columnLineageParams(d, d.columnLineage),
  };
}

/**
 * Receives OpenLineage events: validates, logs the body verbatim, and maps the event onto the
 * graph in the same statement, so an event is either fully recorded or not at all.
 */
export class OpenLineageService {
  constructor(
    private readonly repo: OpenLineageRepository,
    private readonly validator: () => OpenLineageValidator,
  ) {}

  async ingest(body: unknown, rawBody: string, actor: Actor): Promise<IngestOutcome> {
    const result = this.validator().validate(body);
    if (!result.ok) throw new InvalidEventError(result.problems);
    const eventId = eventIdOf(body);
    const record = toEventRecord(result.event, rawBody, eventId);
    const params = ingestParams(record, actor.id);
    const created = await this.repo.ingest(params, eventDraft(params, actor, record.producer), versionDrafts(params, actor));
    return { eventId, created, lenient: result.lenient };
  }
}

/** The audit event for a newly recorded OpenLineage event: the event itself is the new record. */
function eventDraft(p: IngestParams, actor: Actor, producer: string): AuditDraft {
  return {
    actor,
    kind: AuditKind.CREATE,
    action: 'OPENLINEAGE_EVENT_RECORDED',
    entityType: 'LineageEvent',
    entityId: String(p.event.eventId),
    newValue: {
      eventType: p.event.eventType ?? null,
      eventTime: p.eventTime,
      // The software that emitted it, beside the account that sent it (the actor).
      producer,
      job: p.job?.id ?? null,
      run: p.run?.id ?? null,
      transition: p.transition?.state ?? null,
      ...fieldSummary(p),
      records: recordsOf(p),
    },
  };
}

/**
 * Every record the event may create or change, by typed id, sorted: what the graph takes from it
 * follows from the event's body, which the log keeps verbatim, so the entry names each record an
 * auditor could ask about (docs/audit.md, "The coverage test").
 */
function recordsOf(p: IngestParams): string[] {
  const ids = [p.store?.id, p.job?.id, p.run?.id, p.parent?.id, p.parent?.jobId, ...p.datasets.map((d) => d.id), ...p.versions.map((v) => v.id)];
  return [...new Set(ids.filter((id): id is string => typeof id === 'string'))].sort();
}

/**
 * The audit event of each dataset version the event names, by version id: the repository records
 * those the statement created first, in the same transaction as the event's own entry.
 */
function versionDrafts(p: IngestParams, actor: Actor): ReadonlyMap<string, AuditDraft> {
  const reason = `Reported by OpenLineage event ${String(p.event.eventId)}`;
  return new Map(p.versions.map((v) => [v.id, datasetVersionDraft(actor, { ...v }, OPENLINEAGE_STORE_URI, reason)]));
}

/**
 * The fields and field edges the event declares, so the audit trail shows a schema or column
 * lineage arriving; stated only when the event carries them, so other events' entries are unchanged.
 */
function fieldSummary(p: IngestParams): { fields?: number; fieldEdges?: number; datasetDependencies?: number } {
  const rows = p.datasets as readonly ReturnType<typeof datasetRow>[];
  const withFields = rows.filter((d) => d.fields !== null);
  const withLineage = rows.filter((d) => d.columnLineage !== null);
  return {
    ...(withFields.length > 0 ? { fields: withFields.reduce((n, d) => n + (d.fields?.length ?? 0), 0) } : {}),
    ...(withLineage.length > 0
      ? {
          fieldEdges: withLineage.reduce((n, d) => n + (d.columnLineage?.edges.length ?? 0), 0),
          datasetDependencies: withLineage.reduce((n, d) => n + (d.columnLineage?.deps.length ?? 0), 0),
        }
      : {}),
  };
}

/** Everything one event writes, as the parameters of the single ingest statement. */
function ingestParams(e: OlEventRecord, accountId: string): IngestParams {
  const all = [...e.inputs, ...e.outputs, ...(e.dataset ? [e.dataset] : [])];
  // One row per dataset id, in id order, so concurrent events lock them in the same order.
  const unique = byId(all.map(datasetRow));
  const { versions, inputs, outputs } = openLineageVersionLinks(e);
  const isRun = e.kind === 'RUN' && e.runId !== null && e.job !== null;
  const job = e.job ? { id: jobNodeId(e.job.namespace, e.job.name), namespace: e.job.namespace, name: e.job.name, hasFacets: e.job.facets !== null } : null;
  const t = isRun ? e.transition : null;
  return {
    event: logRow(e),
    ingestId: randomUUID(),
    eventTime: e.eventTime,
    store: isRun ? STORE : null,
    job,
    datasets: unique,
    versions,
    run: isRun && e.runId && e.job ? { id: olRunNodeId(e.runId), jobId: jobNodeId(e.job.namespace, e.job.name), onCreate: runOnCreate(e.runId, e.job.name), facets: carriedRunFacets(e.runFacets) } : null,
    transition: t
      ? {
          entry: encodeTransition(t),
          finalKey: finalKeyOf(t),
          state: t.state,
          status: statusOf(t.state),
          at: toNeoDateTime(t.at),
          endTime: isTerminal(t.state) ? toNeoDateTime(t.at) : null,
          isStart: t.state === 'START',
        }
      : null,
    inputs,
    outputs,
    parent:
      isRun && e.parent
        ? { id: olRunNodeId(e.parent.runId), onCreate: runOnCreate(e.parent.runId, e.parent.jobName), jobId: jobNodeId(e.parent.jobNamespace, e.parent.jobName), jobNamespace: e.parent.jobNamespace, jobName: e.parent.jobName }
        : null,
    mlflowRunIds: isRun ? e.mlflowRunIds : [],
    accountId,
  };
}

function byId<T extends { readonly id: string }>(rows: readonly T[]): T[] {
  return [...new Map(rows.map((r) => [r.id, r])).values()].sort((a, b) => (a.id < b.id ? -1 : 1));
}

function logRow(e: OlEventRecord) {
  return {
    eventId: e.eventId,
    eventTime: toNeoDateTime(e.eventTime),
    eventType: e.eventType,
    kind: e.kind,
    runId: e.runId,
    jobNamespace: e.job?.namespace ?? null,
    jobName: e.job?.name ?? null,
    payload: e.payload,
  };
}
