import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { FieldSource } from '../../domain/datasetField';
import { NodeInterface } from './node';

registerEnumType(FieldSource, {
  name: 'FieldSource',
  description: "Who reported a field's schema entry. Each source keeps its own entries; neither can close or rewrite the other's.",
  valuesConfig: {
    MLFLOW: { description: "An MLflow dataset schema (`mlflow.data`'s `schema`), from an ingested store." },
    OPENLINEAGE: { description: 'An OpenLineage schema facet, from a producer posting events.' },
  },
});

@ObjectType('DatasetField', {
  implements: NodeInterface,
  description: 'A field (column) of a dataset, from an OpenLineage schema facet, an MLflow dataset schema or a column-lineage facet.',
})
export class DatasetFieldType extends NodeInterface {
  @Field(() => ID, {
    description: 'Typed id `datasetField:<namespace>:<name>:<field>`, each part percent-encoded (a `:` in any part is `%3A`); see docs/graph-model.md.',
  })
  declare id: string;

  @Field({ description: 'Field name; a nested field is its path joined with `.`, e.g. `address.city`.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Type as the source wrote it, e.g. `string`, `BIGINT`; null when none was given or the field is in no schema at that instant.' })
  type!: string | null;

  @Field(() => String, { nullable: true, description: 'Description from the schema, if any.' })
  description!: string | null;

  @Field(() => ID, { description: 'Typed id of the dataset the field belongs to.' })
  datasetId!: string;

  @Field(() => FieldSource, { nullable: true, description: "Whose schema gave `type` and `description`: MLflow's is preferred when both list the field. Null for a field only column lineage names, or for an entry recorded before sources were kept apart." })
  source!: FieldSource | null;
}
