import type { Logger } from 'pino';
import type { ServiceContext } from '../services/context';

/** Per-request GraphQL context. */
export interface GraphQLContext {
  readonly requestId: string;
  readonly log: Logger;
  readonly services: ServiceContext;
}
