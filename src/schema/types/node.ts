import { Field, ID, InterfaceType } from 'type-graphql';
import { nodeTypeForPrefix, NodeType } from '../../domain/nodeType';

const TYPE_NAMES: Partial<Record<NodeType, string>> = {
  [NodeType.TRACKING_STORE]: 'TrackingStore',
  [NodeType.EXPERIMENT]: 'Experiment',
  [NodeType.RUN]: 'Run',
  [NodeType.DATASET]: 'Dataset',
  [NodeType.DATASET_FIELD]: 'DatasetField',
  [NodeType.DATASET_VERSION]: 'DatasetVersion',
  [NodeType.REGISTERED_MODEL]: 'RegisteredModel',
  [NodeType.MODEL_VERSION]: 'ModelVersion',
  [NodeType.LOGGED_MODEL]: 'LoggedModel',
  [NodeType.REPORT]: 'Report',
  [NodeType.SIGNAL]: 'Signal',
  [NodeType.JOB]: 'Job',
};

/** The GraphQL object type of a record, read off the prefix of its typed id. */
export function graphqlTypeOf(value: { id: string }): string | undefined {
  const type = nodeTypeForPrefix(value.id.split(':', 1)[0]);
  return type === undefined ? undefined : TYPE_NAMES[type];
}

@InterfaceType('Node', {
  description:
    'Anything with a global typed id. Ids read `<type>:<part>(:<part>)*` with each part percent-encoded, e.g. `run:3f2a9c1b7d40:5b1d…`; see docs/graph-model.md.',
  resolveType: (value: { id: string }) => graphqlTypeOf(value),
})
export abstract class NodeInterface {
  @Field(() => ID, { description: 'Global typed id; pass it to `node(id:)` to fetch this record again.' })
  id!: string;
}
