import { DomainError } from '../errors';

/** No or invalid credentials. `reason` is a stable machine-readable word (e.g. LOCKED, EXPIRED). */
export class UnauthenticatedError extends DomainError {
  constructor(message = 'Authentication required: send "Authorization: Bearer <token>"', reason?: string) {
    super('UNAUTHENTICATED', message, reason ? { reason } : {});
  }
}

/** Authenticated, but no held role allows the operation. */
export class ForbiddenError extends DomainError {
  constructor(operation: string, allowed: readonly string[]) {
    super('FORBIDDEN', `Not allowed to use "${operation}": it needs one of the roles ${allowed.join(', ')}`, { operation, allowed });
  }
}

/** Too many attempts from one account, address or token within the window. */
export class RateLimitedError extends DomainError {
  constructor(message: string, retryAfterSeconds: number) {
    super('RATE_LIMITED', message, { retryAfterSeconds });
  }
}
