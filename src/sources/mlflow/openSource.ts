import { TrackingStoreKind } from '../../domain/trackingStore';
import { FileStoreSource } from './fileStore';
import { withinInputLimits } from './inputLimits';
import type { RestOptions } from './restClient';
import { RestStoreSource } from './restStore';
import type { MlflowSource } from './source';
import { SqliteStoreSource } from './sqliteStore';
import { normaliseStoreUri } from './uri';

/**
 * Opens the reader for a store URI or path; throws BAD_USER_INPUT naming the store when it cannot.
 * Whatever the reader, items over the input limits are skipped and listed.
 */
export function openMlflowSource(input: string, options: { cwd?: string; rest?: RestOptions } = {}): MlflowSource {
  return withinInputLimits(openReader(input, options));
}

function openReader(input: string, options: { cwd?: string; rest?: RestOptions }): MlflowSource {
  const loc = normaliseStoreUri(input, options.cwd);
  const store = { uri: loc.uri, kind: loc.kind, displayName: loc.displayName };
  switch (loc.kind) {
    case TrackingStoreKind.FILE:
      return new FileStoreSource(store, loc.target);
    case TrackingStoreKind.SQLITE:
      return new SqliteStoreSource(store, loc.target);
    case TrackingStoreKind.REST:
      return new RestStoreSource(store, loc.target, options.rest);
    default:
      throw new Error(`unknown store kind ${String(loc.kind)}`);
  }
}
