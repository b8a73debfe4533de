import { BadInputError, DomainError } from '../../domain/errors';
import type { TrackingStore } from '../../domain/trackingStore';
import type { StoreRegistry } from './storeRegistry';

/**
 * What an API ingestion may read: a registered store named by id. A location is refused
 * whatever it names, before anything is resolved or opened, so the answer reveals nothing about it.
 */
export async function ingestibleStore(registry: StoreRegistry, storeId: string | null | undefined, uri: string | null | undefined): Promise<{ store: TrackingStore; input: string }> {
  if (uri !== null && uri !== undefined) {
    throw new DomainError('FORBIDDEN', 'Argument "uri" is refused: the API ingests only registered tracking stores; pass "storeId" (an ADMIN registers stores with registerTrackingStore)', { argument: 'uri' });
  }
  if (storeId === null || storeId === undefined) throw new BadInputError('storeId', 'Argument "storeId" is required: the typed id of a registered tracking store');
  return registry.forIngest(storeId, 'storeId');
}
