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
}

/**
 * A short, stable key for a store: ids embed it instead of the raw URI, which can be long and
 * may contain a user's home path. Twelve hex digits of SHA-256 keep collisions out of reach
 * for any realistic number of stores.
 */
export function storeKeyFor(normalisedUri: string): string {
  return createHash('sha256').update(normalisedUri).digest('hex').slice(0, 12);
}
