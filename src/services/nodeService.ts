import { NodeNotFoundError } from '../domain/errors';
import { parseId, parseIdOf } from '../domain/ids';
import { NodeType } from '../domain/nodeType';
import type { ServiceContext } from './context';

export interface FoundNode {
  readonly type: NodeType;
  readonly entity: object;
}

const LOOKUPS: Partial<Record<NodeType, (ctx: ServiceContext, id: string) => Promise<object | null>>> = {
  [NodeType.TRACKING_STORE]: (c, id) => c.loaders.storeById.load(id),
  [NodeType.EXPERIMENT]: (c, id) => c.loaders.experimentById.load(id),
  [NodeType.RUN]: (c, id) => c.loaders.runById.load(id),
  [NodeType.DATASET]: (c, id) => c.loaders.datasetById.load(id),
  [NodeType.DATASET_FIELD]: (c, id) => c.loaders.datasetFieldById.load(id),
  [NodeType.DATASET_VERSION]: (c, id) => c.loaders.datasetVersionById.load(id),
  [NodeType.REGISTERED_MODEL]: (c, id) => c.loaders.modelById.load(id),
  [NodeType.MODEL_VERSION]: (c, id) => c.loaders.modelVersionById.load(id),
  [NodeType.LOGGED_MODEL]: (c, id) => c.loaders.loggedModelById.load(id),
  [NodeType.REPORT]: (c, id) => c.loaders.reportById.load(id),
  [NodeType.SIGNAL]: (c, id) => c.loaders.signalById.load(id),
  [NodeType.JOB]: (c, id) => c.loaders.jobById.load(id),
};

/** Looks up any node by its typed id: BAD_USER_INPUT when malformed, NOT_FOUND when absent. */
export async function findNode(ctx: ServiceContext, id: string, argument = 'id'): Promise<FoundNode> {
  const { type } = parseId(id, argument);
  const lookup = LOOKUPS[type];
  const entity = lookup ? await lookup(ctx, id) : null;
  if (!entity) throw new NodeNotFoundError(type, id);
  return { type, entity };
}

/** Looks up a node that must be of one type. */
export async function requireNode<T extends object>(
  ctx: ServiceContext,
  type: NodeType,
  id: string,
  argument = 'id',
): Promise<T> {
  parseIdOf(type, id, argument);
  const lookup = LOOKUPS[type];
  const entity = lookup ? await lookup(ctx, id) : null;
  if (!entity) throw new NodeNotFoundError(type, id);
  return entity as T;
}

