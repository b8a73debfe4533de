import type { AuditedWriter } from '../auditedWriter';
import type { GraphExecutor } from '../executor';
import { AuditRepository } from './auditRepository';
import { DatasetIdentityRepository } from './datasetIdentityRepository';
import { DatasetSchemaSourceRepository } from './datasetSchemaSourceRepository';
import { DataMigrationRepository } from './dataMigrationRepository';
import { DatasetVersionRepository } from './datasetVersionRepository';
import { DatasetRepository } from './datasetRepository';
import { DatasetFieldRepository } from './datasetFieldRepository';
import { ExperimentRepository } from './experimentRepository';
import { IdentityRepository } from './identityRepository';
import { IngestRepository } from './ingestRepository';
import { IngestionLeaseRepository } from './ingestionLeaseRepository';
import { MetricHistoryRepository } from './metricHistoryRepository';
import { ModelRepository } from './modelRepository';
import { ReportRepository } from './reportRepository';
import { ReportWriteRepository } from './reportWriteRepository';
import { RunRepository } from './runRepository';
import { SignalRepository } from './signalRepository';
import { SignalWriteRepository } from './signalWriteRepository';
import { SignatureRepository } from './signatureRepository';
import { LineageRepository } from './lineageRepository';
import { MarquezLineageRepository } from './marquezLineageRepository';
import { OpenLineageRepository } from './openLineageRepository';
import { SearchRepository } from './searchRepository';
import { TrackingStoreRepository } from './trackingStoreRepository';

export interface Repositories {
  readonly stores: TrackingStoreRepository;
  readonly experiments: ExperimentRepository;
  readonly runs: RunRepository;
  readonly datasets: DatasetRepository;
  /** Dataset fields and column lineage. */
  readonly datasetFields: DatasetFieldRepository;
  /** The dataset-identity migration's statements (canonical names, merging duplicates). */
  readonly datasetIdentity: DatasetIdentityRepository;
  readonly datasetSchemaSources: DatasetSchemaSourceRepository;
  readonly datasetVersions: DatasetVersionRepository;
  /** Which data migrations have completed (services/migrations/runOnce.ts). */
  readonly dataMigrations: DataMigrationRepository;
  readonly models: ModelRepository;
  readonly reports: ReportRepository;
  readonly signals: SignalRepository;
  /** Report versions (registration, revision, withdrawal) and their reads. */
  readonly reportWrites: ReportWriteRepository;
  /** Electronic signatures on report versions. */
  readonly signatures: SignatureRepository;
  /** Recorded signals and their lifecycle transitions. */
  readonly signalWrites: SignalWriteRepository;
  readonly lineage: LineageRepository;
  readonly search: SearchRepository;
  readonly identity: IdentityRepository;
  readonly ingest: IngestRepository;
  /** Running ingestions: their store lease, heartbeat and interruption. */
  readonly ingestLeases: IngestionLeaseRepository;
  readonly metricHistory: MetricHistoryRepository;
  readonly openlineage: OpenLineageRepository;
  /** Marquez's dataset and job lineage graph (`GET /api/v1/lineage`). */
  readonly marquezLineage: MarquezLineageRepository;
  /** Reads of the audit log, checkpoints and trail. */
  readonly audit: AuditRepository;
  /** The one write path: every change and its audit events in one transaction. */
  readonly writer: AuditedWriter;
}

/** The writer is the process's one AuditedWriter (see composition/root.ts), shared by every writing repository. */
export function createRepositories(graph: GraphExecutor, writer: AuditedWriter): Repositories {
  return {
    stores: new TrackingStoreRepository(graph),
    experiments: new ExperimentRepository(graph),
    runs: new RunRepository(graph),
    datasets: new DatasetRepository(graph),
    datasetFields: new DatasetFieldRepository(graph),
    datasetIdentity: new DatasetIdentityRepository(),
    datasetSchemaSources: new DatasetSchemaSourceRepository(),
    datasetVersions: new DatasetVersionRepository(graph),
    dataMigrations: new DataMigrationRepository(),
    models: new ModelRepository(graph),
    reports: new ReportRepository(graph),
    signals: new SignalRepository(graph),
    reportWrites: new ReportWriteRepository(graph),
    signatures: new SignatureRepository(graph),
    signalWrites: new SignalWriteRepository(graph),
    lineage: new LineageRepository(graph),
    search: new SearchRepository(graph),
    identity: new IdentityRepository(graph, writer),
    ingest: new IngestRepository(graph),
    ingestLeases: new IngestionLeaseRepository(graph),
    metricHistory: new MetricHistoryRepository(graph),
    openlineage: new OpenLineageRepository(graph, writer),
    marquezLineage: new MarquezLineageRepository(graph),
    audit: new AuditRepository(graph),
    writer,
  };
}
