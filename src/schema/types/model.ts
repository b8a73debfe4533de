import { GraphQLDateTime } from 'graphql-scalars';
import { GraphQLJSONObject } from '../scalars/json';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { LoggedModelMetricType } from './metric';
import { NodeInterface } from './node';

@ObjectType('RegisteredModel', { implements: NodeInterface, description: 'A model in an MLflow model registry, e.g. `pv-signal-xgb`.' })
export class RegisteredModelType extends NodeInterface {
  @Field(() => ID, { description: 'Typed id `model:<storeKey>:<name>`.' })
  declare id: string;

  @Field({ description: 'Registered model name.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Description.' })
  description!: string | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When it was registered.' })
  createdAt!: string | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When it last changed.' })
  updatedAt!: string | null;

  @Field(() => GraphQLJSONObject, { description: 'Tags, name to value, keys sorted.' })
  tags!: Record<string, string>;
}

@ObjectType('ModelVersion', { implements: NodeInterface, description: 'One version of a registered model.' })
export class ModelVersionType extends NodeInterface {
  @Field(() => ID, { description: 'Typed id `modelversion:<storeKey>:<name>:<version>`.' })
  declare id: string;

  @Field({ description: 'Registered model name.' })
  name!: string;

  @Field(() => Int, { description: 'Version number.' })
  version!: number;

  @Field({ description: 'Registry stage as MLflow records it: `None`, `Staging`, `Production` or `Archived`.' })
  stage!: string;

  @Field(() => String, { nullable: true, description: 'Registration status, e.g. `READY`.' })
  status!: string | null;

  @Field(() => String, { nullable: true, description: 'Source URI of the model artifacts (`runs:/…`, `models:/m-…` or a path).' })
  source!: string | null;

  @Field(() => String, { nullable: true, description: 'MLflow run id that produced the version, as the registry records it.' })
  runId!: string | null;

  @Field(() => [String], { description: 'Aliases pointing at this version, e.g. `champion`, sorted.' })
  aliases!: string[];

  @Field(() => String, { nullable: true, description: 'Description.' })
  description!: string | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When the version was created.' })
  createdAt!: string | null;

  @Field(() => GraphQLJSONObject, { description: 'Version tags, name to value, keys sorted.' })
  tags!: Record<string, string>;
}

@ObjectType('LoggedModel', { implements: NodeInterface, description: 'An MLflow 3.x logged model (`m-…`): what a run logged, whether or not it was registered.' })
export class LoggedModelType extends NodeInterface {
  @Field(() => ID, { description: 'Typed id `loggedmodel:<storeKey>:<modelId>`.' })
  declare id: string;

  @Field({ description: "MLflow's logged-model id, e.g. `m-04a0…`." })
  modelId!: string;

  @Field(() => String, { nullable: true, description: 'Name the model was logged under.' })
  name!: string | null;

  @Field(() => String, { nullable: true, description: 'MLflow experiment id, as a string.' })
  experimentId!: string | null;

  @Field(() => String, { nullable: true, description: 'MLflow run id of the run that logged it.' })
  sourceRunId!: string | null;

  @Field(() => String, { nullable: true, description: 'Status as MLflow reports it: `PENDING` while being logged, then `READY` or `FAILED` (`UNSPECIFIED` when none was set).' })
  status!: string | null;

  @Field(() => String, { nullable: true, description: 'Model type as logged, e.g. `classifier`; null when none was given.' })
  modelType!: string | null;

  @Field(() => String, { nullable: true, description: 'Where the model artifacts are stored.' })
  artifactLocation!: string | null;

  @Field({ description: '`active`, or `deleted` once deleted in MLflow (whose searches then leave it out).' })
  lifecycleStage!: string;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When it was logged.' })
  createdAt!: string | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When MLflow last changed it (status, params, tags).' })
  updatedAt!: string | null;

  @Field(() => GraphQLJSONObject, { description: 'Params logged with the model, keys sorted.' })
  params!: Record<string, string>;

  @Field(() => GraphQLJSONObject, { description: 'Tags, keys sorted.' })
  tags!: Record<string, string>;

  @Field(() => [LoggedModelMetricType], { description:
      'Latest value of each metric per dataset, ordered by key, then dataset name and digest (a metric logged without a dataset first). Values are read by the same rules as run metrics, except that an SQL-backed MLflow keeps no NaN for a logged model: it stores, and reports, 0.' })
  metrics!: LoggedModelMetricType[];
}
