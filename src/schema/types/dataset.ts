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

  @Field(() => String, { nullable: true, description: 'Digest of the snapshot the last MLflow ingest wrote, from whichever store. Not what any one run read: that is `DatasetInput.version`; every snapshot is in `versions`.' })
  digest!: string | null;

  @Field(() => String, { nullable: true, description: 'Source description as MLflow recorded it (JSON text).' })
  source!: string | null;

  @Field(() => String, { nullable: true, description: 'Source type, e.g. `s3`, `local`, `delta_table`.' })
  sourceType!: string | null;

  @Field(() => String, { nullable: true, description: 'Data period the dataset covers, e.g. the FAERS quarter `2024Q1`.' })
  period!: string | null;

  @Field(() => GraphQLJSON, { nullable: true, description: "Schema of the dataset: MLflow's when an MLflow run recorded one, else the fields of the newest OpenLineage schema facet. Each source's own is `mlflowSchema` and `openLineageSchema`." })
  schema!: unknown;

  @Field(() => GraphQLJSON, { nullable: true, description: 'The schema as MLflow last recorded it for this dataset; no OpenLineage producer can change it. Null when no MLflow input recorded one.' })
  mlflowSchema!: unknown;

  @Field(() => GraphQLJSON, { nullable: true, description: 'The fields of the newest OpenLineage schema facet (by eventTime), kept apart from MLflow\'s. Null when no event carried one.' })
  openLineageSchema!: unknown;

  @Field(() => String, { nullable: true, description: "The name MLflow gave the dataset (`mlflow.data.from_pandas(…, name=…)`), as last recorded by an MLflow input; search finds datasets by it. Null for datasets no MLflow run read. Each run's own view is `DatasetInput.mlflow`." })
  mlflowName!: string | null;
}

@ObjectType('MlflowDatasetInput', { description: 'A dataset input exactly as MLflow recorded it (MlflowClient `run.inputs.dataset_inputs[].dataset`), raw.' })
export class MlflowDatasetInputType {
  @Field({ description: "MLflow's dataset name, e.g. `faers_2024Q1`." })
  name!: string;

  @Field(() => String, { nullable: true, description: "MLflow's source type, e.g. `s3`, `http`, `code`." })
  sourceType!: string | null;

  @Field(() => String, { nullable: true, description: 'MLflow\'s source as stored: JSON text such as `{"uri": "s3://…"}`.' })
  source!: string | null;

  @Field(() => String, { nullable: true, description: "MLflow's schema as stored: JSON text, e.g. `{\"mlflow_colspec\": [...]}`." })
  schema!: string | null;

  @Field(() => String, { nullable: true, description: "MLflow's profile as stored: JSON text, e.g. `{\"num_rows\": 20, \"num_elements\": 120}`." })
  profile!: string | null;
}

@ObjectType('DatasetInput', { description: 'A dataset as one run read it.' })
export class DatasetInputType {
  @Field(() => DatasetType, { description: 'The dataset.' })
  dataset!: DatasetType;

  @Field(() => String, { nullable: true, description: 'Role of the dataset in the run (`mlflow.data.context`), e.g. `training`, `evaluation`.' })
  context!: string | null;

  @Field(() => String, { nullable: true, description: 'Digest of the snapshot this run read: the MLflow dataset digest, or the OpenLineage `datasetVersion` of `version`.' })
  digest!: string | null;

  @Field(() => MlflowDatasetInputType, { nullable: true, description: 'What MLflow recorded for this input: its dataset name, source type, source, schema and profile. Null for inputs from other sources (OpenLineage).' })
  mlflow!: MlflowDatasetInputType | null;
}
