import type { Actor } from '../../domain/audit/actor';
import { MAX_REASON_LENGTH } from '../../domain/audit/draft';
import { BadInputError, ConflictError, NodeNotFoundError, NotFoundError } from '../../domain/errors';
import { checkUserId } from '../../domain/identity/account';
import { parseIdOf } from '../../domain/ids';
import { NodeType } from '../../domain/nodeType';
import { Role } from '../../domain/role';
import { type StoreWriter, StoreWriteRefusedError } from '../../domain/storeWriter';
import type { TrackingStore } from '../../domain/trackingStore';
import type { AuditedWriter, AuditTx } from '../../graph/auditedWriter';
import type { IdentityRepository } from '../../graph/repositories/identityRepository';
import type { TrackingStoreRepository } from '../../graph/repositories/trackingStoreRepository';
import { storeWriteDraft } from './storeDrafts';
import { required } from './storeRegistry';

interface Checked {
  readonly storeId: string;
  readonly userId: string;
  readonly reason: string;
}

/**
 * Which PIPELINE accounts may write into which registered tracking store: ingest it through the
 * API, and attach OpenLineage runs above its runs. An ADMIN grants and revokes, with a reason,
 * each change audited under the store; nothing else gives a grant, so a producer's token alone
 * cannot put its runs upstream of another team's signed reports.
 */
export class StoreWriteGrants {
  constructor(
    private readonly stores: TrackingStoreRepository,
    private readonly accounts: IdentityRepository,
    private readonly writer: AuditedWriter,
  ) {}

  /**
   * BAD_USER_INPUT for a malformed id or an account that holds no PIPELINE role or is deactivated
   * (only pipelines ingest); NOT_FOUND for an unknown account or a store that is not registered;
   * CONFLICT when the store is retired or the account holds the grant already.
   */
  async grant(actor: Actor, storeId: string, userId: string, reason: string): Promise<TrackingStore> {
    const c = await this.check(storeId, userId, reason);
    const account = await this.accounts.byId(c.userId);
    if (!account) throw new NotFoundError('User', c.userId);
    if (!account.roles.includes(Role.PIPELINE)) {
      throw new BadInputError('userId', `Account "${c.userId}" holds no PIPELINE role: only pipelines write into tracking stores`, { userId: c.userId });
    }
    if (!account.active) throw new BadInputError('userId', `Account "${c.userId}" is deactivated`, { userId: c.userId });
    return this.change('store.grantWrite', c, async (tx, store, before) => {
      if (store.registration?.retiredAt) throw new ConflictError(`Tracking store "${c.storeId}" was retired at ${store.registration.retiredAt}`, { id: c.storeId });
      if (before) throw new ConflictError(`Account "${c.userId}" may write to tracking store "${c.storeId}" already (granted by ${before.grantedBy} at ${before.since})`, { id: c.storeId, userId: c.userId, since: before.since, grantedBy: before.grantedBy });
      return this.stores.grant(tx, { storeId: c.storeId, userId: c.userId, since: new Date().toISOString(), grantedBy: actor.id, reason: c.reason });
    }, actor);
  }

  /** Also for a retired store or a deactivated account. NOT_FOUND as for a grant; CONFLICT when the account holds no grant on the store. */
  async revoke(actor: Actor, storeId: string, userId: string, reason: string): Promise<TrackingStore> {
    const c = await this.check(storeId, userId, reason);
    if (!(await this.accounts.byId(c.userId))) throw new NotFoundError('User', c.userId);
    return this.change('store.revokeWrite', c, async (tx, _store, before) => {
      if (!before) throw new ConflictError(`Account "${c.userId}" holds no grant to write to tracking store "${c.storeId}"`, { id: c.storeId, userId: c.userId });
      await this.stores.revoke(tx, c.storeId, c.userId);
      return null;
    }, actor);
  }

  /** The store's writers, ordered by account id; BAD_USER_INPUT for a malformed id. */
  async writersOf(storeId: string): Promise<StoreWriter[]> {
    parseIdOf(NodeType.TRACKING_STORE, storeId, 'storeId');
    return (await this.stores.writersOf([storeId]))[0];
  }

  /** FORBIDDEN naming the store when the account holds no grant on it. */
  async assertMayWrite(userId: string, store: TrackingStore): Promise<void> {
    if (!(await this.stores.mayWrite(userId, store.id))) throw new StoreWriteRefusedError(userId, store.id);
  }

  private async check(storeId: string, userId: string, reason: string): Promise<Checked> {
    parseIdOf(NodeType.TRACKING_STORE, storeId, 'storeId');
    return { storeId, userId: checkUserId(userId, 'userId'), reason: required('reason', reason, MAX_REASON_LENGTH) };
  }

  /** Under the store's lock: the decision and the change see the same grants, and the audit event says old → new. */
  private change(
    operation: string,
    c: Checked,
    apply: (tx: AuditTx, store: TrackingStore, before: StoreWriter | null) => Promise<StoreWriter | null>,
    actor: Actor,
  ): Promise<TrackingStore> {
    return this.writer.write(operation, async (tx) => {
      const store = await this.stores.lockInTx(tx, c.storeId);
      if (!store?.registration) throw new NodeNotFoundError(NodeType.TRACKING_STORE, c.storeId);
      const before = await this.stores.grantInTx(tx, c.storeId, c.userId);
      const after = await apply(tx, store, before);
      tx.audit(storeWriteDraft(actor, c.storeId, c.userId, before, after, c.reason));
      return store;
    });
  }
}
