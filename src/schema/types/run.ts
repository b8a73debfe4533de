import { GraphQLDateTime } from 'graphql-scalars';
import { GraphQLJSONObject } from '../scalars/json';
import { Field, ID, ObjectType } from 'type-graphql';
import { RunStatus } from '../../domain/run';
import { MetricType } from './metric';
import { NodeInterface } from './node';

@ObjectType('Run', { implements: NodeInterface, description: 'One MLflow run: a training or scoring execution with its params, metrics and tags.' })
export class RunType extends NodeInterface {
  @Field(() => ID, { description: 'Typed id `run:<storeKey>:<runId>`. The same MLflow run seen in two stores is two runs.' })
  declare id: string;

  @Field({ description: "MLflow's run id (32 hex digits)." })
  runId!: string;

  @Field(() => String, { nullable: true, description: 'Run name (`run_name`, or the `mlflow.runName` tag in older stores).' })
  name!: string | null;

  @Field(() => RunStatus, { description: 'Run status.' })
  status!: RunStatus;

  @Field({ description: 'MLflow lifecycle stage: `active`, or `deleted` for a run deleted in MLflow (kept here, never erased).' })
  lifecycleStage!: string;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When the run started.' })
  startTime!: string | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When the run ended; null while running.' })
  endTime!: string | null;

  @Field(() => String, { nullable: true, description: 'User who ran it (`user_id` or the `mlflow.user` tag).' })
  userId!: string | null;

  @Field(() => String, { nullable: true, description: 'Source that ran it, e.g. a script path (`mlflow.source.name`).' })
  sourceName!: string | null;

  @Field(() => String, { nullable: true, description: 'Source type, e.g. `LOCAL`, `NOTEBOOK`, `JOB` (`mlflow.source.type`).' })
  sourceType!: string | null;

  @Field(() => String, { nullable: true, description: 'Git commit of the code (`mlflow.source.git.commit`).' })
  gitCommit!: string | null;

  @Field(() => String, { nullable: true, description: 'Root URI of the run artifacts.' })
  artifactUri!: string | null;

  @Field(() => GraphQLJSONObject, { description: 'Params, name to value (MLflow params are strings), keys sorted.' })
  params!: Record<string, string>;

  @Field(() => GraphQLJSONObject, { description: 'Tags, name to value, keys sorted.' })
  tags!: Record<string, string>;

  @Field(() => [MetricType], { description: 'Latest value of each metric, sorted by key.' })
  metrics!: MetricType[];
}
