import type { TrackingStore } from '../../domain/trackingStore';
import { oneByKey } from '../batch';
import type { GraphExecutor, Row } from '../executor';
import { toTrackingStore } from '../mappers';

export const STORES_BY_IDS = `
UNWIND $ids AS key
MATCH (n:TrackingStore {id: key})
RETURN key, n{.*} AS node`;

export const ALL_STORES = `
MATCH (s:TrackingStore)
RETURN s{.*} AS node ORDER BY s.uri`;

export class TrackingStoreRepository {
  constructor(private readonly graph: GraphExecutor) {}

  async byIds(ids: readonly string[]): Promise<(TrackingStore | null)[]> {
    return oneByKey(await this.graph.query('trackingStore.byIds', STORES_BY_IDS, { ids }), ids, toTrackingStore);
  }

  async all(): Promise<TrackingStore[]> {
    return (await this.graph.query('trackingStore.all', ALL_STORES)).map((r) => toTrackingStore(r.node as Row));
  }
}
