import { BadInputError, DomainError } from '../../domain/errors';
import type { TrackingStore } from '../../domain/trackingStore';
import type { StoreRegistry } from './storeRegistry';
import type { StoreWriteGrants } from './storeWriteGrants';

/**
 * What an API ingestion may read: a registered store named by id, that the calling account may
 * write to (FORBIDDEN naming the store otherwise). A location is refused whatever it names,
 * before anything is resolved or opened, so the answer reveals nothing about it.
 */
export async function ingestibleStore(
  registry: StoreRegistry,
  grants: StoreWriteGrants,
  accountId: string,
  storeId: string | null | undefined,
  uri: string | null | undefined,
): Promise<{ store: TrackingStore; input: string }> {
  if (uri !== null && uri !== undefined) {
    throw new DomainError('FORBIDDEN', 'Argument "uri" is refused: the API ingests only registered tracking stores; pass "storeId" (an ADMIN registers stores with registerTrackingStore)', { argument: 'uri' });
  }
  if (storeId === null || storeId === undefined) throw new BadInputError('storeId', 'Argument "storeId" is required: the typed id of a registered tracking store');
  return registry.forIngest(storeId, 'storeId', (store) => grants.assertMayWrite(accountId, store));
}
