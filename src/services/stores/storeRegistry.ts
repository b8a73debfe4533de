import os from 'node:os';
import type { Actor } from '../../domain/audit/actor';
import { MAX_REASON_LENGTH } from '../../domain/audit/draft';
import { BadInputError, ConflictError, NodeNotFoundError } from '../../domain/errors';
import { parseIdOf } from '../../domain/ids';
import { type IngestAllowList, checkOrigin, checkRoot } from '../../domain/ingestAllowList';
import { assertWithinLimit } from '../../domain/inputLimits';
import { NodeType } from '../../domain/nodeType';
import { type TrackingStore, TrackingStoreKind, storeKeyFor } from '../../domain/trackingStore';
import type { AuditedWriter } from '../../graph/auditedWriter';
import { storeIdOf } from '../../graph/repositories/catalogWriteRepository';
import type { TrackingStoreRepository } from '../../graph/repositories/trackingStoreRepository';
import { canonicalPath, entryKind } from '../../sources/mlflow/canonicalPath';
import { type StoreLocation, inputOfStoreUri, normaliseStoreUri } from '../../sources/mlflow/uri';
import { storeDraft } from './storeDrafts';

export interface RegisterStoreInput {
  readonly uri: string;
  readonly label: string;
  readonly reason: string;
}

const MAX_LABEL_LENGTH = 200;

/** A required text argument, trimmed; BAD_USER_INPUT when empty or too long. */
export function required(field: string, value: string, max: number): string {
  const v = value.trim();
  if (v.length === 0) throw new BadInputError(field, `Argument "${field}" is empty`);
  if (v.length > max) throw new BadInputError(field, `Argument "${field}" is longer than ${max} characters`);
  return v;
}

/** The reader's message names the store; the field it came in is named in front of it. */
function locate(uri: string, field: string): StoreLocation {
  try {
    return normaliseStoreUri(uri, process.cwd(), field);
  } catch (err) {
    if (err instanceof BadInputError) throw new BadInputError(field, `Argument "${field}": ${err.message}`);
    throw err;
  }
}

const isActive = (s: TrackingStore | null): s is TrackingStore => s?.registration !== null && s?.registration !== undefined && s.registration.retiredAt === null;

/**
 * The tracking stores the API may ingest. An ADMIN registers each one with a label and a reason,
 * within the operator's allow-lists; a PIPELINE then names it by id and never by location, so a
 * request cannot point the server at a folder, file or address of its choosing. The ingest CLI,
 * run by an operator on the host, registers what it is told to read without the allow-lists.
 */
export class StoreRegistry {
  constructor(
    private readonly stores: TrackingStoreRepository,
    private readonly writer: AuditedWriter,
    private readonly allow: IngestAllowList,
  ) {}

  list(includeRetired: boolean): Promise<TrackingStore[]> {
    return this.stores.all().then((all) => all.filter((s) => s.registration !== null && (includeRetired || s.registration.retiredAt === null)));
  }

  /** Allow-list refusals are FORBIDDEN; a malformed URI or a store that is not there is BAD_USER_INPUT. Nothing is written for either. */
  async register(actor: Actor, input: RegisterStoreInput): Promise<TrackingStore> {
    const label = required('input.label', input.label, MAX_LABEL_LENGTH);
    const reason = required('input.reason', input.reason, MAX_REASON_LENGTH);
    assertWithinLimit('input.uri', 'uri', input.uri);
    const loc = locate(input.uri, 'input.uri');
    this.checkAllowed(loc, input.uri, 'input.uri');
    return this.write(actor, loc, label, reason, true);
  }

  /** The operator's own registration from the host: no allow-list, and nothing to do when it is registered already. */
  async registerFromHost(actor: Actor, uri: string, cwd = process.cwd()): Promise<TrackingStore> {
    const loc = normaliseStoreUri(uri, cwd);
    const [existing] = await this.stores.byIds([storeIdOf(loc.uri).id]);
    if (isActive(existing)) return existing;
    return this.write(actor, loc, loc.displayName, `Named to the ingest CLI on ${os.hostname()}`, false);
  }

  async retire(actor: Actor, id: string, reasonIn: string): Promise<TrackingStore> {
    parseIdOf(NodeType.TRACKING_STORE, id, 'id');
    const reason = required('reason', reasonIn, MAX_REASON_LENGTH);
    return this.writer.write('store.retire', async (tx) => {
      const before = await this.stores.inTx(tx, id);
      if (!before?.registration) throw new NodeNotFoundError(NodeType.TRACKING_STORE, id);
      if (before.registration.retiredAt !== null) throw new ConflictError(`Tracking store "${id}" was retired at ${before.registration.retiredAt}`, { id });
      const after = (await this.stores.retire(tx, id, new Date().toISOString(), actor.id, reason)) as TrackingStore;
      tx.audit(storeDraft(actor, 'STORE_RETIRED', before, after, reason));
      return after;
    });
  }

  /**
   * The store an API ingestion reads: registered, not retired, `permitted` for the caller (its
   * write grant), and still within the allow-lists (they may have narrowed, or a folder been
   * replaced by a link, since it was registered).
   */
  async forIngest(storeId: string, argument = 'storeId', permitted: (store: TrackingStore) => Promise<void> = async () => undefined): Promise<{ store: TrackingStore; input: string }> {
    parseIdOf(NodeType.TRACKING_STORE, storeId, argument);
    const [store] = await this.stores.byIds([storeId]);
    if (!store?.registration || store.kind === TrackingStoreKind.OPENLINEAGE) throw new NodeNotFoundError(NodeType.TRACKING_STORE, storeId);
    if (store.registration.retiredAt !== null) throw new ConflictError(`Tracking store "${storeId}" is retired; register it again to ingest it`, { argument, id: storeId });
    // The caller's own permission before anything about the location is looked at.
    await permitted(store);
    const input = inputOfStoreUri(store.uri);
    this.checkAllowed(normaliseStoreUri(input), store.uri, argument);
    return { store, input };
  }

  private checkAllowed(loc: StoreLocation, raw: string, argument: string): void {
    if (loc.kind === TrackingStoreKind.REST) {
      checkOrigin(this.allow, raw, argument);
      return;
    }
    const canonical = canonicalPath(loc.target);
    checkRoot(this.allow.roots.map(canonicalPath), canonical, argument);
    // Only now, inside an allowed folder, may the answer say what is (not) there.
    const kind = entryKind(canonical);
    const want = loc.kind === TrackingStoreKind.FILE ? 'dir' : 'file';
    if (kind !== want) {
      const what = loc.kind === TrackingStoreKind.FILE ? 'a folder' : 'a regular file';
      throw new BadInputError(argument, `The store "${loc.uri}" does not exist or is not ${what}`);
    }
  }

  private write(actor: Actor, loc: StoreLocation, label: string, reason: string, refuseActive: boolean): Promise<TrackingStore> {
    const ref = storeIdOf(loc.uri);
    return this.writer.write('store.register', async (tx) => {
      const before = await this.stores.inTx(tx, ref.id);
      if (isActive(before)) {
        if (refuseActive) throw new ConflictError(`The store "${loc.uri}" is already registered as ${ref.id}`, { argument: 'input.uri', id: ref.id });
        return before;
      }
      const after = await this.stores.register(tx, {
        id: ref.id,
        storeKey: storeKeyFor(loc.uri),
        uri: loc.uri,
        kind: loc.kind,
        displayName: loc.displayName,
        label,
        registrationReason: reason,
        registeredAt: new Date().toISOString(),
        registeredBy: actor.id,
      });
      tx.audit(storeDraft(actor, 'STORE_REGISTERED', before, after, reason));
      return after;
    });
  }
}
