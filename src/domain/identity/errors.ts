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

/** The account's password was set by an administrator: it must be changed before anything else. */
export class PasswordChangeRequiredError extends DomainError {
  static readonly MESSAGE = 'Your password was set by an administrator: change it with changePassword before doing anything else';
  constructor(operation?: string) {
    super('FORBIDDEN', PasswordChangeRequiredError.MESSAGE, { reason: 'PASSWORD_CHANGE_REQUIRED', ...(operation ? { operation } : {}) });
  }
}

/**
 * The one answer to a refused sign-in, whatever the cause (unknown id, wrong password, locked or
 * deactivated account), so the answer reveals neither which ids exist nor which are locked.
 */
export class SignInRefusedError extends UnauthenticatedError {
  static readonly MESSAGE = 'Sign-in refused: the user id or password is wrong, or the account cannot sign in now (an administrator can tell you which)';
  constructor() {
    super(SignInRefusedError.MESSAGE, 'BAD_CREDENTIALS');
  }
}
