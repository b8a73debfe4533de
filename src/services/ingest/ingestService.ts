import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { Logger } from 'pino';
import { DomainError } from '../../domain/errors';
import { formatId } from '../../domain/ids';
import { NodeType } from '../../domain/nodeType';
import type { IngestRunRecord } from '../../domain/records';
import type { Actor } from '../../domain/audit/actor';
import type { AuditedWriter, AuditTx } from '../../graph/auditedWriter';
import { CatalogWriteRepository } from '../../graph/repositories/catalogWriteRepository';
import type { IngestRepository } from '../../graph/repositories/ingestRepository';
import { openMlflowSource } from '../../sources/mlflow/openSource';
import type { RestOptions } from '../../sources/mlflow/restClient';
import type { MlflowSource, RunBatch, SkippedItem } from '../../sources/mlflow/source';
import type { RunChange, RunChangeHook } from './changeHooks';
import { ingestionDraft, runChangeDrafts } from './auditDrafts';
import { changedParts, combineFingerprint, runFingerprintParts } from './fingerprint';
import { datasetRows, ingestedRunRow, loggedModelRow, seriesRows } from './runRows';
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
}

export interface IngestionSummary {
  readonly ingestionId: string;
  readonly storeId: string;
  readonly storeUri: string;
  readonly storeKind: string;
  readonly status: 'COMPLETED' | 'FAILED';
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
}

const DEFAULT_BATCH = 500;

/**
 * Ingests one MLflow store (file store, SQLite or tracking server) into the graph, through one
 * code path whatever the source:
 * 1. the store, its experiments and a RUNNING Ingestion record (one transaction);
 * 2. runs in batches, each batch one transaction: unchanged runs (same fingerprint) are skipped,
 *    changed ones are rewritten whole with their metric series, and the hooks run inside it;
 * 3. logged models, the registry and side-file reports (one transaction);
 * 4. runs the store no longer has are marked deleted; the Ingestion record gets its counts.
 * A crash between batches leaves whole batches only; running again completes the graph.
 */
export class IngestService {
  /** `writer` is the process's shared audited writer, so ingest batches queue with every other write. */
  constructor(
    private readonly repo: IngestRepository,
    private readonly writer: AuditedWriter,
    /** Where the driver's reason for a failed write goes; the Ingestion record gets a message of ours. */
    private readonly log: Pick<Logger, 'warn'> | null = null,
  ) {}

  async ingestMlflow(input: string, options: IngestOptions): Promise<IngestionSummary> {
    const source = openMlflowSource(input, { cwd: options.cwd, rest: options.rest });
    try {
      return await new IngestRun(this.repo, this.writer, source, options, this.log).execute();
    } finally {
      await source.close();
    }
  }
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

  constructor(
    private readonly repo: IngestRepository,
    private readonly audited: AuditedWriter,
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
    const experiments = await this.source.experiments();
    this.counts.experiments = experiments.length;
    await this.write('ingest.start', async (tx) => {
      const ref = await this.writer.writeStore(tx, this.source.store);
      this.storeId = ref.id;
      this.storeKey = ref.storeKey;
      await this.writer.writeExperiments(tx, ref.id, ref.storeKey, experiments);
      await this.repo.startIngestion(tx, {
        id: this.ingestionId,
        storeId: ref.id,
        storeUri: this.source.store.uri,
        storeKind: this.source.store.kind,
        actor: this.options.actor,
        host: this.host,
      });
      tx.audit(ingestionDraft(this.auditActor, 'INGESTION_STARTED', this.ingestionId, { store: this.source.store.uri, storeId: ref.id, experiments: experiments.length, host: this.host }, this.reason));
    });
    let error: string | null = null;
    try {
      await this.ingestRuns();
      await this.ingestModelsAndReports();
      await this.markMissing();
    } catch (err) {
      error = (err as Error).message;
      if (err instanceof IngestWriteFailed) this.log?.warn({ err: err.cause, ingestionId: this.ingestionId, operation: err.operation }, 'ingest write failed');
    }
    const summary = this.summary(error);
    await this.write('ingest.finish', (tx) => {
      tx.audit(ingestionDraft(this.auditActor, 'INGESTION_FINISHED', this.ingestionId, { status: summary.status, error: summary.error, ...this.counts, skipped: summary.skipped.length }, this.reason));
      return this.repo.finishIngestion(tx, this.ingestionId, {
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
      });
    });
    return summary;
  }

  private summary(error: string | null): IngestionSummary {
    return {
      ingestionId: this.ingestionId,
      storeId: this.storeId,
      storeUri: this.source.store.uri,
      storeKind: this.source.store.kind,
      status: error ? 'FAILED' : 'COMPLETED',
      error,
      actor: this.options.actor,
      host: this.host,
      startedAt: this.startedAt,
      finishedAt: new Date().toISOString(),
      ...this.counts,
      skipped: [...this.source.skipped],
    };
  }

  private progress(totalRuns: number | null): void {
    const { runsSeen, added, updated, unchanged } = this.counts;
    this.options.onProgress?.({ runsSeen, totalRuns, added, updated, unchanged });
  }

  /** Reads the next batch while the previous one is being written. */
  private async ingestRuns(): Promise<void> {
    const total = this.source.runCount ? await this.source.runCount() : null;
    let pending: Promise<void> | null = null;
    for await (const batch of this.source.runBatches(this.options.batchSize ?? DEFAULT_BATCH)) {
      const prepared = batch.runs.map((r) => {
        const parts = runFingerprintParts(r);
        return { run: r, parts, fingerprint: combineFingerprint(parts) };
      });
      if (pending) await pending;
      pending = this.writeBatch(prepared, batch.loadHistories).then(() => this.progress(total));
    }
    if (pending) await pending;
  }

  private async writeBatch(
    batch: { run: IngestRunRecord; parts: string[]; fingerprint: string }[],
    loadHistories: RunBatch['loadHistories'],
  ): Promise<void> {
    const sk = this.storeKey;
    const ids = batch.map((b) => formatId(NodeType.RUN, sk, b.run.runId));
    const result = await this.write('ingest.runs', async (tx) => {
      const stored = new Map((await this.repo.fingerprints(tx, ids)).map((f) => [f.id, f]));
      const changes: RunChange[] = [];
      let toWrite: typeof batch = [];
      batch.forEach((b, i) => {
        const before = stored.get(ids[i]);
        if (before?.fingerprint === b.fingerprint) return;
        toWrite.push(b);
        const deletedNow = b.run.lifecycleStage === 'deleted' && before?.fingerprint && before.lifecycleStage !== 'deleted';
        changes.push({
          ingestionId: this.ingestionId,
          runNodeId: ids[i],
          runId: b.run.runId,
          storeKey: sk,
          change: !before?.fingerprint && !before?.lifecycleStage ? 'created' : deletedNow ? 'deleted' : 'updated',
          fields: changedParts(before?.parts ?? null, b.parts),
          actor: this.options.actor,
          before: before ? { fingerprint: before.fingerprint, lifecycleStage: before.lifecycleStage } : null,
          after: { fingerprint: b.fingerprint, status: b.run.status ?? null, lifecycleStage: b.run.lifecycleStage ?? null },
        });
      });
      if (toWrite.length > 0 && loadHistories) {
        // Only now, for the changed runs, are their metric points read.
        const histories = loadHistories(toWrite.map((b) => b.run.runId));
        toWrite = toWrite.map((b) => ({ ...b, run: { ...b.run, metricHistory: histories.get(b.run.runId) ?? [] } }));
      }
      if (toWrite.length > 0) {
        const datasets = datasetRows(toWrite.map((b) => b.run));
        if (datasets.length > 0) await this.writer.writeDatasets(tx, datasets);
        await this.repo.writeRuns(tx, toWrite.map((b) => ingestedRunRow(sk, b.run, b.fingerprint, b.parts)));
        const writtenIds = toWrite.map((b) => formatId(NodeType.RUN, sk, b.run.runId));
        await this.repo.writeSeries(
          tx,
          toWrite.flatMap((b, i) => seriesRows(writtenIds[i], b.run)),
          toWrite.map((b, i) => ({ id: writtenIds[i], keys: b.run.metricHistory.map((s) => s.key) })),
        );
        await this.repo.linkFamily(tx, writtenIds);
        for (const hook of this.hooks) await hook(tx, changes);
      }
      return changes;
    });
    for (const b of batch) {
      this.seen.push(b.run.runId);
      for (const m of b.run.outputModelIds) this.outputs.set(m, [...(this.outputs.get(m) ?? []), b.run.runId]);
    }
    this.counts.runsSeen += batch.length;
    this.counts.unchanged += batch.length - result.length;
    for (const c of result) {
      if (c.change === 'created') this.counts.added++;
      else if (c.change === 'deleted') this.counts.deleted++;
      else this.counts.updated++;
    }
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
    await this.write('ingest.models', async (tx) => {
      await this.repo.writeLoggedModels(tx, logged.map((m) => loggedModelRow(sk, m, this.outputs.get(m.modelId) ?? [])));
      await this.writer.writeRegisteredModels(tx, sk, registry.models);
      // A version registered from `models:/m-…` names its run through the logged model.
      const versions = registry.versions.map((v) => ({ ...v, runId: v.runId ?? (v.modelId ? (sourceRunOf.get(v.modelId) ?? null) : null) }));
      await this.writer.writeModelVersions(tx, sk, versions);
      await this.repo.linkRegisteredAs(
        tx,
        versions
          .filter((v) => v.modelId)
          .map((v) => ({
            modelNodeId: formatId(NodeType.LOGGED_MODEL, sk, v.modelId as string),
            versionNodeId: formatId(NodeType.MODEL_VERSION, sk, v.name, String(v.version)),
          })),
      );
      for (const r of reports) await this.writer.writeReport(tx, r);
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
        before: { fingerprint: null, lifecycleStage: 'active' },
        after: { fingerprint: null, status: null, lifecycleStage: 'deleted' },
      }));
      if (changes.length > 0) for (const hook of this.hooks) await hook(tx, changes);
      this.counts.deleted += changes.length;
    });
  }
}
