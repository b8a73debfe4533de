import { DomainError } from '../errors';
import { Role } from '../role';
import { SignatureMeaning } from '../signature';

/**
 * Separation of duties. Whoever manages accounts must not also sign or review what those
 * accounts produce: an ADMIN could otherwise grant itself REVIEWER, sign, and revoke the role
 * again. And nobody edits their own roles, so every grant has a second person behind it.
 */

/** The rule names errors, security events and `dutyConflicts` carry, so a refusal can be looked up. */
export enum DutyRule {
  /** ADMIN never sits on one account with a role that signs or reviews. */
  ADMIN_NEVER_SIGNS = 'ADMIN_NEVER_SIGNS',
  /** No account changes its own roles. */
  NO_SELF_ROLE_CHANGE = 'NO_SELF_ROLE_CHANGE',
}

/** The role each signature meaning needs; the role matrix (`AUTH.sign*`) reads its rules from here. */
export const ROLES_FOR_MEANING = {
  [SignatureMeaning.AUTHORED]: [Role.SCIENTIST],
  [SignatureMeaning.REVIEWED]: [Role.REVIEWER],
  [SignatureMeaning.APPROVED]: [Role.QA],
  [SignatureMeaning.RESPONSIBLE]: [Role.QA],
} as const satisfies Record<SignatureMeaning, readonly Role[]>;

/** Roles that sign or review records (and QA's reading of the whole trail comes with signing). */
export const SIGNING_ROLES: readonly Role[] = [Role.SCIENTIST, Role.REVIEWER, Role.QA];

/** A refusal under one of the duty rules: CONFLICT for a role set that breaks it, FORBIDDEN for acting on oneself. */
export class DutyRuleError extends DomainError {
  constructor(code: 'CONFLICT' | 'FORBIDDEN', rule: DutyRule, message: string, details: Record<string, unknown> = {}) {
    super(code, `${message} (rule ${rule})`, { rule, ...details });
  }
}

/** The signing roles a role set holds next to ADMIN, sorted; empty when its duties are apart. */
export function dutyConflict(roles: readonly string[]): Role[] {
  if (!roles.includes(Role.ADMIN)) return [];
  return SIGNING_ROLES.filter((r) => roles.includes(r));
}

/** Refuses a role set that breaks ADMIN_NEVER_SIGNS: a grant at creation, in `setUserRoles` or from the CLI. */
export function checkDutySeparation(roles: readonly string[]): void {
  const conflicting = dutyConflict(roles);
  if (conflicting.length === 0) return;
  throw new DutyRuleError(
    'CONFLICT',
    DutyRule.ADMIN_NEVER_SIGNS,
    `An ADMIN account cannot also hold ${conflicting.join(', ')}: those roles sign or review, and whoever manages accounts must not; give them to a separate account`,
    { argument: 'roles', conflicting },
  );
}

/** Refuses a change of one's own roles (NO_SELF_ROLE_CHANGE), then a role set that mixes duties. */
export function checkRoleChange(actorId: string, userId: string, roles: readonly string[]): void {
  if (actorId === userId) {
    throw new DutyRuleError('FORBIDDEN', DutyRule.NO_SELF_ROLE_CHANGE, 'No account changes its own roles; ask another administrator', { operation: 'setUserRoles' });
  }
  checkDutySeparation(roles);
}

/** Refuses signing by an account whose roles break ADMIN_NEVER_SIGNS, until an ADMIN separates them. */
export function checkMaySign(userId: string, roles: readonly string[]): void {
  const conflicting = dutyConflict(roles);
  if (conflicting.length === 0) return;
  throw new DutyRuleError(
    'CONFLICT',
    DutyRule.ADMIN_NEVER_SIGNS,
    `Account ${userId} holds ADMIN together with ${conflicting.join(', ')}; it cannot sign until another administrator removes one side`,
    { operation: 'signReport', conflicting },
  );
}

/**
 * Why a stored signature's roles do not hold, or null when they do: the role recorded at signing
 * must be one the meaning needs, and the signer must not since have been given ADMIN beside it.
 * A signature made before roles were recorded (`signerRole` null) is judged on the second alone.
 */
export function signerRoleProblem(meaning: SignatureMeaning, signerRole: string | null, currentRoles: readonly string[] | null): string | null {
  const allowed: readonly string[] = ROLES_FOR_MEANING[meaning] ?? [];
  if (signerRole !== null && !allowed.includes(signerRole)) {
    return `The signature was made as ${signerRole}, a role that cannot sign ${meaning} (it needs ${allowed.join(', ')})`;
  }
  const conflicting = currentRoles ? dutyConflict(currentRoles) : [];
  if (conflicting.length > 0) {
    return `The signer now holds ADMIN together with ${conflicting.join(', ')} (rule ${DutyRule.ADMIN_NEVER_SIGNS})`;
  }
  return null;
}
