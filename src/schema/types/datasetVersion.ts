import { Field, ID, ObjectType } from 'type-graphql';
import { NodeInterface } from './node';

@ObjectType('DatasetVersion', {
  implements: NodeInterface,
  description:
    'One snapshot of a dataset as one source reported it (an MLflow digest, or an OpenLineage `version` facet), like a Marquez dataset version. Written once and never changed: a different snapshot is a different version, with its own audit event (`DATASET_VERSION_RECORDED`).',
})
export class DatasetVersionType extends NodeInterface {
  @Field(() => ID, { description: 'Typed id `datasetVersion:<namespace>:<name>:<source>:<digest>`, each part percent-encoded.' })
  declare id: string;

  @Field(() => ID, { description: 'Typed id of the dataset this is a version of.' })
  datasetId!: string;

  @Field({ description: 'The store key of the tracking store that reported this snapshot: an MLflow store (the same digest from two stores is two versions), or the OpenLineage store, which every OpenLineage producer shares (`producer` names which one reported it first).' })
  source!: string;

  @Field({ description: 'The snapshot as the source named it: the MLflow dataset digest, or the OpenLineage `version` facet\'s `datasetVersion`.' })
  digest!: string;

  @Field(() => String, { nullable: true, description: 'The schema the source recorded for this snapshot, as stored (JSON text): MLflow\'s schema, or the OpenLineage `schema` facet\'s `fields` of the event that first reported it.' })
  schema!: string | null;

  @Field(() => String, { nullable: true, description: 'The profile the source recorded for this snapshot, as stored: MLflow\'s (e.g. `{"num_rows": 20}`), or the numbers of the OpenLineage `outputStatistics`, `inputStatistics` or `dataQualityMetrics` facet (e.g. `{"rowCount": 2000, "size": 2097152}`).' })
  profile!: string | null;

  @Field(() => String, { nullable: true, description: 'The `producer` URI of the OpenLineage event that first reported this snapshot; null for MLflow snapshots.' })
  producer!: string | null;

  @Field({ description: 'When pv-lineage first recorded this version (ISO-8601, UTC).' })
  recordedAt!: string;
}
