import { createHash } from 'node:crypto';

export enum TrackingStoreKind {
  FILE = 'FILE',
  SQLITE = 'SQLITE',
  REST = 'REST',
  /** The one store that OpenLineage runs belong to (`openlineage:`), whatever their job namespace. */
  OPENLINEAGE = 'OPENLINEAGE',
}

export interface TrackingStore {
  readonly id: string;
  readonly storeKey: string;
  /** Normalised URI, e.g. `file:///C:/Users/pv/mlruns` or `sqlite:///mlflow.db`. */
  readonly uri: string;
  readonly kind: TrackingStoreKind;
  readonly displayName: string;
  /** Null for a store that was only ever written by an ingest and never registered. */
  readonly registration: StoreRegistration | null;
}

/**
 * A short, stable key for a store: ids embed it instead of the raw URI, which can be long and
 * may contain a user's home path. Twelve hex digits of SHA-256 keep collisions out of reach
 * for any realistic number of stores.
 *
 * Absolute SQLite stores were once recorded as `sqlite:///data/x.db` and now are recorded as
 * MLflow accepts them, `sqlite:////data/x.db`; the key is still taken from the older spelling,
 * so every store id, run id and dataset namespace minted before stays the same.
 */
export function storeKeyFor(normalisedUri: string): string {
  const keyed = normalisedUri.replace(/^sqlite:\/\/\/\//i, 'sqlite:///');
  return createHash('sha256').update(keyed).digest('hex').slice(0, 12);
}

/**
 * Who registered a store and why, and whether it is retired. The API ingests only registered
 * stores that are not retired; the URI a store was registered with is the only place it reads.
 */
export interface StoreRegistration {
  readonly label: string | null;
  readonly reason: string | null;
  readonly registeredAt: string | null;
  readonly registeredBy: string | null;
  readonly retiredAt: string | null;
  readonly retiredBy: string | null;
  readonly retirementReason: string | null;
}
