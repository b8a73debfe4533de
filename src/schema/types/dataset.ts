import { GraphQLJSON } from '../scalars/json';
import { Field, ID, ObjectType } from 'type-graphql';
import { NodeInterface } from './node';

@ObjectType('Dataset', { implements: NodeInterface, description: 'A dataset, e.g. a FAERS quarterly extract, identified by namespace and name as OpenLineage names datasets.' })
export class DatasetType extends NodeInterface {
  @Field(() => ID, { description: 'Typed id `dataset:<namespace>:<name>`.' })
  declare id: string;

  @Field({ description: 'Namespace, e.g. `s3://pv-data` (OpenLineage naming).' })
  namespace!: string;

  @Field({ description: 'Name within the namespace, e.g. `faers/2024Q1/drug_event.parquet`.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Digest of the latest snapshot seen (MLflow dataset digest).' })
  digest!: string | null;

  @Field(() => String, { nullable: true, description: 'Source description as MLflow recorded it (JSON text).' })
  source!: string | null;

  @Field(() => String, { nullable: true, description: 'Source type, e.g. `s3`, `local`, `delta_table`.' })
  sourceType!: string | null;

  @Field(() => String, { nullable: true, description: 'Data period the dataset covers, e.g. the FAERS quarter `2024Q1`.' })
  period!: string | null;

  @Field(() => GraphQLJSON, { nullable: true, description: 'Schema of the dataset as recorded by its source, if any.' })
  schema!: unknown;
}

@ObjectType('DatasetInput', { description: 'A dataset as one run read it.' })
export class DatasetInputType {
  @Field(() => DatasetType, { description: 'The dataset.' })
  dataset!: DatasetType;

  @Field(() => String, { nullable: true, description: 'Role of the dataset in the run (`mlflow.data.context`), e.g. `training`, `evaluation`.' })
  context!: string | null;

  @Field(() => String, { nullable: true, description: 'Digest of the snapshot this run read.' })
  digest!: string | null;
}
