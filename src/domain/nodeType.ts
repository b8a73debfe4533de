/**
 * The closed set of node labels in the lineage graph. Cypher label text is only ever taken
 * from this table, never from user input, so a label can't carry an injection.
 */
export enum NodeType {
  TRACKING_STORE = 'TRACKING_STORE',
  EXPERIMENT = 'EXPERIMENT',
  RUN = 'RUN',
  DATASET = 'DATASET',
  DATASET_FIELD = 'DATASET_FIELD',
  DATASET_VERSION = 'DATASET_VERSION',
  REGISTERED_MODEL = 'REGISTERED_MODEL',
  MODEL_VERSION = 'MODEL_VERSION',
  LOGGED_MODEL = 'LOGGED_MODEL',
  REPORT = 'REPORT',
  SIGNAL = 'SIGNAL',
  JOB = 'JOB',
  AUDIT_EVENT = 'AUDIT_EVENT',
  ACTOR = 'ACTOR',
}

interface NodeTypeInfo {
  /** Neo4j label. */
  readonly label: string;
  /** How messages name one node of the type, e.g. `Model version "…" was not found`. */
  readonly name: string;
  /** First component of the typed id, e.g. `run` in `run:<store>:<id>`. */
  readonly prefix: string;
  /** Names of the id components after the prefix, in order. */
  readonly keyParts: readonly string[];
}

export const NODE_TYPES: Readonly<Record<NodeType, NodeTypeInfo>> = {
  [NodeType.TRACKING_STORE]: { label: 'TrackingStore', name: 'Tracking store', prefix: 'store', keyParts: ['storeKey'] },
  [NodeType.EXPERIMENT]: { label: 'Experiment', name: 'Experiment', prefix: 'experiment', keyParts: ['storeKey', 'experimentId'] },
  [NodeType.RUN]: { label: 'Run', name: 'Run', prefix: 'run', keyParts: ['storeKey', 'runId'] },
  [NodeType.DATASET]: { label: 'Dataset', name: 'Dataset', prefix: 'dataset', keyParts: ['namespace', 'name'] },
  [NodeType.DATASET_FIELD]: { label: 'DatasetField', name: 'Dataset field', prefix: 'datasetField', keyParts: ['namespace', 'name', 'field'] },
  [NodeType.DATASET_VERSION]: { label: 'DatasetVersion', name: 'Dataset version', prefix: 'datasetVersion', keyParts: ['namespace', 'name', 'source', 'version'] },
  [NodeType.REGISTERED_MODEL]: { label: 'RegisteredModel', name: 'Registered model', prefix: 'model', keyParts: ['storeKey', 'name'] },
  [NodeType.MODEL_VERSION]: {
    label: 'ModelVersion',
    name: 'Model version',
    prefix: 'modelversion',
    keyParts: ['storeKey', 'name', 'version'],
  },
  [NodeType.LOGGED_MODEL]: { label: 'LoggedModel', name: 'Logged model', prefix: 'loggedmodel', keyParts: ['storeKey', 'modelId'] },
  [NodeType.REPORT]: { label: 'Report', name: 'Report', prefix: 'report', keyParts: ['reportId'] },
  [NodeType.SIGNAL]: { label: 'Signal', name: 'Signal', prefix: 'signal', keyParts: ['signalId'] },
  [NodeType.JOB]: { label: 'Job', name: 'Job', prefix: 'job', keyParts: ['namespace', 'name'] },
  [NodeType.AUDIT_EVENT]: { label: 'AuditEvent', name: 'Audit event', prefix: 'audit', keyParts: ['seq'] },
  [NodeType.ACTOR]: { label: 'Actor', name: 'Actor', prefix: 'actor', keyParts: ['actorId'] },
};

const BY_PREFIX: ReadonlyMap<string, NodeType> = new Map(
  (Object.keys(NODE_TYPES) as NodeType[]).map((t) => [NODE_TYPES[t].prefix, t]),
);
const BY_LABEL: ReadonlyMap<string, NodeType> = new Map(
  (Object.keys(NODE_TYPES) as NodeType[]).map((t) => [NODE_TYPES[t].label, t]),
);

export function nodeTypeForPrefix(prefix: string): NodeType | undefined {
  return BY_PREFIX.get(prefix);
}

export function nodeTypeForLabel(label: string): NodeType | undefined {
  return BY_LABEL.get(label);
}

export function labelOf(type: NodeType): string {
  return NODE_TYPES[type].label;
}

export function nameOf(type: NodeType): string {
  return NODE_TYPES[type].name;
}
