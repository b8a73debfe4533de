import type { GraphExecutor } from '../executor';
import { DatasetRepository } from './datasetRepository';
import { ExperimentRepository } from './experimentRepository';
import { ModelRepository } from './modelRepository';
import { ReportRepository } from './reportRepository';
import { RunRepository } from './runRepository';
import { SignalRepository } from './signalRepository';
import { TrackingStoreRepository } from './trackingStoreRepository';

export interface Repositories {
  readonly stores: TrackingStoreRepository;
  readonly experiments: ExperimentRepository;
  readonly runs: RunRepository;
  readonly datasets: DatasetRepository;
  readonly models: ModelRepository;
  readonly reports: ReportRepository;
  readonly signals: SignalRepository;
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
  };
}
