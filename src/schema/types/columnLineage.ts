import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType('ColumnLineageNode', { description: 'One field of a column-lineage answer, as a graph view draws it; `node(id:)` gives the full record.' })
export class ColumnLineageNodeType {
  @Field(() => ID, { description: 'Typed `datasetField:` id.' })
  id!: string;

  @Field(() => ID, { description: 'Typed id of the dataset the field belongs to.' })
  datasetId!: string;

  @Field({ description: 'Namespace of the dataset.' })
  namespace!: string;

  @Field({ description: 'Name of the dataset.' })
  datasetName!: string;

  @Field({ description: 'Field name.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Type at the instant of the answer; null when the field is in no schema then.' })
  type!: string | null;

  @Field(() => Int, { description: 'Hops from the nearest root along the shortest path; roots are 0.' })
  depth!: number;
}

@ObjectType('ColumnLineageEdge', { description: 'An input field → output field edge, with how the output was derived from it.' })
export class ColumnLineageEdgeType {
  @Field(() => ID, { description: 'Id of the input (upstream) field.' })
  from!: string;

  @Field(() => ID, { description: 'Id of the output (downstream) field.' })
  to!: string;

  @Field(() => String, { nullable: true, description: 'Transformation type, e.g. `DIRECT` or `INDIRECT` (or a deprecated `IDENTITY` / `MASKED`).' })
  type!: string | null;

  @Field(() => String, { nullable: true, description: 'Transformation subtype, e.g. `IDENTITY`, `AGGREGATION`, `FILTER`.' })
  subtype!: string | null;

  @Field(() => String, { nullable: true, description: 'The transformation as text, e.g. the SQL expression.' })
  description!: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether the transformation masks the data (a hash of PII, say); null when not stated.' })
  masking!: boolean | null;
}

@ObjectType('DatasetDependencyEdge', { description: 'An input field the whole of a dataset depends on (filter, join, grouping, sort): the facet\'s dataset-level list.' })
export class DatasetDependencyEdgeType {
  @Field(() => ID, { description: 'Id of the input field.' })
  from!: string;

  @Field(() => ID, { description: 'Typed id of the dataset that depends on it.' })
  datasetId!: string;

  @Field(() => String, { nullable: true, description: 'Transformation type, e.g. `INDIRECT`.' })
  type!: string | null;

  @Field(() => String, { nullable: true, description: 'Transformation subtype, e.g. `FILTER`, `JOIN`, `GROUP_BY`.' })
  subtype!: string | null;

  @Field(() => String, { nullable: true, description: 'The transformation as text.' })
  description!: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether the transformation masks the data; null when not stated.' })
  masking!: boolean | null;
}

@ObjectType('ColumnLineageGraph', { description: 'A column-lineage subgraph, ready to draw: fields once each, edges between them.' })
export class ColumnLineageGraphType {
  @Field(() => [ID], { description: 'The field asked for, or every field of the dataset asked for, ordered by id.' })
  roots!: string[];

  @Field(() => [ColumnLineageNodeType], { description: 'Every field reached, roots included, each once, ordered by depth, then id.' })
  nodes!: ColumnLineageNodeType[];

  @Field(() => [ColumnLineageEdgeType], { description: 'Every live field edge between two returned fields, ordered by from, to, then transformation.' })
  edges!: ColumnLineageEdgeType[];

  @Field(() => [DatasetDependencyEdgeType], {
    description: 'Dataset-level dependencies from a returned field, or into the dataset of a returned field, ordered by from, dataset, then transformation.',
  })
  datasetDependencies!: DatasetDependencyEdgeType[];

  @Field({ description: 'True when more fields were reachable than the node limit; the nearest were kept.' })
  truncated!: boolean;
}
