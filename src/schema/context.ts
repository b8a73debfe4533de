import type { Logger } from 'pino';
import type { Principal } from '../domain/identity/principal';
import type { ServiceContext } from '../services/context';
import type { IdentityService } from '../services/identity/identityService';

/** Per-request GraphQL context. */
export interface GraphQLContext {
  readonly requestId: string;
  readonly log: Logger;
  readonly serviceContext: ServiceContext;
  /** The authenticated caller; null for a request without credentials. */
  readonly principal: Principal | null;
  /** The client address, for login throttling and security events. */
  readonly address: string | null;
  readonly identity: IdentityService;
}
