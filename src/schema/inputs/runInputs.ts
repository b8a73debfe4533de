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

  @Field(() => String, { nullable: true, description: 'Only runs with exactly this name (case-sensitive; `run_name`, or the `mlflow.runName` tag in older stores).' })
  name?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "An MLflow `search_runs` filter string, e.g. `metrics.AUC_test > 0.85 and params.max_depth = '5'`: `metrics.`, `params.`, `tags.` and `attributes.` keys (and MLflow's aliases, backtick or double-quoted keys), `=`, `!=`, `<`, `<=`, `>`, `>=`, `LIKE`, `ILIKE`, `IN`/`NOT IN` (run_id), `IS NULL`/`IS NOT NULL` (params, tags), joined by `and`. Metrics compare their latest value; a run without the key never matches. ANDed with the other conditions. A malformed string is BAD_USER_INPUT with the column and token.",
  })
  search?: string | null;

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
  @Field(() => RunOrderField, { nullable: true, description: 'What to sort by. Give this or `search`.' })
  field?: RunOrderField | null;

  @Field(() => String, { nullable: true, description: 'Metric name when `field` is METRIC, e.g. `AUC_test`.' })
  metricKey?: string | null;

  @Field(() => SortDirection, { nullable: true, defaultValue: SortDirection.DESC, description: 'Direction of `field`; DESC puts the newest or best first.' })
  direction?: SortDirection | null;

  @Field(() => [String], {
    nullable: true,
    description:
      "MLflow `order_by` terms instead of `field`, e.g. `[\"metrics.AUC_test DESC\", \"params.eta\"]`, each ascending unless DESC, as MLflow orders them: values first, then NaN, then runs without the key, in either direction; ties by start time (newest first) then MLflow run id.",
  })
  search?: string[] | null;
}

/** The `orderBy` argument of every run list, so they all sort alike when it is left out. */
export const RUN_ORDER_ARG = { nullable: true, defaultValue: DEFAULT_RUN_ORDER, description: 'Sort order.' } as const;

/**
 * The `includeDeleted` argument of every run list outside `RunFilter`, so each one leaves runs
 * deleted in MLflow out alike unless asked.
 */
export const INCLUDE_DELETED_ARG = {
  nullable: true,
  defaultValue: false,
  description: 'Include runs deleted in MLflow (lifecycle stage `deleted`); they are left out otherwise.',
} as const;

/** The `includeDeleted` argument of `Run.loggedModels`: the run lists' convention, for logged models. */
export const INCLUDE_DELETED_MODELS_ARG = {
  ...INCLUDE_DELETED_ARG,
  description: 'Include logged models deleted in MLflow (lifecycle stage `deleted`); they are left out otherwise.',
} as const;
