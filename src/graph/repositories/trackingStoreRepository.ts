import type { TrackingStore } from '../../domain/trackingStore';
import { oneByKey } from '../batch';
import type { GraphExecutor, Row, Tx } from '../executor';
import { toTrackingStore } from '../mappers';

export const STORES_BY_IDS = `
UNWIND $ids AS key
MATCH (n:TrackingStore {id: key})
RETURN key, n{.*} AS node`;

export const ALL_STORES = `
MATCH (s:TrackingStore)
RETURN s{.*} AS node ORDER BY s.uri`;

export const STORE_BY_ID = `
MATCH (s:TrackingStore {id: $id})
RETURN s{.*} AS node`;

/**
 * Registers a store, or registers again one that was retired or only ever written by an ingest;
 * the registration properties are its own, so an ingest's upsert of the store keeps them.
 */
export const REGISTER_STORE = `
MERGE (s:TrackingStore {id: $props.id})
SET s += $props
REMOVE s.retiredAt, s.retiredBy, s.retirementReason
RETURN s{.*} AS node`;

export const RETIRE_STORE = `
MATCH (s:TrackingStore {id: $id})
SET s.retiredAt = $at, s.retiredBy = $by, s.retirementReason = $reason
RETURN s{.*} AS node`;

export interface StoreRegistrationRow {
  readonly id: string;
  readonly storeKey: string;
  readonly uri: string;
  readonly kind: string;
  readonly displayName: string;
  readonly label: string;
  readonly registrationReason: string;
  readonly registeredAt: string;
  readonly registeredBy: string;
}

export class TrackingStoreRepository {
  constructor(private readonly graph: GraphExecutor) {}

  async byIds(ids: readonly string[]): Promise<(TrackingStore | null)[]> {
    return oneByKey(await this.graph.query('trackingStore.byIds', STORES_BY_IDS, { ids }), ids, toTrackingStore);
  }

  async all(): Promise<TrackingStore[]> {
    return (await this.graph.query('trackingStore.all', ALL_STORES)).map((r) => toTrackingStore(r.node as Row));
  }

  /** Reads a store inside a write, so the decision and the change see the same state. */
  async inTx(tx: Tx, id: string): Promise<TrackingStore | null> {
    const [row] = await tx.run(STORE_BY_ID, { id });
    return row ? toTrackingStore(row.node as Row) : null;
  }

  async register(tx: Tx, props: StoreRegistrationRow): Promise<TrackingStore> {
    const [row] = await tx.run(REGISTER_STORE, { props });
    return toTrackingStore(row.node as Row);
  }

  async retire(tx: Tx, id: string, at: string, by: string, reason: string): Promise<TrackingStore | null> {
    const [row] = await tx.run(RETIRE_STORE, { id, at, by, reason });
    return row ? toTrackingStore(row.node as Row) : null;
  }
}
