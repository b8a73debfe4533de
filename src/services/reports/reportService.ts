import type { Actor } from '../../domain/audit/actor';
import { AuditKind } from '../../domain/audit/draft';
import { BadInputError, ConflictError, NodeNotFoundError } from '../../domain/errors';
import { formatId, parseIdOf } from '../../domain/ids';
import { NodeType } from '../../domain/nodeType';
import { type Report, ReportStatus } from '../../domain/report';
import {
  type ReportContent,
  type ReportContentInput,
  type ReportVersion,
  changedFields,
  checkReportContent,
  checkReportKey,
  sealVersion,
} from '../../domain/reportVersion';
import type { AuditTx } from '../../graph/auditedWriter';
import type { ReportSources } from '../../graph/repositories/reportWriteRepository';
import type { ServiceContext } from '../context';
import { type SourceInput, parseSources, resolveSources } from './references';

/** The writes need only the repositories, so the demo loader and the CLIs can call them too. */
export type WriteContext = Pick<ServiceContext, 'repos'>;

/** What a report builder sends to register a report file (docs/report-builders.md). */
export interface RegisterReportInput extends ReportContentInput, SourceInput {
  /** The report's own id (what follows `report:`); derived from the content hash when absent. */
  readonly reportId?: string | null;
  readonly reason?: string | null;
}

export interface ReviseReportInput extends ReportContentInput, SourceInput {
  readonly reason: string;
}

const ENTITY = 'Report';

function requireReason(reason: string | null | undefined, what: string): string {
  const r = reason?.trim() ?? '';
  if (r.length === 0) throw new BadInputError('reason', `A reason is required to ${what}`);
  return r;
}

async function load(ctx: WriteContext, id: string): Promise<Report> {
  const [report] = await ctx.repos.reports.byIds([id]);
  if (!report) throw new NodeNotFoundError(NodeType.REPORT, id);
  return report;
}

/** The constraint caught a race the in-transaction check could not see; name the winner. */
async function namedConflict(ctx: WriteContext, err: unknown, contentHash: string): Promise<never> {
  // Only the driver's constraint error comes without details; the service's own conflicts say what they are.
  if (err instanceof ConflictError && Object.keys(err.details).length === 0) {
    const owners = await ctx.repos.reportWrites.hashOwners(contentHash);
    if (owners.length > 0) throw duplicateFile(owners[0], contentHash);
  }
  throw err;
}

function duplicateFile(owner: { reportId: string; version: number | null }, contentHash: string): ConflictError {
  const where = owner.version === null ? owner.reportId : `${owner.reportId} v${owner.version}`;
  return new ConflictError(`This report file (contentHash ${contentHash}) is already registered as ${where}`, {
    argument: 'input.contentHash',
    reportId: owner.reportId,
    version: owner.version,
  });
}

function version(reportId: string, n: number, content: ReportContent, sources: ReportSources, actor: Actor, at: string): ReportVersion {
  return sealVersion({
    reportId,
    version: n,
    ...content,
    generatedFromRuns: sources.runIds,
    modelVersions: sources.versionIds,
    datasets: sources.datasetIds,
    signals: sources.signalIds,
    createdAt: at,
    createdBy: actor.id,
    createdByName: actor.name,
  });
}

/**
 * Registers a report file as a new report with its first version, fed by the runs, model
 * versions, datasets and signals it names. Everything is checked inside the write transaction,
 * so a missing source, an ambiguous bare id or a file registered before leaves the graph as it
 * was. A file that MLflow ingestion imported from a side file (a report without versions) is
 * given its first version under the imported id instead of being refused.
 */
export async function registerReport(ctx: WriteContext, actor: Actor, input: RegisterReportInput): Promise<Report> {
  const content = checkReportContent(input);
  const lookup = parseSources(input);
  const key = input.reportId ? checkReportKey(input.reportId) : null;
  const reason = input.reason?.trim() || null;
  let reportId = '';
  try {
    await ctx.repos.writer.write('report.register', async (tx) => {
      const repo = ctx.repos.reportWrites;
      const sources = await resolveSources(tx, repo, lookup);
      const owners = await repo.contentHashOwners(tx, content.contentHash);
      const now = new Date().toISOString();
      const imported = owners.length === 1 && owners[0].version === null && (key === null || formatId(NodeType.REPORT, key) === owners[0].reportId) ? owners[0] : null;
      if (owners.length > 0 && !imported) throw duplicateFile(owners[0], content.contentHash);
      reportId = imported ? imported.reportId : formatId(NodeType.REPORT, key ?? `R-${content.contentHash.slice(0, 16)}`);
      const before = imported ? await repo.lockedState(tx, reportId, now) : null;
      if (before && before.status === ReportStatus.WITHDRAWN) throw new ConflictError(`The file belongs to ${reportId}, which is withdrawn`, { reportId });
      const v1 = version(reportId, 1, content, sources, actor, now);
      if (!(await repo.create(tx, v1, ReportStatus.FINAL, imported !== null))) {
        throw new ConflictError(`Report id "${reportId}" is taken; choose another reportId`, { argument: 'input.reportId', reportId });
      }
      audit(tx, actor, AuditKind.CREATE, 'REPORT_REGISTERED', v1, before ? before.props : null, v1, reason);
    });
  } catch (err) {
    await namedConflict(ctx, err, content.contentHash);
  }
  return load(ctx, reportId);
}

/**
 * A new version of a registered report: the file changed (a new content hash) and possibly its
 * sources. Earlier versions stay as they were; the report's live FEEDS edges move to the new
 * sources and the superseded ones keep their interval for `lineage(asOf:)`.
 */
export async function reviseReport(ctx: WriteContext, actor: Actor, id: string, input: ReviseReportInput): Promise<Report> {
  parseIdOf(NodeType.REPORT, id, 'id');
  const reason = requireReason(input.reason, `revise report ${id}`);
  const content = checkReportContent(input);
  const lookup = parseSources(input);
  try {
    await ctx.repos.writer.write('report.revise', async (tx) => {
      const repo = ctx.repos.reportWrites;
      const now = new Date().toISOString();
      const state = await repo.lockedState(tx, id, now);
      if (!state) throw new NodeNotFoundError(NodeType.REPORT, id);
      if (state.status === ReportStatus.WITHDRAWN) throw new ConflictError(`Report ${id} is withdrawn; it cannot be revised`, { reportId: id });
      if (!state.latest) {
        throw new ConflictError(`Report ${id} was imported from MLflow side files and has no versions yet; register its file with registerReport first`, { reportId: id });
      }
      const sources = await resolveSources(tx, repo, lookup);
      const owners = await repo.contentHashOwners(tx, content.contentHash);
      if (owners.length > 0) throw duplicateFile(owners[0], content.contentHash);
      const next = version(id, state.latest.version + 1, content, sources, actor, now);
      if (!(await repo.addVersion(tx, state.latest.version, next))) {
        throw new ConflictError(`Report ${id} changed while it was being revised; read it again and retry`, { reportId: id });
      }
      const diff = changedFields(state.latest, next);
      audit(tx, actor, AuditKind.UPDATE, 'REPORT_REVISED', next, { ...diff.oldValue, latestVersion: state.latest.version }, { ...diff.newValue, latestVersion: next.version }, reason);
    });
  } catch (err) {
    await namedConflict(ctx, err, content.contentHash);
  }
  return load(ctx, id);
}

/** A tombstone with a reason: the report and all its versions stay readable; nothing is deleted. */
export async function withdrawReport(ctx: WriteContext, actor: Actor, id: string, reason: string | null | undefined): Promise<Report> {
  parseIdOf(NodeType.REPORT, id, 'id');
  const why = requireReason(reason, `withdraw report ${id}`);
  await ctx.repos.writer.write('report.withdraw', async (tx) => {
    const repo = ctx.repos.reportWrites;
    const now = new Date().toISOString();
    const state = await repo.lockedState(tx, id, now);
    if (!state) throw new NodeNotFoundError(NodeType.REPORT, id);
    if (state.status === ReportStatus.WITHDRAWN) throw new ConflictError(`Report ${id} is already withdrawn`, { reportId: id });
    if (!(await repo.withdraw(tx, id, { at: now, actorId: actor.id, actorName: actor.name, reason: why }))) {
      throw new ConflictError(`Report ${id} changed while it was being withdrawn`, { reportId: id });
    }
    tx.audit({
      actor,
      kind: AuditKind.TOMBSTONE,
      action: 'REPORT_WITHDRAWN',
      entityType: ENTITY,
      entityId: id,
      entityVersion: state.latestVersion === null ? null : String(state.latestVersion),
      oldValue: { status: state.status },
      newValue: { status: ReportStatus.WITHDRAWN, withdrawnAt: now, withdrawnBy: actor.id, withdrawnByName: actor.name, withdrawReason: why },
      reason: why,
    });
  });
  return load(ctx, id);
}

function audit(tx: AuditTx, actor: Actor, kind: AuditKind, action: string, v: ReportVersion, oldValue: unknown, newValue: unknown, reason: string | null): void {
  tx.audit({ actor, kind, action, entityType: ENTITY, entityId: v.reportId, entityVersion: String(v.version), oldValue, newValue, reason });
}

/** One version of a report, or null when it has no such version. */
export async function reportVersion(ctx: ServiceContext, reportId: string, n: number): Promise<ReportVersion | null> {
  if (!Number.isInteger(n) || n < 1) throw new BadInputError('number', 'A version number is a positive integer');
  const versions = await ctx.loaders.reportVersionsOfReport.load(reportId);
  return versions.find((v) => v.version === n) ?? null;
}
