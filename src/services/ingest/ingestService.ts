import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { Logger } from 'pino';
import { DomainError } from '../../domain/errors';
import { formatId } from '../../domain/ids';
import { NodeType } from '../../domain/nodeType';
import type { IngestRunRecord, MetricSeriesRecord } from '../../domain/records';
import type { Actor } from '../../domain/audit/actor';
import type { AuditedWriter, AuditTx } from '../../graph/auditedWriter';
import { CatalogWriteRepository } from '../../graph/repositories/catalogWriteRepository';
import { storeIdOf } from '../../graph/repositories/catalogWriteRepository';
import type { IngestionRecord, IngestRepository, StoredFingerprint } from '../../graph/repositories/ingestRepository';
import { type RunFieldGroup, runCreatedFields, runFieldDiff, runFieldSourceOf } from '../../domain/runFieldDiff';
import type { IngestionLeaseRepository, InterruptedIngestion } from '../../graph/repositories/ingestionLeaseRepository';
import { ConflictError } from '../../domain/errors';
import { openMlflowSource } from '../../sources/mlflow/openSource';
import type { RestOptions } from '../../sources/mlflow/restClient';
import type { MlflowSource, RunBatch, SkippedItem } from '../../sources/mlflow/source';
import type { RunChange, RunChangeHook } from './changeHooks';
import { catalogDrafts, datasetVersionDraft, ingestionDraft, modelVersionDraft, runChangeDrafts } from './auditDrafts';
import { Heartbeat, interruptAbandoned, interruptIn, takeOver, type LeaseSettings } from './ingestionLease';
import { changedParts, combineFingerprint, runFingerprintParts } from './fingerprint';
import { datasetRows, ingestedRunRow, loggedModelRow, seriesRows } from './runRows';
import { loggedModelChangeDrafts, loggedModelChanges, mayMarkMissingModels, missingLoggedModelDrafts } from './loggedModelChanges';
import { IngestWriteFailed } from './writeFailed';

export interface IngestProgress {
  readonly runsSeen: number;
  readonly totalRuns: number | null;
  readonly added: number;
  readonly updated: number;
  readonly unchanged: number;
}

export interface IngestOptions {
  /** Who asked: a user name, `cli:<os user>`, or the GraphQL caller. */
  readonly actor: string;
  /** The audit actor; by default the \`actor\` string as id and printed name. */
  readonly auditActor?: Actor;
  readonly host?: string;
  /** Runs per write transaction. */
  readonly batchSize?: number;
  readonly onProgress?: (p: IngestProgress) => void;
  /** Extra per-batch hooks (the audit trail); the change summary is always recorded. */
  readonly hooks?: readonly RunChangeHook[];
  readonly rest?: RestOptions;
  readonly cwd?: string;
  /** Write-transaction timeout for one batch. */
  readonly txTimeoutMs?: number;
  /** Called once the RUNNING record is committed (the store is then this ingestion's until it ends). */
  readonly onStarted?: (record: IngestionRecord) => void;
}

export interface IngestionSummary {
  readonly ingestionId: string;
  readonly storeId: string;
  readonly storeUri: string;
  readonly storeKind: string;
  readonly status: 'COMPLETED' | 'FAILED' | 'INTERRUPTED';
  readonly error: string | null;
  readonly actor: string;
  readonly host: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly experiments: number;
  readonly runsSeen: number;
  readonly added: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly deleted: number;
  readonly loggedModels: number;
  readonly modelVersions: number;
  readonly reports: number;
  readonly skipped: readonly SkippedItem[];
  /** Endpoints the tracking server does not offer (an older MLflow); their listings were read as empty. */
  readonly notOffered: readonly string[];
}

const DEFAULT_BATCH = 500;

interface PreparedRun {
  readonly run: IngestRunRecord;
  readonly parts: string[];
  readonly fingerprint: string;
}

/** Histories loaded ahead of a batch's transaction, and the runs they were asked for. */
interface Prefetched {
  readonly runIds: ReadonlySet<string>;
  readonly histories: Map<string, MetricSeriesRecord[]>;
}

/**
 * Ingests one MLflow store (file store, SQLite or tracking server) into the graph, through one
 * code path whatever the source:
 * 1. the store, its experiments and a RUNNING Ingestion record holding the store's lease (one
 *    transaction; CONFLICT while a live ingestion holds it, a dead one is marked INTERRUPTED first);
 * 2. runs in batches, each batch one transaction: unchanged runs (same fingerprint) are skipped,
 *    changed ones are rewritten whole with their metric series, and the hooks run inside it;
 * 3. logged models, the registry and side-file reports (one transaction);
 * 4. runs the store no longer has are marked deleted; the Ingestion record gets its counts.
 * A crash between batches leaves whole batches only, and the record counts them; running again
 * re-reads the store and skips every run whose fingerprint the graph already holds, so it
 * completes the graph without rewriting what was committed.
 */
export class IngestService {
  /** `writer` is the process's shared audited writer, so ingest batches queue with every other write. */
  constructor(
    private readonly repo: IngestRepository,
    private readonly writer: AuditedWriter,
    private readonly leases: IngestionLeaseRepository,
    private readonly lease: LeaseSettings,
    /** Where the driver's reason for a failed write goes; the Ingestion record gets a message of ours. */
    private readonly log: Pick<Logger, 'warn'> | null = null,
    /** Credentials, TLS trust and back-off for tracking servers (from the MLFLOW_TRACKING_* variables). */
    private readonly rest: RestOptions = {},
  ) {}

  async ingestMlflow(input: string, options: IngestOptions): Promise<IngestionSummary> {
    const source = openMlflowSource(input, { cwd: options.cwd, rest: { ...this.rest, ...options.rest } });
    try {
      return await new IngestRun(this.repo, this.writer, { repo: this.leases, settings: this.lease }, source, options, this.log).execute();
    } finally {
      await source.close();
    }
  }

  /** Marks dead ingestions (of one store, or all) INTERRUPTED: at start-up, and when heartbeats go stale. */
  interruptAbandoned(storeId: string | null = null): Promise<InterruptedIngestion[]> {
    return interruptAbandoned(this.writer, this.leases, storeId, os.hostname(), this.lease);
  }

  /** Marks one ingestion INTERRUPTED whatever its heartbeat: its worker is known to be gone. */
  interrupt(id: string, why: string): Promise<InterruptedIngestion | null> {
    return this.writer.write('ingest.interrupt', (tx) => interruptIn(tx, this.leases, id, why));
  }

  async byId(id: string): Promise<IngestionRecord | null> {
    return this.leases.byId(id);
  }
}

/** The batch's transaction found its record no longer RUNNING: someone took it for dead. */
class LeaseLostError extends Error {
  constructor(id: string) {
    super(`ingestion ${id} was marked INTERRUPTED while it ran; it stopped writing`);
  }
}

interface Lease {
  readonly repo: IngestionLeaseRepository;
  readonly settings: LeaseSettings;
}

class IngestRun {
  private readonly writer = new CatalogWriteRepository();
  private readonly ingestionId = randomUUID();
  private readonly startedAt = new Date().toISOString();
  private readonly host: string;
  private readonly hooks: RunChangeHook[];
  private readonly auditActor: Actor;
  private readonly counts = { runsSeen: 0, added: 0, updated: 0, unchanged: 0, deleted: 0, experiments: 0, loggedModels: 0, modelVersions: 0, reports: 0 };
  private readonly seen: string[] = [];
  /** Logged model id → runs that list it as an output. */
  private readonly outputs = new Map<string, string[]>();
  private storeId = '';
  private storeKey = '';
  private heartbeat: Heartbeat | null = null;
  private leaseLost = false;

  constructor(
    private readonly repo: IngestRepository,
    private readonly audited: AuditedWriter,
    private readonly lease: Lease,
    private readonly source: MlflowSource,
    private readonly options: IngestOptions,
    private readonly log: Pick<Logger, 'warn'> | null,
  ) {
    this.host = options.host ?? os.hostname();
    this.auditActor = options.auditActor ?? { id: options.actor, role: null, name: options.actor };
    this.hooks = [(tx, changes) => this.recordChanges(tx, changes), ...(options.hooks ?? [])];
  }

  /** A refused write rolls back whole; a domain error (outage, timeout) keeps its own message. */
  private write<T>(op: string, work: (tx: AuditTx) => Promise<T>): Promise<T> {
    return this.audited.write(op, work, this.options.txTimeoutMs ?? 300_000).catch((err: unknown) => {
      throw err instanceof DomainError || err instanceof IngestWriteFailed ? err : new IngestWriteFailed(op, this.ingestionId, err);
    });
  }

  private get reason(): string {
    return `MLflow ingestion ${this.ingestionId} of ${this.source.store.uri}`;
  }

  async execute(): Promise<IngestionSummary> {
    // Read before anything is written: a store that cannot be listed is refused with nothing stored.
    const experiments = await this.source.experiments();
    this.counts.experiments = experiments.length;
    await this.claim(experiments);
    this.heartbeat = new Heartbeat(this.audited, this.lease.repo, this.ingestionId, this.lease.settings.heartbeatMs);
    this.heartbeat.start();
    let error: string | null = null;
    try {
      await this.ingestRuns();
      await this.ingestModelsAndReports();
      await this.markMissing();
    } catch (err) {
      if (err instanceof LeaseLostError) this.leaseLost = true;
      error = (err as Error).message;
      if (err instanceof IngestWriteFailed) this.log?.warn({ err: err.cause, ingestionId: this.ingestionId, operation: err.operation }, 'ingest write failed');
    } finally {
      this.heartbeat.stop();
    }
    const summary = this.summary(error);
    if (this.leaseLost) return summary;
    await this.write('ingest.finish', async (tx) => {
      const finished = await this.repo.finishIngestion(tx, this.ingestionId, {
        status: summary.status,
        error: summary.error,
        experiments: summary.experiments,
        runsSeen: summary.runsSeen,
        added: summary.added,
        updated: summary.updated,
        unchanged: summary.unchanged,
        deleted: summary.deleted,
        skippedCount: summary.skipped.length,
        skipped: summary.skipped.slice(0, 1000).map((s) => `${s.kind} ${s.where}: ${s.reason}`),
        notOffered: [...summary.notOffered],
      });
      // Interrupted meanwhile: the INTERRUPTED record and its event stand.
      if (finished) tx.audit(ingestionDraft(this.auditActor, 'INGESTION_FINISHED', this.ingestionId, { status: summary.status, error: summary.error, ...this.counts, skipped: summary.skipped.length }, this.reason));
    });
    return summary;
  }

  /** The store, its experiments and the RUNNING record that holds the store's lease, in one transaction. */
  private async claim(experiments: Parameters<CatalogWriteRepository['writeExperiments']>[3]): Promise<void> {
    const ref = storeIdOf(this.source.store.uri);
    this.storeId = ref.id;
    this.storeKey = ref.storeKey;
    const start = () =>
      this.write('ingest.start', async (tx) => {
        await takeOver(tx, this.lease.repo, ref.id, this.host, this.lease.settings);
        const store = await this.writer.writeStore(tx, this.source.store);
        const written = await this.writer.writeExperiments(tx, ref.id, ref.storeKey, experiments);
        await this.repo.startIngestion(tx, {
          id: this.ingestionId,
          storeId: ref.id,
          storeUri: this.source.store.uri,
          storeKind: this.source.store.kind,
          actor: this.options.actor,
          host: this.host,
          pid: process.pid,
        });
        tx.audit(ingestionDraft(this.auditActor, 'INGESTION_STARTED', this.ingestionId, { store: this.source.store.uri, storeId: ref.id, experiments: experiments.length, host: this.host }, this.reason));
        for (const d of [...catalogDrafts(this.auditActor, 'TrackingStore', store.changes, this.reason), ...catalogDrafts(this.auditActor, 'Experiment', written, this.reason)]) tx.audit(d);
      });
    try {
      await start();
    } catch (err) {
      // Lost a race on the lease constraint: the second attempt sees the winner and names it.
      if (!(err instanceof ConflictError) || err.details.ingestionId) throw err;
      await start();
    }
    const record = await this.lease.repo.byId(this.ingestionId);
    if (record) this.options.onStarted?.(record);
  }

  private summary(error: string | null): IngestionSummary {
    return {
      ingestionId: this.ingestionId,
      storeId: this.storeId,
      storeUri: this.source.store.uri,
      storeKind: this.source.store.kind,
      status: this.leaseLost ? 'INTERRUPTED' : error ? 'FAILED' : 'COMPLETED',
      error,
      actor: this.options.actor,
      host: this.host,
      startedAt: this.startedAt,
      finishedAt: new Date().toISOString(),
      ...this.counts,
      skipped: [...this.source.skipped],
      notOffered: [...(this.source.notOffered ?? [])].sort(),
    };
  }

  private progress(totalRuns: number | null): void {
    const { runsSeen, added, updated, unchanged } = this.counts;
    this.options.onProgress?.({ runsSeen, totalRuns, added, updated, unchanged });
  }

  /**
   * Reads the next batch, and starts loading the metric histories of its changed runs, while the
   * previous one is being written.
   */
  private async ingestRuns(): Promise<void> {
    const total = this.source.runCount ? await this.source.runCount() : null;
    let pending: Promise<void> | null = null;
    for await (const batch of this.source.runBatches(this.options.batchSize ?? DEFAULT_BATCH)) {
      const prepared = batch.runs.map((r) => {
        const parts = runFingerprintParts(r);
        return { run: r, parts, fingerprint: combineFingerprint(parts) };
      });
      const prefetch = batch.loadHistories ? this.prefetchHistories(prepared, batch.loadHistories) : null;
      // Handled here too: when an earlier batch fails, this one's prefetch is never awaited.
      prefetch?.catch(() => undefined);
      if (pending) await pending;
      pending = this.writeBatch(prepared, batch.loadHistories, prefetch).then(() => this.progress(total));
    }
    if (pending) await pending;
  }

  /**
   * The histories of the runs whose stored fingerprint differs, requested ahead of the batch's
   * transaction. Only a guess: the transaction compares again, and loads what the guess missed.
   */
  private async prefetchHistories(batch: readonly PreparedRun[], load: NonNullable<RunBatch['loadHistories']>): Promise<Prefetched> {
    const ids = batch.map((b) => formatId(NodeType.RUN, this.storeKey, b.run.runId));
    const stored = new Map((await this.repo.storedFingerprints(ids)).map((f) => [f.id, f.fingerprint]));
    const changed = batch.filter((b, i) => stored.get(ids[i]) !== b.fingerprint).map((b) => b.run.runId);
    return { runIds: new Set(changed), histories: await load(changed) };
  }

  private async writeBatch(batch: PreparedRun[], loadHistories: RunBatch['loadHistories'], prefetch: Promise<Prefetched> | null): Promise<void> {
    const sk = this.storeKey;
    const ids = batch.map((b) => formatId(NodeType.RUN, sk, b.run.runId));
    const result = await this.write('ingest.runs', async (tx) => {
      const stored = new Map((await this.repo.fingerprints(tx, ids)).map((f) => [f.id, f]));
      let toWrite: typeof batch = [];
      // One entry per run in toWrite, at the same index.
      const pending: { before: StoredFingerprint | undefined; change: RunChange['change'] }[] = [];
      batch.forEach((b, i) => {
        const before = stored.get(ids[i]);
        if (before?.fingerprint === b.fingerprint) return;
        const deletedNow = b.run.lifecycleStage === 'deleted' && before?.fingerprint && before.lifecycleStage !== 'deleted';
        pending.push({ before, change: !before?.fingerprint && !before?.lifecycleStage ? 'created' : deletedNow ? 'deleted' : 'updated' });
        toWrite.push(b);
      });
      if (toWrite.length > 0 && loadHistories) {
        // Only the changed runs have their metric points read.
        const ahead = prefetch ? await prefetch : null;
        const missed = toWrite.map((b) => b.run.runId).filter((id) => !ahead?.runIds.has(id));
        const late = missed.length > 0 ? await loadHistories(missed) : new Map<string, MetricSeriesRecord[]>();
        const historyOf = (id: string) => ahead?.histories.get(id) ?? late.get(id) ?? [];
        toWrite = toWrite.map((b) => ({ ...b, run: { ...b.run, metricHistory: historyOf(b.run.runId) } }));
      }
      // What the rewrite replaces, read before it: the old side of each update's field changes.
      const writtenIds = toWrite.map((b) => formatId(NodeType.RUN, sk, b.run.runId));
      const previous = await this.repo.runFieldSources(tx, writtenIds.filter((_, i) => pending[i].change !== 'created'));
      const changes: RunChange[] = pending.map(({ before, change }, at) => {
        const b = toWrite[at];
        const fields = changedParts(before?.parts ?? null, b.parts);
        const old = previous.get(writtenIds[at]);
        const after = { fingerprint: b.fingerprint, status: b.run.status ?? null, lifecycleStage: b.run.lifecycleStage ?? null };
        return {
          ingestionId: this.ingestionId,
          runNodeId: writtenIds[at],
          runId: b.run.runId,
          storeKey: sk,
          change,
          fields,
          actor: this.options.actor,
          before: before ? { fingerprint: before.fingerprint, lifecycleStage: before.lifecycleStage } : null,
          after,
          diff: old ? runFieldDiff(old, runFieldSourceOf(b.run), fields as RunFieldGroup[], { before: before?.fingerprint ?? null, after: b.fingerprint }) : null,
          created: change === 'created' ? runCreatedFields(runFieldSourceOf(b.run), fields as RunFieldGroup[]) : null,
        };
      });
      if (toWrite.length > 0) {
        const datasets = datasetRows(toWrite.map((b) => b.run));
        if (datasets.length > 0) for (const d of catalogDrafts(this.auditActor, 'Dataset', await this.writer.writeDatasets(tx, datasets), this.reason)) tx.audit(d);
        const runRows = toWrite.map((b) => ingestedRunRow(sk, b.run, b.fingerprint, b.parts));
        const versions = [...new Map(runRows.flatMap((r) => r.inputs.flatMap((i) => (i.version ? [[String(i.version.id), i.version] as const] : [])))).values()];
        const known = await this.writer.existingDatasetVersions(tx, versions.map((v) => String(v.id)));
        await this.repo.writeRuns(tx, runRows);
        for (const v of versions) if (!known.has(String(v.id))) tx.audit(datasetVersionDraft(this.auditActor, v, this.source.store.uri, this.reason));
        await this.repo.writeSeries(
          tx,
          toWrite.flatMap((b, i) => seriesRows(writtenIds[i], b.run)),
          toWrite.map((b, i) => ({ id: writtenIds[i], keys: b.run.metricHistory.map((s) => s.key) })),
        );
        await this.repo.linkFamily(tx, writtenIds);
        for (const hook of this.hooks) await hook(tx, changes);
      }
      // The counts as of this batch commit with it, so the record shows the last committed batch.
      const next = countBatch(this.counts, batch.length, changes);
      const { runsSeen, added, updated, unchanged, deleted } = next;
      if (!(await this.lease.repo.recordBatch(tx, this.ingestionId, { runsSeen, added, updated, unchanged, deleted }))) throw new LeaseLostError(this.ingestionId);
      return next;
    });
    for (const b of batch) {
      this.seen.push(b.run.runId);
      for (const m of b.run.outputModelIds) this.outputs.set(m, [...(this.outputs.get(m) ?? []), b.run.runId]);
    }
    Object.assign(this.counts, result);
  }

  private async recordChanges(tx: AuditTx, changes: readonly RunChange[]): Promise<void> {
    for (const d of runChangeDrafts(this.auditActor, changes, this.reason)) tx.audit(d);
    await this.repo.recordChanges(tx, this.ingestionId, changes.map((c) => ({ runNodeId: c.runNodeId, change: c.change, fields: c.fields })));
  }

  private async ingestModelsAndReports(): Promise<void> {
    const logged = await this.source.loggedModels();
    const registry = await this.source.registry();
    const reports = await this.source.reports(this.storeKey);
    const sk = this.storeKey;
    const sourceRunOf = new Map(logged.map((m) => [m.modelId, m.sourceRunId]));
    const models = logged.map((m) => loggedModelRow(sk, m, this.outputs.get(m.modelId) ?? []));
    await this.write('ingest.models', async (tx) => {
      const changed = loggedModelChanges(models, await this.repo.loggedModelFingerprints(tx, models.map((m) => String(m.row.props.id))));
      await this.repo.writeLoggedModels(tx, changed.map((c) => c.row));
      const written = new Set(changed.map((c) => c.row));
      const unchanged = models.filter((m) => !written.has(m.row));
      await this.repo.linkLoggedModelRuns(tx, unchanged.map((m) => ({ id: String(m.row.props.id), runNodeIds: m.row.runNodeIds })));
      for (const d of loggedModelChangeDrafts(this.auditActor, changed, this.reason)) tx.audit(d);
      if (mayMarkMissingModels(this.source.notOffered ?? [], this.source.skipped)) {
        const gone = await this.repo.markMissingLoggedModels(tx, sk, logged.map((m) => m.modelId));
        for (const d of missingLoggedModelDrafts(this.auditActor, gone, this.reason)) tx.audit(d);
      }
      for (const d of catalogDrafts(this.auditActor, 'RegisteredModel', await this.writer.writeRegisteredModels(tx, sk, registry.models), this.reason)) tx.audit(d);
      // A version registered from `models:/m-…` names its run through the logged model.
      const versions = registry.versions.map((v) => ({ ...v, runId: v.runId ?? (v.modelId ? (sourceRunOf.get(v.modelId) ?? null) : null) }));
      const versionIds = versions.map((v) => formatId(NodeType.MODEL_VERSION, sk, v.name, String(v.version)));
      // Read before the rewrite: each version's audit event says what it replaced.
      const stored = await this.repo.modelVersionFieldSources(tx, versionIds);
      await this.writer.writeModelVersions(tx, sk, versions);
      versions.forEach((v, i) => {
        const draft = modelVersionDraft(this.auditActor, versionIds[i], stored.get(versionIds[i]) ?? null, v, this.reason);
        if (draft) tx.audit(draft);
      });
      await this.repo.linkRegisteredAs(
        tx,
        versions.flatMap((v, i) => (v.modelId ? [{ modelNodeId: formatId(NodeType.LOGGED_MODEL, sk, v.modelId), versionNodeId: versionIds[i] }] : [])),
      );
      // Read on both sides of the import: a report registered since is not overwritten, so shows no change.
      const reportIds = reports.map((r) => formatId(NodeType.REPORT, r.reportId));
      const reportsBefore = await this.writer.reportStates(tx, reportIds);
      for (const r of reports) await this.writer.writeReport(tx, r);
      const reportsAfter = await this.writer.reportStates(tx, reportIds);
      const imported = reportIds.flatMap((id) => {
        const after = reportsAfter.get(id);
        const before = reportsBefore.get(id) ?? null;
        return after && JSON.stringify(after) !== JSON.stringify(before) ? [{ id, before, after }] : [];
      });
      for (const d of catalogDrafts(this.auditActor, 'Report', imported, this.reason)) tx.audit(d);
      tx.audit(ingestionDraft(this.auditActor, 'MODELS_SYNCED', this.ingestionId, { loggedModels: logged.length, registeredModels: registry.models.length, modelVersions: versions.length, reports: reports.length }, this.reason));
    });
    this.counts.loggedModels = logged.length;
    this.counts.modelVersions = registry.versions.length;
    this.counts.reports = reports.length;
  }

  /** Runs absent from the store are marked deleted, except runs the reader had to skip. */
  private async markMissing(): Promise<void> {
    const skippedRuns = this.source.skipped.filter((s) => s.kind === 'run' && s.runId).map((s) => s.runId as string);
    const keep = [...this.seen, ...skippedRuns];
    await this.write('ingest.markDeleted', async (tx) => {
      const gone = await this.repo.markMissing(tx, this.storeKey, keep);
      const changes: RunChange[] = gone.map((g) => ({
        ingestionId: this.ingestionId,
        runNodeId: g.id,
        runId: g.runId,
        storeKey: this.storeKey,
        change: 'deleted',
        fields: ['info'],
        actor: this.options.actor,
        before: { fingerprint: g.fingerprint, lifecycleStage: g.lifecycleStage },
        after: { fingerprint: null, status: null, lifecycleStage: 'deleted' },
        diff: { oldValue: { fingerprint: g.fingerprint, lifecycleStage: g.lifecycleStage }, newValue: { fingerprint: null, lifecycleStage: 'deleted' } },
        created: null,
      }));
      if (changes.length > 0) for (const hook of this.hooks) await hook(tx, changes);
      this.counts.deleted += changes.length;
    });
  }
}

type Counts = IngestRun['counts'];

/** The counts after one batch; pure, because the driver may run a batch's transaction again. */
function countBatch(before: Counts, runs: number, changes: readonly RunChange[]): Counts {
  const next = { ...before, runsSeen: before.runsSeen + runs, unchanged: before.unchanged + runs - changes.length };
  for (const c of changes) {
    if (c.change === 'created') next.added++;
    else if (c.change === 'deleted') next.deleted++;
    else next.updated++;
  }
  return next;
}
