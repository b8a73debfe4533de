import { Field, ID, ObjectType } from 'type-graphql';
import { NodeInterface } from './node';

@ObjectType('DatasetVersion', {
  implements: NodeInterface,
  description:
    'One snapshot of a dataset as one source reported it (an MLflow digest), like a Marquez dataset version. Written once and never changed: a different snapshot is a different version, with its own audit event (`DATASET_VERSION_RECORDED`).',
})
export class DatasetVersionType extends NodeInterface {
  @Field(() => ID, { description: 'Typed id `datasetVersion:<namespace>:<name>:<source>:<digest>`, each part percent-encoded.' })
  declare id: string;

  @Field(() => ID, { description: 'Typed id of the dataset this is a version of.' })
  datasetId!: string;

  @Field({ description: 'The store key of the MLflow store that reported this snapshot; the same digest from two stores is two versions.' })
  source!: string;

  @Field({ description: 'The snapshot digest as the source recorded it (MLflow dataset digest).' })
  digest!: string;

  @Field(() => String, { nullable: true, description: 'The schema the source recorded for this snapshot, as stored (JSON text).' })
  schema!: string | null;

  @Field(() => String, { nullable: true, description: 'The profile the source recorded for this snapshot (e.g. `{"num_rows": 20}`), as stored.' })
  profile!: string | null;

  @Field({ description: 'When pv-lineage first recorded this version (ISO-8601, UTC).' })
  recordedAt!: string;
}
