import { GraphQLDateTime } from 'graphql-scalars';
import { GraphQLJSONObject } from '../scalars/json';
import { Field, ID, ObjectType } from 'type-graphql';
import { NodeInterface } from './node';

@ObjectType('Experiment', { implements: NodeInterface, description: 'An MLflow experiment: a named group of runs in one tracking store.' })
export class ExperimentType extends NodeInterface {
  @Field(() => ID, { description: 'Typed id `experiment:<storeKey>:<experimentId>`.' })
  declare id: string;

  @Field({ description: "MLflow's experiment id, as a string (it can exceed 2^53)." })
  experimentId!: string;

  @Field({ description: 'Experiment name, e.g. `pv-signal-ml-prr`.' })
  name!: string;

  @Field({ description: 'MLflow lifecycle stage: `active` or `deleted`.' })
  lifecycleStage!: string;

  @Field(() => String, { nullable: true, description: 'Where MLflow stores the artifacts of its runs.' })
  artifactLocation!: string | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When the experiment was created.' })
  createdAt!: string | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When the experiment was last updated.' })
  updatedAt!: string | null;

  @Field(() => GraphQLJSONObject, { description: 'Experiment tags, key to value, keys sorted.' })
  tags!: Record<string, string>;
}
