import { ConflictError } from '../../domain/errors';
import { formatId } from '../../domain/ids';
import { NodeType } from '../../domain/nodeType';
import { StoreWriteRefusedError } from '../../domain/storeWriter';
import { FieldSource } from '../../domain/datasetField';
import type { DatasetJob, Job } from '../../domain/job';
import type { Page, PageRequest } from '../../domain/pagination';
import { type OlTransition, decodeTransition } from '../../domain/openlineageRunState';
import { manyByKey, oneByKey } from '../batch';
import { pageParams, toNeoDateTime } from '../convert';
import type { AuditDraft } from '../../domain/audit/draft';
import type { OlDatasetVersion } from '../../domain/datasetVersion';
import type { AuditedWriter, Lane } from '../auditedWriter';
import type { GraphExecutor, Params, Row } from '../executor';
import { toRun } from '../mappers';
import type { Run } from '../../domain/run';
import { SYNC_OPENLINEAGE_FIELDS } from './datasetFieldRepository';
import { refreshSearchTextsOf } from './searchTextRepository';
import type { SearchedLabel } from '../../domain/searchText';
import { type OlRunFacets, RUN_FACETS, type RunFacetName, readRunFacets } from '../../domain/openlineageRunFacets';

/**
 * OpenLineage: the raw event log (`LineageEvent`, stored verbatim, unique by `eventId`, so a
 * redelivered event is a no-op) and its mapping onto Job, Run and Dataset nodes. A batch of
 * events is ONE statement in one transaction (group commit: events that arrive while a write is
 * in flight share the next one), composed from the fragments below; each fragment is a unit
 * subquery that does nothing when its part of the event is null. Events are applied in list
 * order, and the statement returns the ids of the events that were new.
 */
const RECORD_EVENT = `
UNWIND $events AS ev
MERGE (e:LineageEvent {eventId: ev.event.eventId})
  ON CREATE SET e += ev.event, e.receivedAt = datetime(), e.ingestId = ev.ingestId
WITH ev, e WHERE e.ingestId = ev.ingestId
WITH ev`;

const UPSERT_STORE = `
CALL (ev) {
  WITH ev.store AS store WHERE store IS NOT NULL
  MERGE (s:TrackingStore {id: store.id})
    ON CREATE SET s += store
}`;

/**
 * Facets follow the newest event by eventTime (ties go to the larger event id, so arrival order
 * never matters). They are not copied: the node names the logged event that holds them
 * (`facetsEventId`), whose verbatim body is already stored, so a 7 kB event does not travel and
 * get written two or three times. Writing (and removing) a property takes the node's write lock,
 * so the time compared after it is the committed one.
 */
const newerFacets = (node: string, time: string, eventId: string) =>
  `(${node}.${time} IS NULL OR ${node}.${time} < ev.eventTime OR (${node}.${time} = ev.eventTime AND coalesce(${node}.${eventId}, '') < ev.event.eventId))`;
const NEWER_JOB_FACETS = newerFacets('j', 'facetsTime', 'facetsEventId');
const UPSERT_JOB = `
CALL (ev) {
  WITH ev, ev.job AS job WHERE job IS NOT NULL
  MERGE (j:Job {id: job.id})
    ON CREATE SET j.namespace = job.namespace, j.name = job.name
  WITH j, job, ev WHERE job.hasFacets AND ${NEWER_JOB_FACETS}
  SET j._lock = true
  REMOVE j._lock
  WITH j, ev WHERE ${NEWER_JOB_FACETS}
  SET j.facetsEventId = ev.event.eventId, j.facetsTime = ev.eventTime
  REMOVE j.facetsJson
}`;

/**
 * The schema a producer's facet gives is kept as its own (`olSchemaJson`), beside MLflow's
 * (`schemaJson`): a PIPELINE account cannot rewrite what an MLflow run recorded.
 */
const NEWER_DATASET_FACETS = newerFacets('ds', 'olFacetsTime', 'olFacetsEventId');
const UPSERT_DATASETS = `
CALL (ev) {
  UNWIND ev.datasets AS d
  MERGE (ds:Dataset {id: d.id})
    ON CREATE SET ds.namespace = d.namespace, ds.name = d.name
  WITH ds, d, ev WHERE d.props IS NOT NULL AND ${NEWER_DATASET_FACETS}
  SET ds._lock = true
  REMOVE ds._lock
  WITH ds, d, ev WHERE ${NEWER_DATASET_FACETS}
  SET ds.olFacetsEventId = ev.event.eventId, ds.olFacetsTime = ev.eventTime,
      ds.olSchemaJson = d.props.schemaJson, ds.version = d.props.version
  REMOVE ds.olFacetsJson
}`;

/**
 * Each `version` facet's snapshot (docs/graph-model.md, "Dataset versions"): created once by the
 * first event that names it and never changed, under the id's uniqueness constraint, so two
 * events naming it at once make one node. `recordedByEvent` names that first event, whose logged
 * body holds the facets verbatim; CLAIMS reads it back to tell which versions this event created.
 */
export const RECORD_VERSIONS = `
CALL (ev) {
  UNWIND ev.versions AS v
  MATCH (ds:Dataset {id: v.datasetId})
  MERGE (x:DatasetVersion {id: v.id})
    ON CREATE SET x += v, x.recordedAt = datetime(), x.recordedByEvent = ev.event.eventId
  MERGE (ds)-[h:HAS_DATASET_VERSION]->(x)
    ON CREATE SET h.since = datetime()
}`;

/**
 * A run belongs to the first job that named it (`olJobId`; for a run recorded before owners were
 * kept, the job it was first linked to). Under the run's lock, so two first events cannot both
 * win. An event of another job changes nothing here, and CLAIMS reports it.
 */
// CASE, not coalesce: coalesce would run the subquery on every event of a run that has its owner.
const OWNER = (r: string, jobId: string) =>
  `SET ${r}.olJobId = CASE WHEN ${r}.olJobId IS NOT NULL THEN ${r}.olJobId
    ELSE coalesce(COLLECT { MATCH (oj:Job)-[oh:HAS_RUN]->(${r}) RETURN oj.id ORDER BY oh.since, oj.id LIMIT 1 }[0], ${jobId}) END`;

/**
 * The run and its state. The lock first, so concurrent events of one run serialise here and no
 * transition is lost; then every derived value is a commutative aggregate of the transitions
 * (sorted history, maximum final-state key, earliest times), so arrival order never matters.
 */
const UPSERT_RUN = `
CALL (ev) {
  WITH ev, ev.run AS run WHERE run IS NOT NULL
  MERGE (r:Run {id: run.id})
    ON CREATE SET r += run.onCreate
  SET r._lock = true
  REMOVE r._lock
  ${OWNER('r', 'run.jobId')}
  WITH r, run, ev WHERE r.olJobId = run.jobId
  MATCH (j:Job {id: run.jobId})
  MERGE (j)-[h:HAS_RUN]->(r)
    ON CREATE SET h.since = datetime()
  WITH r, ev
  CALL (r, ev) {
    WITH r, ev.transition AS t WHERE t IS NOT NULL AND NOT t.entry IN coalesce(r.olTransitions, [])
    CALL (r, t) {
      UNWIND coalesce(r.olTransitions, []) + t.entry AS x
      WITH x ORDER BY x
      RETURN collect(x) AS sorted
    }
    WITH r, t, sorted, t.finalKey > coalesce(r.olFinalKey, '') AS wins
    SET r.olTransitions = sorted,
        r.olFinalKey = CASE WHEN wins THEN t.finalKey ELSE r.olFinalKey END,
        r.olState = CASE WHEN wins THEN t.state ELSE r.olState END,
        r.status = CASE WHEN wins THEN t.status ELSE r.status END,
        r.endTime = CASE WHEN wins THEN t.endTime ELSE r.endTime END,
        r.olFirstAt = CASE WHEN r.olFirstAt IS NULL OR t.at < r.olFirstAt THEN t.at ELSE r.olFirstAt END,
        r.olFirstStart = CASE WHEN t.isStart AND (r.olFirstStart IS NULL OR t.at < r.olFirstStart) THEN t.at ELSE r.olFirstStart END
    SET r.startTime = coalesce(r.olFirstStart, r.olFirstAt)
  }
}`;

/**
 * Each kept run facet names the newest event that carried it (`olFacetEvent_<facet>`), as job
 * facets do, so a FAIL's error message and its START's nominal time both stay. Facet names come
 * only from the closed RUN_FACETS list.
 */
const facetProp = (f: RunFacetName, what: 'Event' | 'Time') => `olFacet${what}_${f}`;
const TRACK_RUN_FACETS = `
CALL (ev) {
  WITH ev, ev.run AS run WHERE run IS NOT NULL
  MATCH (r:Run {id: run.id})
${RUN_FACETS.map(
  (f) => `  CALL (r, ev) {
    WITH r, ev WHERE ev.run.facets.${f} AND ${newerFacets('r', facetProp(f, 'Time'), facetProp(f, 'Event'))}
    SET r.${facetProp(f, 'Time')} = ev.eventTime, r.${facetProp(f, 'Event')} = ev.event.eventId
  }`,
).join('\n')}
}`;

/**
 * The run's inputs and outputs, each edge naming the snapshot (`versionId`, and its `digest`)
 * of one event of this run: for an input the earliest event that named one (what the run read
 * when it started reading), for an output the newest (what it last wrote). By eventTime, ties to
 * the smaller (input) or larger (output) event id, so arrival order never matters; the run's
 * lock, taken in UPSERT_RUN, orders concurrent events of one run. Another run's event never
 * touches this run's edges, so what a run read stays as it was when the dataset moves on.
 */
/** An event's input version replaces the edge's when the event is earlier (what the run read first); shared with the versions migration. */
export const EARLIER_INPUT_VERSION = `(i.versionTime IS NULL OR ev.eventTime < i.versionTime OR (ev.eventTime = i.versionTime AND ev.event.eventId < i.versionEventId))`;
/** An event's output version replaces the edge's when the event is newer (what the run wrote last). */
export const NEWER_OUTPUT_VERSION = newerFacets('p', 'versionTime', 'versionEventId');
const LINK_DATASETS = `
CALL (ev) {
  WITH ev, ev.run AS run WHERE run IS NOT NULL
  MATCH (r:Run {id: run.id})
  CALL (r, ev) {
    UNWIND ev.inputs AS input
    MATCH (ds:Dataset {id: input.datasetId})
    MERGE (ds)-[i:INPUT_TO {context: ''}]->(r)
      ON CREATE SET i.since = datetime()
    WITH i, input, ev WHERE input.versionId IS NOT NULL AND ${EARLIER_INPUT_VERSION}
    SET i.versionId = input.versionId, i.digest = input.digest, i.versionTime = ev.eventTime, i.versionEventId = ev.event.eventId
  }
  CALL (r, ev) {
    UNWIND ev.outputs AS output
    MATCH (ds:Dataset {id: output.datasetId})
    MERGE (r)-[p:PRODUCED]->(ds)
      ON CREATE SET p.since = datetime()
    WITH p, output, ev WHERE output.versionId IS NOT NULL AND ${NEWER_OUTPUT_VERSION}
    SET p.versionId = output.versionId, p.digest = output.digest, p.versionTime = ev.eventTime, p.versionEventId = ev.event.eventId
  }
}`;

/** ParentRunFacet: the parent run (a stub until its own events arrive) and its job. */
const LINK_PARENT = `
CALL (ev) {
  WITH ev, ev.parent AS parent WHERE parent IS NOT NULL
  MERGE (p:Run {id: parent.id})
    ON CREATE SET p += parent.onCreate
  MERGE (pj:Job {id: parent.jobId})
    ON CREATE SET pj.namespace = parent.jobNamespace, pj.name = parent.jobName
  ${OWNER('p', 'parent.jobId')}
  WITH p, pj, parent, ev WHERE p.olJobId = parent.jobId
  MERGE (pj)-[h:HAS_RUN]->(p)
    ON CREATE SET h.since = datetime()
  WITH p, ev
  MATCH (r:Run {id: ev.run.id})
  MERGE (p)-[x:PARENT_OF]->(r)
    ON CREATE SET x.since = datetime()
}`;

/**
 * The sending account may write to the store of MLflow run `m` (an ADMIN's grant, see
 * trackingStoreRepository.ts). Read in the ingest's own statement, so the link and the grant it
 * rests on are decided together.
 */
const MAY_WRITE_STORE_OF = (m: string) => `EXISTS { MATCH (:User {id: ev.accountId})-[:MAY_WRITE]->(ws:TrackingStore) WHERE ws.storeKey = ${m}.storeKey }`;

/** The MLflow runs (any store but OpenLineage's) the event's run names in its `mlflow` facet or shares its id with. */
const NAMED_MLFLOW_RUNS = `MATCH (r:Run {id: ev.run.id})
  UNWIND ev.mlflowRunIds AS mid
  MATCH (m:Run {runId: mid})
  WHERE m.storeKey <> r.storeKey`;

/**
 * The OpenLineage run launched the MLflow runs it names or shares its id with, when the sending
 * account may write to their stores; CLAIMS refuses the event for any other.
 */
const LINK_MLFLOW_RUNS = `
CALL (ev) {
  WITH ev WHERE ev.run IS NOT NULL
  ${NAMED_MLFLOW_RUNS} AND ${MAY_WRITE_STORE_OF('m')}
  MERGE (r)-[x:PARENT_OF]->(m)
    ON CREATE SET x.since = datetime()
}`;

/**
 * Each new event's claim on a run (its own, or its parent facet's) that another job owns: [run
 * id, owner job, claiming job]; the first MLflow run it would attach to in a store its account
 * may not write to: [OpenLineage run id, MLflow run id, store key, account id] (a parent facet
 * always names an OpenLineage run, `run:<OpenLineage store key>:<uuid>`, never an MLflow one, so
 * it needs no grant); and the ids of the dataset versions it created (RECORD_VERSIONS).
 */
const CLAIMS = `RETURN ev.event.eventId AS eventId,
  COLLECT { MATCH (r:Run {id: ev.run.id}) WHERE r.olJobId <> ev.run.jobId RETURN [r.id, r.olJobId, ev.run.jobId] }[0] AS runClaim,
  COLLECT { MATCH (p:Run {id: ev.parent.id}) WHERE p.olJobId <> ev.parent.jobId RETURN [p.id, p.olJobId, ev.parent.jobId] }[0] AS parentClaim,
  COLLECT { ${NAMED_MLFLOW_RUNS} AND NOT ${MAY_WRITE_STORE_OF('m')} RETURN [r.id, m.id, m.storeKey, ev.accountId] ORDER BY m.id }[0] AS storeClaim,
  COLLECT { UNWIND ev.versions AS v MATCH (x:DatasetVersion {id: v.id}) WHERE x.recordedByEvent = ev.event.eventId RETURN x.id } AS newVersionIds`;

export const INGEST_EVENT = [RECORD_EVENT, UPSERT_STORE, UPSERT_JOB, UPSERT_DATASETS, RECORD_VERSIONS, SYNC_OPENLINEAGE_FIELDS, UPSERT_RUN, TRACK_RUN_FACETS, LINK_DATASETS, LINK_PARENT, LINK_MLFLOW_RUNS, CLAIMS].join('\n');

export const LIST_EVENTS = `
MATCH (e:LineageEvent)
WHERE ($before IS NULL OR e.eventTime < $before) AND ($after IS NULL OR e.eventTime > $after)
WITH e ORDER BY e.eventTime DESC, e.eventId
WITH collect(e) AS matched
RETURN size(matched) AS total, [x IN matched[$offset..($offset + $limit)] | x.payload] AS payloads`;

/** A job with the logged body of the event holding its facets (`facetsPayload`), when it has any. */
const JOB_PROPS = (n: string) => `${n}{.*, facetsPayload: COLLECT { MATCH (e:LineageEvent {eventId: ${n}.facetsEventId}) RETURN e.payload }[0]}`;

export const JOBS_BY_IDS = `
UNWIND $ids AS key
MATCH (n:Job {id: key})
RETURN key, ${JOB_PROPS('n')} AS node`;

export const JOBS_PAGE = `
MATCH (j:Job)
WHERE ($namespace IS NULL OR j.namespace = $namespace)
  AND ($nameContains IS NULL OR toLower(j.name) CONTAINS toLower($nameContains))
WITH j ORDER BY j.namespace, j.name, j.id
WITH collect(j) AS matched
RETURN size(matched) AS total, [x IN matched[$offset..($offset + $limit)] | ${JOB_PROPS('x')}] AS items`;

/** Runs of each job, newest first (by start time, runs without one last), then by id. */
export const RUNS_OF_JOBS = `
UNWIND $ids AS key
MATCH (:Job {id: key})-[:HAS_RUN]->(r:Run)
WITH key, r ORDER BY r.startTime IS NULL, r.startTime DESC, r.id
RETURN key, r{.*} AS node`;

/**
 * For each dataset, the jobs whose runs read it (live INPUT_TO) or wrote it (live PRODUCED), by
 * job id, each once with both roles it plays.
 */
export const JOBS_OF_DATASETS = `
UNWIND $ids AS key
MATCH (d:Dataset {id: key})
CALL (d) {
  MATCH (d)-[i:INPUT_TO WHERE i.until IS NULL]->(:Run)<-[:HAS_RUN]-(j:Job)
  RETURN j, 'READS' AS role
  UNION
  MATCH (d)<-[p:PRODUCED WHERE p.until IS NULL]-(:Run)<-[:HAS_RUN]-(j:Job)
  RETURN j, 'WRITES' AS role
}
WITH key, j, collect(DISTINCT role) AS roles ORDER BY j.id
RETURN key, ${JOB_PROPS('j')} AS node, 'READS' IN roles AS reads, 'WRITES' IN roles AS writes`;

export const TRANSITIONS_OF_RUNS = `
UNWIND $ids AS key
MATCH (r:Run {id: key})
RETURN key, coalesce(r.olTransitions, []) AS transitions`;

/** For each run, the payloads of the events holding its kept facets, in RUN_FACETS order; null for a run with none. */
export const RUN_FACET_PAYLOADS = `
UNWIND $ids AS key
MATCH (r:Run {id: key})
RETURN key, [f IN $facets | COLLECT { MATCH (e:LineageEvent {eventId: r['olFacetEvent_' + f]}) RETURN e.payload }[0]] AS payloads`;

/** One event of INGEST_EVENT's `$events`; null parts are skipped. Times are ISO strings or driver DateTimes. */
export interface IngestParams {
  readonly event: Params;
  readonly ingestId: string;
  readonly eventTime: string;
  readonly store: Params | null;
  readonly job: Params | null;
  readonly datasets: readonly Params[];
  /** The dataset versions the event's `version` facets name, one per id, in id order. */
  readonly versions: readonly OlDatasetVersion[];
  readonly run: Params | null;
  readonly transition: Params | null;
  readonly inputs: readonly DatasetLink[];
  readonly outputs: readonly DatasetLink[];
  readonly parent: Params | null;
  readonly mlflowRunIds: readonly string[];
  /** The sending account: its grants decide which MLflow runs the event's run may be attached above. */
  readonly accountId: string;
}

/** A run's input or output: the dataset and, when the event named one, its version. */
export interface DatasetLink {
  readonly datasetId: string;
  readonly versionId: string | null;
  readonly digest: string | null;
}

export interface JobListQuery {
  readonly namespace: string | null;
  readonly nameContains: string | null;
}

export interface EventWindow {
  readonly before: Date | null;
  readonly after: Date | null;
}

export function toJob(p: Row): Job {
  return { id: String(p.id), namespace: String(p.namespace), name: String(p.name), facets: jobFacets(p) };
}

/** The job's facets as sent, from the logged event that holds them (or the copy earlier versions kept on the node). */
function jobFacets(p: Row): Record<string, unknown> | null {
  if (typeof p.facetsPayload === 'string') {
    const facets = (JSON.parse(p.facetsPayload) as { job?: { facets?: unknown } }).job?.facets;
    return facets !== null && typeof facets === 'object' && !Array.isArray(facets) ? (facets as Record<string, unknown>) : null;
  }
  return typeof p.facetsJson === 'string' ? (JSON.parse(p.facetsJson) as Record<string, unknown>) : null;
}

const idOf = (p: Params | null | undefined, key = 'id'): string[] => (p && typeof p[key] === 'string' ? [p[key] as string] : []);

/** The searched nodes events may create (their names come with them), for their fragment texts. */
function searchedNodesOf(events: readonly IngestParams[]): Partial<Record<SearchedLabel, string[]>> {
  const field = (x: unknown) => idOf(x as Params);
  const lineageEnds = (d: Params) => {
    const cl = d.columnLineage as { edges: { from: unknown; to: unknown }[]; deps: { from: unknown }[] } | null | undefined;
    return cl ? [...cl.edges.flatMap((e) => [...field(e.from), ...field(e.to)]), ...cl.deps.flatMap((e) => field(e.from))] : [];
  };
  const endDatasets = (d: Params) => {
    const cl = d.columnLineage as { edges: { from: Params; to: Params }[]; deps: { from: Params }[] } | null | undefined;
    return cl ? [...cl.edges.flatMap((e) => [...idOf(e.from, 'datasetId'), ...idOf(e.to, 'datasetId')]), ...cl.deps.flatMap((e) => idOf(e.from, 'datasetId'))] : [];
  };
  return {
    TrackingStore: events.flatMap((e) => idOf(e.store)),
    Job: events.flatMap((e) => [...idOf(e.job), ...idOf(e.parent, 'jobId')]),
    Run: events.flatMap((e) => [...idOf(e.run), ...idOf(e.parent)]),
    Dataset: events.flatMap((e) => e.datasets.flatMap((d) => [...idOf(d), ...endDatasets(d)])),
    DatasetField: events.flatMap((e) => e.datasets.flatMap((d) => [...((d.fields as Params[] | null | undefined) ?? []).flatMap(field), ...lineageEnds(d)])),
  };
}

/** One event to ingest, the audit event recorded if it is new, and those of the versions it may create, by id. */
interface IngestItem {
  readonly params: IngestParams;
  readonly draft: AuditDraft;
  readonly versionDrafts: ReadonlyMap<string, AuditDraft>;
}

/**
 * Events queued in the writer while an ingest is in flight become one INGEST_EVENT statement in
 * its next transaction (retried by the driver on transient failures such as deadlocks). One
 * transaction in flight: events of one job share parent-run and dataset nodes, so a second one
 * would mostly wait on their locks, while a larger batch commits more events per fsync.
 */
const INGEST_LANE: Lane<IngestItem, boolean> = {
  operation: 'openlineage.ingest',
  maxBatch: 64,
  maxInFlight: 1,
  async run(tx, items) {
    const events = items.map(({ params: p }) => ({ ...p, eventTime: toNeoDateTime(p.eventTime) }));
    const rows = await tx.run(INGEST_EVENT, { events, fieldSource: FieldSource.OPENLINEAGE });
    await refreshSearchTextsOf(tx, searchedNodesOf(items.map((i) => i.params)));
    // A claim on another job's run, or on a run of a store the account may not write to, fails
    // the whole transaction, so nothing of the event stays; the writer then retries the other
    // events of a shared batch alone, and they land.
    for (const row of rows) {
      const claim = (row.runClaim ?? row.parentClaim) as [string, string, string] | null;
      if (claim) {
        const [runId, owner, claimant] = claim;
        throw new ConflictError(`OpenLineage run ${runId} belongs to ${owner}; an event of ${claimant} cannot claim it${row.runClaim ? '' : ' as its parent'}`, { runId, owner, claimant });
      }
      const refused = row.storeClaim as [string, string, string, string] | null;
      if (refused) {
        const [olRunId, mlflowRunId, storeKey, accountId] = refused;
        throw new StoreWriteRefusedError(accountId, formatId(NodeType.TRACKING_STORE, storeKey), { olRunId, mlflowRunId });
      }
    }
    const created = new Map(rows.map((r) => [String(r.eventId), (r.newVersionIds as string[] | null) ?? []]));
    // A batch may hold the same event twice; only its first copy is new, and audited.
    const seen = new Set<string>();
    return items.map(({ params, draft, versionDrafts }) => {
      const id = String(params.event.eventId);
      const isNew = created.has(id) && !seen.has(id);
      seen.add(id);
      if (isNew) {
        tx.audit(draft);
        for (const versionId of [...(created.get(id) ?? [])].sort()) {
          const versionDraft = versionDrafts.get(versionId);
          if (versionDraft) tx.audit(versionDraft);
        }
      }
      return isNew;
    });
  },
};

export class OpenLineageRepository {
  constructor(
    private readonly graph: GraphExecutor,
    private readonly writer: AuditedWriter,
  ) {}

  /**
   * Logs and maps one event, audited when it is new (with one DATASET_VERSION_RECORDED for each
   * version it created first); events queued together share one statement (INGEST_LANE).
   * Answers whether the event was new: a redelivered event changes nothing.
   */
  ingest(params: IngestParams, draft: AuditDraft, versionDrafts: ReadonlyMap<string, AuditDraft> = new Map()): Promise<boolean> {
    return this.writer.submit(INGEST_LANE, { params, draft, versionDrafts });
  }

  async listEvents(window: EventWindow, page: PageRequest): Promise<Page<unknown>> {
    const [row] = await this.graph.query('openlineage.listEvents', LIST_EVENTS, {
      before: window.before ? toNeoDateTime(window.before) : null,
      after: window.after ? toNeoDateTime(window.after) : null,
      ...pageParams(page),
    });
    return { items: (row.payloads as string[]).map((p) => JSON.parse(p) as unknown), totalCount: row.total as number, offset: page.offset };
  }

  async jobsByIds(ids: readonly string[]): Promise<(Job | null)[]> {
    return oneByKey(await this.graph.query('job.byIds', JOBS_BY_IDS, { ids }), ids, toJob);
  }

  async listJobs(q: JobListQuery, page: PageRequest): Promise<Page<Job>> {
    const [row] = await this.graph.query('job.list', JOBS_PAGE, { ...q, ...pageParams(page) });
    return { items: (row.items as Row[]).map(toJob), totalCount: row.total as number, offset: page.offset };
  }

  async runsOfJobs(ids: readonly string[]): Promise<Run[][]> {
    return manyByKey(await this.graph.query('job.runs', RUNS_OF_JOBS, { ids }), ids, toRun);
  }

  /** For DataLoader: the jobs that read or wrote each dataset, by job id. */
  async jobsOfDatasets(ids: readonly string[]): Promise<DatasetJob[][]> {
    const rows = await this.graph.query('job.ofDatasets', JOBS_OF_DATASETS, { ids });
    const byKey = new Map<string, DatasetJob[]>();
    for (const r of rows) byKey.set(String(r.key), [...(byKey.get(String(r.key)) ?? []), { job: toJob(r.node as Row), reads: r.reads === true, writes: r.writes === true }]);
    return ids.map((k) => byKey.get(k) ?? []);
  }

  /** Each run's kept OpenLineage run facets, in key order; null for a run no event gave one (MLflow runs). */
  async runFacetsOfRuns(ids: readonly string[]): Promise<(OlRunFacets | null)[]> {
    const rows = await this.graph.query('run.olFacets', RUN_FACET_PAYLOADS, { ids, facets: [...RUN_FACETS] });
    const byKey = new Map(rows.map((r) => [String(r.key), facetsFromPayloads(r.payloads as (string | null)[])]));
    return ids.map((id) => byKey.get(id) ?? null);
  }

  /** Each run's recorded OpenLineage transitions (empty for MLflow runs), in key order. */
  async transitionsOfRuns(ids: readonly string[]): Promise<OlTransition[][]> {
    const rows = await this.graph.query('run.olTransitions', TRANSITIONS_OF_RUNS, { ids });
    const byKey = new Map(rows.map((r) => [String(r.key), (r.transitions as string[]).map(decodeTransition).filter((t): t is OlTransition => t !== null)]));
    return ids.map((id) => byKey.get(id) ?? []);
  }
}

/** Each facet from the logged event that last carried it. */
function facetsFromPayloads(payloads: readonly (string | null)[]): OlRunFacets | null {
  if (payloads.every((p) => p === null)) return null;
  const facets: Partial<Record<RunFacetName, unknown>> = {};
  RUN_FACETS.forEach((f, i) => {
    const payload = payloads[i];
    if (payload) facets[f] = (JSON.parse(payload) as { run?: { facets?: Record<string, unknown> } }).run?.facets?.[f];
  });
  return readRunFacets(facets);
}
