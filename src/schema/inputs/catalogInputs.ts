import { Field, ID, InputType } from 'type-graphql';
import { ModelStage } from '../../domain/model';
import { ReportKind, ReportStatus } from '../../domain/report';
import { SignalStatus } from '../../domain/signal';

@InputType({ description: 'Experiment filter.' })
export class ExperimentFilter {
  @Field(() => String, { nullable: true, description: 'Exact experiment name.' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'Case-insensitive substring of the name.' })
  nameContains?: string | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'Include experiments deleted in MLflow.' })
  includeDeleted?: boolean | null;
}

@InputType({ description: 'Dataset filter.' })
export class DatasetFilter {
  @Field(() => String, { nullable: true, description: 'Case-insensitive substring of the name.' })
  nameContains?: string | null;

  @Field(() => String, { nullable: true, description: 'Exact digest.' })
  digest?: string | null;

  @Field(() => String, { nullable: true, description: 'Data period, e.g. `2024Q1`.' })
  period?: string | null;
}

@InputType({ description: 'Model version filter.' })
export class ModelVersionFilter {
  @Field(() => ID, { nullable: true, description: 'Only versions of this registered model (typed id).' })
  modelId?: string | null;

  @Field(() => String, { nullable: true, description: 'Only versions of models with this name, in any store.' })
  modelName?: string | null;

  @Field(() => [ModelStage], { nullable: true, description: 'Only versions in one of these stages. Must not be empty.' })
  stages?: ModelStage[] | null;
}

@InputType({ description: 'Report filter.' })
export class ReportFilter {
  @Field(() => [ReportKind], { nullable: true, description: 'Only reports of these kinds. Must not be empty.' })
  kinds?: ReportKind[] | null;

  @Field(() => [ReportStatus], { nullable: true, description: 'Only reports with these statuses. Must not be empty.' })
  statuses?: ReportStatus[] | null;

  @Field(() => String, { nullable: true, description: 'Reporting period, e.g. `2024Q1`.' })
  period?: string | null;

  @Field(() => String, { nullable: true, description: 'Case-insensitive substring of the title.' })
  titleContains?: string | null;
}

@InputType({ description: 'Signal filter.' })
export class SignalFilter {
  @Field(() => [SignalStatus], { nullable: true, description: 'Only signals in these stages. Must not be empty.' })
  statuses?: SignalStatus[] | null;

  @Field(() => String, { nullable: true, description: 'Drug name, case-insensitive.' })
  drug?: string | null;

  @Field(() => String, { nullable: true, description: 'MedDRA preferred term, case-insensitive.' })
  eventTerm?: string | null;
}
