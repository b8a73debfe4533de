import { Connection } from './connectionFactory';
import { DatasetType } from './dataset';
import { ExperimentType } from './experiment';
import { ModelVersionType, RegisteredModelType } from './model';
import { ReportType } from './report';
import { RunType } from './run';
import { SignalType } from './signal';

export const ExperimentConnection = Connection(ExperimentType, 'Experiment', 'experiment');
export const RunConnection = Connection(RunType, 'Run', 'run');
export const DatasetConnection = Connection(DatasetType, 'Dataset', 'dataset');
export const RegisteredModelConnection = Connection(RegisteredModelType, 'RegisteredModel', 'registered model');
export const ModelVersionConnection = Connection(ModelVersionType, 'ModelVersion', 'model version');
export const ReportConnection = Connection(ReportType, 'Report', 'report');
export const SignalConnection = Connection(SignalType, 'Signal', 'signal');
