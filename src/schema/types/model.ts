import { GraphQLDateTime, GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
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
