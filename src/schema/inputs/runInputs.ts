import { GraphQLDateTime } from 'graphql-scalars';
import { Field, Float, ID, InputType } from 'type-graphql';
import { RunStatus } from '../../domain/run';
import { SortDirection } from '../../domain/sort';
import { DEFAULT_RUN_ORDER, RunOrderField } from '../../services/runService';

@InputType({ description: 'Matches runs whose param has exactly this value (MLflow params are strings).' })
export class ParamEquals {
  @Field({ description: 'Param name, e.g. `max_depth`.' })
  key!: string;

  @Field({ description: 'Value to match, e.g. `6`.' })
  value!: string;
}

@InputType({ description: 'Matches runs whose latest value of a metric lies within bounds (inclusive). Runs without the metric, or with NaN, never match.' })
export class MetricRange {
  @Field({ description: 'Metric name, e.g. `AUC_test`.' })
  key!: string;

  @Field(() => Float, { nullable: true, description: 'Lower bound, inclusive.' })
  min?: number | null;

  @Field(() => Float, { nullable: true, description: 'Upper bound, inclusive.' })
  max?: number | null;
}

@InputType({ description: 'Run filter. All given conditions must hold.' })
export class RunFilter {
  @Field(() => ID, { nullable: true, description: 'Only runs of this experiment (typed experiment id).' })
  experimentId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only runs of this tracking store (typed store id).' })
  storeId?: string | null;

  @Field(() => [RunStatus], { nullable: true, description: 'Only runs with one of these statuses. Must not be empty.' })
  statuses?: RunStatus[] | null;

  @Field(() => String, { nullable: true, description: 'Only runs by this user.' })
  userId?: string | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'Only runs started at or after this instant.' })
  startedAfter?: Date | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'Only runs started before this instant.' })
  startedBefore?: Date | null;

  @Field(() => ParamEquals, { nullable: true, description: 'Only runs with this param value.' })
  param?: ParamEquals | null;

  @Field(() => MetricRange, { nullable: true, description: 'Only runs whose latest metric value lies within bounds.' })
  metric?: MetricRange | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'Include runs deleted in MLflow.' })
  includeDeleted?: boolean | null;
}

@InputType({ description: 'Run sort order. Ties are broken by id, so pages are stable.' })
export class RunOrder {
  @Field(() => RunOrderField, { description: 'What to sort by.' })
  field!: RunOrderField;

  @Field(() => String, { nullable: true, description: 'Metric name when `field` is METRIC, e.g. `AUC_test`.' })
  metricKey?: string | null;

  @Field(() => SortDirection, { nullable: true, defaultValue: SortDirection.DESC, description: 'Direction; DESC puts the newest or best first.' })
  direction?: SortDirection | null;
}

/** The `orderBy` argument of every run list, so they all sort alike when it is left out. */
export const RUN_ORDER_ARG = { nullable: true, defaultValue: DEFAULT_RUN_ORDER, description: 'Sort order.' } as const;
