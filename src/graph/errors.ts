import { Neo4jError, isRetryableError } from 'neo4j-driver';
import { ConflictError, DomainError, TimeoutError, UnavailableError } from '../domain/errors';

const TIMEOUT_CODES = new Set([
  'Neo.ClientError.Transaction.TransactionTimedOut',
  'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
  'Neo.TransientError.Transaction.TransactionTimedOut',
  'Neo.TransientError.Transaction.TransactionTimedOutClientConfiguration',
]);

/**
 * Maps driver failures to domain errors. Anything unrecognised is rethrown as it is; the
 * GraphQL layer masks it, so driver text never reaches a client.
 */
export function translateDriverError(err: unknown): unknown {
  if (err instanceof DomainError) return err;
  if (!(err instanceof Neo4jError)) return err;
  if (TIMEOUT_CODES.has(err.code)) return new TimeoutError();
  if (err.code === 'ServiceUnavailable' || err.code === 'SessionExpired' || err.code === 'Neo.ClientError.Security.AuthenticationRateLimit') {
    return new UnavailableError();
  }
  if (err.code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
    return new ConflictError('The change conflicts with an existing record');
  }
  if (err.code.startsWith('Neo.TransientError') || isRetryableError(err)) return new UnavailableError();
  return err;
}
