import type { ReportKind } from '../../domain/report';
import type { ReportVersion } from '../../domain/reportVersion';
import { manyByKey, oneByKey } from '../batch';
import { toNeoDateTime, toNeoInt } from '../convert';
import type { GraphExecutor, Row, Tx } from '../executor';
import { refreshSearchTexts } from './searchTextRepository';

/**
 * Versioned reports. The `Report` node is the stable end of the lineage (`FEEDS` edges point at
 * it) and mirrors its latest version; every version is an immutable `ReportVersion` node,
 * `(rep)-[:HAS_REPORT_VERSION]->(v)`, `(v)-[:SUPERSEDES]->(previous)`. Neither relationship type
 * is a lineage relation, so lineage queries never walk into versions.
 */

/**
 * Every kind of reference a builder may send, each looked up under its own label so every
 * lookup is an index seek. One row per reference with the ids it matched (none, one, or, for a
 * bare MLflow id, several).
 */
export const RESOLVE_REFERENCES = `
CALL () {
  UNWIND $runIds AS ref OPTIONAL MATCH (n:Run {id: ref}) RETURN 'run' AS kind, ref, collect(n.id) AS ids
  UNION ALL
  UNWIND $bareRunIds AS ref OPTIONAL MATCH (n:Run {runId: ref}) RETURN 'bareRun' AS kind, ref, collect(n.id) AS ids
  UNION ALL
  UNWIND $versionIds AS ref OPTIONAL MATCH (n:ModelVersion {id: ref}) RETURN 'modelVersion' AS kind, ref, collect(n.id) AS ids
  UNION ALL
  UNWIND $bareVersions AS m OPTIONAL MATCH (n:ModelVersion {name: m.name, version: m.version})
  RETURN 'bareModelVersion' AS kind, m.ref AS ref, collect(n.id) AS ids
  UNION ALL
  UNWIND $datasetIds AS ref OPTIONAL MATCH (n:Dataset {id: ref}) RETURN 'dataset' AS kind, ref, collect(n.id) AS ids
  UNION ALL
  UNWIND $signalIds AS ref OPTIONAL MATCH (n:Signal {id: ref}) RETURN 'signal' AS kind, ref, collect(n.id) AS ids
}
RETURN kind, ref, ids`;

/** Which report already holds a file: a version of a registered report, or an imported report. */
export const CONTENT_HASH_OWNERS = `
CALL () {
  MATCH (v:ReportVersion {contentHash: $contentHash}) RETURN v.reportId AS reportId, v.version AS version
  UNION
  MATCH (r:Report {contentHash: $contentHash}) RETURN r.id AS reportId, r.latestVersion AS version
}
RETURN reportId, version ORDER BY reportId`;

export const REPORT_STATE = `
MATCH (rep:Report {id: $reportId})
OPTIONAL MATCH (rep)-[:HAS_REPORT_VERSION]->(v:ReportVersion {version: rep.latestVersion})
RETURN rep{.*} AS report, v{.*} AS latest`;

/**
 * Takes the report's write lock before its state is read, so two revisions or a revision and a
 * withdrawal of one report queue up instead of both acting on the same latest version.
 */
export const LOCK_REPORT = `
MATCH (rep:Report {id: $reportId})
SET rep.lockedAt = datetime($now)
REMOVE rep.lockedAt
RETURN rep.id AS id`;

/** A new report with its first version. `$adopt` gives an imported (unversioned) report its v1 instead. */
export const CREATE_REPORT = `
MERGE (rep:Report {id: $report.id})
  ON CREATE SET rep.created = true
WITH rep, coalesce(rep.created, false) AS created
WHERE created OR ($adopt AND rep.latestVersion IS NULL)
REMOVE rep.created
SET rep = $report
CREATE (v:ReportVersion)
SET v = $version
CREATE (rep)-[:HAS_REPORT_VERSION]->(v)
RETURN rep.id AS id`;

export const ADD_VERSION = `
MATCH (rep:Report {id: $reportId})-[:HAS_REPORT_VERSION]->(prev:ReportVersion {version: $previous})
WHERE rep.latestVersion = $previous
CREATE (v:ReportVersion)
SET v = $version
CREATE (rep)-[:HAS_REPORT_VERSION]->(v)
CREATE (v)-[:SUPERSEDES]->(prev)
SET rep += $mirror
RETURN v.version AS version`;

/**
 * Continues from `rep`: points the report's live FEEDS edges at exactly the listed sources. An
 * edge whose source is no longer listed gets `until` (kept for `lineage(asOf:)`), a newly listed
 * source gets a fresh edge with `since`; a superseded edge is never revived.
 */
export const FEEDS_FROM_SOURCES = `
CALL (rep) {
  UNWIND $runIds AS sid MATCH (src:Run {id: sid}) RETURN src
  UNION
  UNWIND $versionIds AS sid MATCH (src:ModelVersion {id: sid}) RETURN src
  UNION
  UNWIND $datasetIds AS sid MATCH (src:Dataset {id: sid}) RETURN src
  UNION
  UNWIND $signalIds AS sid MATCH (src:Signal {id: sid}) RETURN src
}
WITH rep, collect(src) AS sources
CALL (rep, sources) {
  MATCH (old)-[f:FEEDS]->(rep)
  WHERE f.until IS NULL AND NOT old IN sources
  SET f.until = datetime($now)
}
CALL (rep, sources) {
  UNWIND sources AS src
  OPTIONAL MATCH (src)-[live:FEEDS]->(rep) WHERE live.until IS NULL
  WITH src, rep, live WHERE live IS NULL
  CREATE (src)-[f:FEEDS]->(rep)
  SET f.since = datetime($now)
}
RETURN size(sources) AS linked`;

export const LINK_SOURCES = `
MATCH (rep:Report {id: $reportId})
${FEEDS_FROM_SOURCES}`;

/** A tombstone: the report and every version stay readable; only the status and its why change. */
export const WITHDRAW_REPORT = `
MATCH (rep:Report {id: $reportId})
WHERE rep.status <> 'WITHDRAWN'
SET rep.status = 'WITHDRAWN', rep.withdrawnAt = datetime($now), rep.withdrawnBy = $actorId,
    rep.withdrawnByName = $actorName, rep.withdrawReason = $reason
RETURN rep{.*} AS report`;

export const VERSIONS_OF_REPORTS = `
UNWIND $ids AS key
MATCH (:Report {id: key})-[:HAS_REPORT_VERSION]->(v:ReportVersion)
WITH key, v ORDER BY v.version
RETURN key, v{.*} AS node`;

export const WITHDRAWALS_OF_REPORTS = `
UNWIND $ids AS key
MATCH (rep:Report {id: key}) WHERE rep.status = 'WITHDRAWN'
RETURN key, rep{.withdrawnAt, .withdrawnBy, .withdrawnByName, .withdrawReason} AS node`;

export interface ReferenceLookup {
  readonly runIds: readonly string[];
  readonly bareRunIds: readonly string[];
  readonly versionIds: readonly string[];
  readonly bareVersions: readonly { ref: string; name: string; version: number }[];
  readonly datasetIds: readonly string[];
  readonly signalIds: readonly string[];
}

export type ReferenceKind = 'run' | 'bareRun' | 'modelVersion' | 'bareModelVersion' | 'dataset' | 'signal';

export interface ResolvedReference {
  readonly kind: ReferenceKind;
  readonly ref: string;
  /** Node ids the reference matched, sorted. */
  readonly ids: readonly string[];
}

/** The typed ids a version's FEEDS edges point from. */
export interface ReportSources {
  readonly runIds: readonly string[];
  readonly versionIds: readonly string[];
  readonly datasetIds: readonly string[];
  readonly signalIds: readonly string[];
}

export interface ReportState {
  readonly id: string;
  readonly status: string;
  readonly contentHash: string;
  readonly latestVersion: number | null;
  readonly latest: ReportVersion | null;
  /** The node as stored, for the audit trail's old value of an adopted import. */
  readonly props: Row;
}

export interface Withdrawal {
  readonly at: string;
  readonly by: string;
  readonly byName: string;
  readonly reason: string;
}

const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

export function toReportVersion(p: Row): ReportVersion {
  return {
    reportId: String(p.reportId),
    version: p.version as number,
    title: String(p.title),
    kind: p.kind as ReportKind,
    period: strOrNull(p.period),
    contentHash: String(p.contentHash),
    uri: strOrNull(p.uri),
    generatedFromRuns: strings(p.generatedFromRuns),
    modelVersions: strings(p.modelVersions),
    datasets: strings(p.datasets),
    signals: strings(p.signals),
    createdAt: String(p.createdAt),
    createdBy: String(p.createdBy),
    createdByName: String(p.createdByName),
    recordHash: String(p.recordHash),
  };
}

/** Node properties of a version; times as Neo4j DATETIME like every other node. */
export function versionProps(v: ReportVersion): Row {
  return {
    ...v,
    version: toNeoInt(v.version),
    generatedFromRuns: [...v.generatedFromRuns],
    modelVersions: [...v.modelVersions],
    datasets: [...v.datasets],
    signals: [...v.signals],
    createdAt: toNeoDateTime(v.createdAt),
  };
}

/** What the Report node mirrors of its latest version (existing readers see these). */
export function mirrorProps(v: ReportVersion): Row {
  return {
    title: v.title,
    kind: v.kind,
    period: v.period,
    contentHash: v.contentHash,
    uri: v.uri,
    latestVersion: toNeoInt(v.version),
    updatedAt: toNeoDateTime(v.createdAt),
    updatedBy: v.createdBy,
  };
}

const toWithdrawal = (p: Row): Withdrawal => ({
  at: String(p.withdrawnAt),
  by: String(p.withdrawnBy),
  byName: String(p.withdrawnByName),
  reason: String(p.withdrawReason),
});

const sourceParams = (s: ReportSources) => ({
  runIds: [...s.runIds],
  versionIds: [...s.versionIds],
  datasetIds: [...s.datasetIds],
  signalIds: [...s.signalIds],
});

export function sourcesOf(v: ReportVersion): ReportSources {
  return { runIds: v.generatedFromRuns, versionIds: v.modelVersions, datasetIds: v.datasets, signalIds: v.signals };
}

/**
 * Writes run inside the caller's (audited) transaction; reads that serve the API batch by key
 * for the DataLoaders.
 */
export class ReportWriteRepository {
  constructor(private readonly graph: GraphExecutor) {}

  async resolve(tx: Tx, q: ReferenceLookup): Promise<ResolvedReference[]> {
    const rows = await tx.run(RESOLVE_REFERENCES, {
      runIds: [...q.runIds],
      bareRunIds: [...q.bareRunIds],
      versionIds: [...q.versionIds],
      bareVersions: q.bareVersions.map((m) => ({ ref: m.ref, name: m.name, version: toNeoInt(m.version) })),
      datasetIds: [...q.datasetIds],
      signalIds: [...q.signalIds],
    });
    return rows.map((r) => ({ kind: r.kind as ReferenceKind, ref: String(r.ref), ids: strings(r.ids).sort() }));
  }

  async contentHashOwners(tx: Tx, contentHash: string): Promise<{ reportId: string; version: number | null }[]> {
    const rows = await tx.run(CONTENT_HASH_OWNERS, { contentHash });
    return rows.map((r) => ({ reportId: String(r.reportId), version: (r.version as number | null) ?? null }));
  }

  /** The same, outside a transaction: names the winner after the constraint refused a racing registration. */
  async hashOwners(contentHash: string): Promise<{ reportId: string; version: number | null }[]> {
    return this.graph.read('reportVersion.hashOwners', (tx) => this.contentHashOwners(tx, contentHash));
  }

  /** The report's current state, after taking its write lock; null when there is no such report. */
  async lockedState(tx: Tx, reportId: string, now: string): Promise<ReportState | null> {
    const locked = await tx.run(LOCK_REPORT, { reportId, now: toNeoDateTime(now) });
    if (locked.length === 0) return null;
    const [row] = await tx.run(REPORT_STATE, { reportId });
    const p = row.report as Row;
    return {
      id: String(p.id),
      status: String(p.status),
      contentHash: String(p.contentHash),
      latestVersion: (p.latestVersion as number | null) ?? null,
      latest: row.latest ? toReportVersion(row.latest as Row) : null,
      props: p,
    };
  }

  /** Creates the report and its v1 (or versions an imported report); false when the id is taken. */
  async create(tx: Tx, v: ReportVersion, status: string, adopt: boolean): Promise<boolean> {
    const report = { id: v.reportId, status, createdAt: toNeoDateTime(v.createdAt), createdBy: v.createdBy, ...mirrorProps(v) };
    const rows = await tx.run(CREATE_REPORT, { report, version: versionProps(v), adopt });
    if (rows.length === 0) return false;
    await tx.run(LINK_SOURCES, { reportId: v.reportId, now: toNeoDateTime(v.createdAt), ...sourceParams(sourcesOf(v)) });
    await refreshSearchTexts(tx, 'Report', [v.reportId]);
    return true;
  }

  /** Adds `v` after version `previous`; false when `previous` is no longer the latest. */
  async addVersion(tx: Tx, previous: number, v: ReportVersion): Promise<boolean> {
    const rows = await tx.run(ADD_VERSION, { reportId: v.reportId, previous: toNeoInt(previous), version: versionProps(v), mirror: mirrorProps(v) });
    if (rows.length === 0) return false;
    await refreshSearchTexts(tx, 'Report', [v.reportId]);
    await tx.run(LINK_SOURCES, { reportId: v.reportId, now: toNeoDateTime(v.createdAt), ...sourceParams(sourcesOf(v)) });
    return true;
  }

  async withdraw(tx: Tx, reportId: string, w: { at: string; actorId: string; actorName: string; reason: string }): Promise<boolean> {
    const rows = await tx.run(WITHDRAW_REPORT, { reportId, now: toNeoDateTime(w.at), actorId: w.actorId, actorName: w.actorName, reason: w.reason });
    return rows.length > 0;
  }

  async versionsOf(ids: readonly string[]): Promise<ReportVersion[][]> {
    return manyByKey(await this.graph.query('reportVersion.versionsOf', VERSIONS_OF_REPORTS, { ids }), ids, toReportVersion);
  }

  async withdrawalsOf(ids: readonly string[]): Promise<(Withdrawal | null)[]> {
    return oneByKey(await this.graph.query('reportVersion.withdrawalsOf', WITHDRAWALS_OF_REPORTS, { ids }), ids, toWithdrawal);
  }
}
