import type { GraphExecutor } from '../executor';
import { DatasetRepository } from './datasetRepository';
import { ExperimentRepository } from './experimentRepository';
import { IdentityRepository } from './identityRepository';
import { IngestRepository } from './ingestRepository';
import { MetricHistoryRepository } from './metricHistoryRepository';
import { ModelRepository } from './modelRepository';
import { ReportRepository } from './reportRepository';
import { RunRepository } from './runRepository';
import { SignalRepository } from './signalRepository';
import { LineageRepository } from './lineageRepository';
import { OpenLineageRepository } from './openLineageRepository';
import { SearchRepository } from './searchRepository';
import { TrackingStoreRepository } from './trackingStoreRepository';

export interface Repositories {
  readonly stores: TrackingStoreRepository;
  readonly experiments: ExperimentRepository;
  readonly runs: RunRepository;
  readonly datasets: DatasetRepository;
  readonly models: ModelRepository;
  readonly reports: ReportRepository;
  readonly signals: SignalRepository;
  readonly lineage: LineageRepository;
  readonly search: SearchRepository;
  readonly identity: IdentityRepository;
  readonly ingest: IngestRepository;
  readonly metricHistory: MetricHistoryRepository;
  readonly openlineage: OpenLineageRepository;
}

export function createRepositories(graph: GraphExecutor): Repositories {
  return {
    stores: new TrackingStoreRepository(graph),
    experiments: new ExperimentRepository(graph),
    runs: new RunRepository(graph),
    datasets: new DatasetRepository(graph),
    models: new ModelRepository(graph),
    reports: new ReportRepository(graph),
    signals: new SignalRepository(graph),
    lineage: new LineageRepository(graph),
    search: new SearchRepository(graph),
    identity: new IdentityRepository(graph),
    ingest: new IngestRepository(graph),
    metricHistory: new MetricHistoryRepository(graph),
    openlineage: new OpenLineageRepository(graph),
  };
}
