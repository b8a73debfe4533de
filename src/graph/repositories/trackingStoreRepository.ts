import type { StoreWriter } from '../../domain/storeWriter';
import type { TrackingStore } from '../../domain/trackingStore';
import { manyByKey, oneByKey } from '../batch';
import type { GraphExecutor, Row, Tx } from '../executor';
import { toTrackingStore } from '../mappers';
import { refreshSearchTexts } from './searchTextRepository';

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

/**
 * Write grants: `(:User)-[:MAY_WRITE {since, grantedBy, reason}]->(:TrackingStore)`. The
 * OpenLineage ingest statement reads the same relationship (openLineageRepository.ts).
 */
const WRITER = `{userId: u.id, displayName: u.displayName, since: w.since, grantedBy: w.grantedBy, reason: w.reason}`;

export const WRITERS_OF_STORES = `
UNWIND $ids AS key
MATCH (u:User)-[w:MAY_WRITE]->(:TrackingStore {id: key})
WITH key, u, w ORDER BY u.id
RETURN key, ${WRITER} AS node`;

/** Takes the store's write lock first, so two grants (or a grant and a revoke) of one store decide one after the other. */
export const LOCK_STORE = `
MATCH (s:TrackingStore {id: $id})
SET s._lock = true
REMOVE s._lock
RETURN s{.*} AS node`;

export const WRITE_GRANT = `
MATCH (u:User {id: $userId})-[w:MAY_WRITE]->(:TrackingStore {id: $storeId})
RETURN ${WRITER} AS node`;

export const GRANT_WRITE = `
MATCH (s:TrackingStore {id: $storeId})
MATCH (u:User {id: $userId})
MERGE (u)-[w:MAY_WRITE]->(s)
  ON CREATE SET w.since = $since, w.grantedBy = $grantedBy, w.reason = $reason
RETURN ${WRITER} AS node`;

export const REVOKE_WRITE = `
MATCH (:User {id: $userId})-[w:MAY_WRITE]->(:TrackingStore {id: $storeId})
DELETE w`;

/** Whether the account holds a grant on the store, read inside the caller's transaction when given one. */
export const MAY_WRITE = `
RETURN EXISTS { MATCH (:User {id: $userId})-[:MAY_WRITE]->(:TrackingStore {id: $storeId}) } AS mayWrite`;

const toWriter = (n: Row): StoreWriter => ({
  userId: String(n.userId),
  displayName: typeof n.displayName === 'string' ? n.displayName : null,
  since: String(n.since),
  grantedBy: String(n.grantedBy),
  reason: String(n.reason),
});

export interface WriteGrant {
  readonly storeId: string;
  readonly userId: string;
  readonly since: string;
  readonly grantedBy: string;
  readonly reason: string;
}

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
    await refreshSearchTexts(tx, 'TrackingStore', [String(props.id)]);
    return toTrackingStore(row.node as Row);
  }

  /** For DataLoader: each store's writers, by account id. */
  async writersOf(ids: readonly string[]): Promise<StoreWriter[][]> {
    return manyByKey(await this.graph.query('trackingStore.writers', WRITERS_OF_STORES, { ids }), ids, toWriter);
  }

  async mayWrite(userId: string, storeId: string): Promise<boolean> {
    const [row] = await this.graph.query('trackingStore.mayWrite', MAY_WRITE, { userId, storeId });
    return row?.mayWrite === true;
  }

  /** The store under its write lock, or null when there is none. */
  async lockInTx(tx: Tx, id: string): Promise<TrackingStore | null> {
    const [row] = await tx.run(LOCK_STORE, { id });
    return row ? toTrackingStore(row.node as Row) : null;
  }

  async grantInTx(tx: Tx, storeId: string, userId: string): Promise<StoreWriter | null> {
    const [row] = await tx.run(WRITE_GRANT, { storeId, userId });
    return row ? toWriter(row.node as Row) : null;
  }

  async grant(tx: Tx, g: WriteGrant): Promise<StoreWriter> {
    const [row] = await tx.run(GRANT_WRITE, { ...g });
    return toWriter(row.node as Row);
  }

  async revoke(tx: Tx, storeId: string, userId: string): Promise<void> {
    await tx.run(REVOKE_WRITE, { storeId, userId });
  }

  async retire(tx: Tx, id: string, at: string, by: string, reason: string): Promise<TrackingStore | null> {
    const [row] = await tx.run(RETIRE_STORE, { id, at, by, reason });
    return row ? toTrackingStore(row.node as Row) : null;
  }
}
