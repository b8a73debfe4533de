import type { Actor } from '../domain/audit/actor';
import type { Principal } from '../domain/identity/principal';
import { UnauthenticatedError } from '../domain/identity/errors';

/**
 * The audit actor for a request: the account, its printed name and the role that authorised
 * this operation (the first of the caller's roles the rule allows), so the trail records the
 * capacity someone acted in rather than every role they hold.
 */
export function actorOf(principal: Principal | null, rule: readonly string[]): Actor {
  if (!principal) throw new UnauthenticatedError();
  const role = principal.roles.find((r) => rule.includes(r)) ?? principal.roles[0] ?? null;
  return { id: principal.id, role, name: principal.displayName };
}
