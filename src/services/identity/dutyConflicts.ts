import type { Account } from '../../domain/identity/account';
import { DutyRule, dutyConflict } from '../../domain/identity/roleRules';
import type { Role } from '../../domain/role';
import type { IdentityRepository } from '../../graph/repositories/identityRepository';

/** An account whose roles break a duty rule, with the roles at fault. */
export interface DutyConflict {
  readonly account: Account;
  readonly rule: DutyRule;
  readonly conflicting: readonly Role[];
}

type Accounts = Pick<IdentityRepository, 'list'>;

/**
 * Accounts holding ADMIN beside a signing role. Grants like that are refused now, but accounts
 * made before the rule (or edited in the database) may still hold them; they cannot sign until
 * an ADMIN takes one side away. Derived from the roles each time, so fixing the roles clears it.
 */
export async function dutyConflicts(accounts: Accounts, includeInactive = true): Promise<DutyConflict[]> {
  return (await accounts.list(includeInactive))
    .map((account) => ({ account, rule: DutyRule.ADMIN_NEVER_SIGNS, conflicting: dutyConflict(account.roles) }))
    .filter((c) => c.conflicting.length > 0);
}

/** Events after which a conflict counts as not yet reported. */
const ROLE_EVENTS = ['USER_CREATED', 'ROLES_CHANGED'];

/**
 * The migration of accounts that broke the rule before it existed: each one gets a DUTY_CONFLICT
 * security event, written through the audited writer like every security event, unless one was
 * written since its roles last changed. Run after the schema migrations (they cannot write
 * audited data); running it again writes nothing new. Returns the accounts in conflict.
 */
export async function reportDutyConflicts(repo: Accounts & Pick<IdentityRepository, 'securityEvents' | 'securityEvent'>, actor: string): Promise<DutyConflict[]> {
  const found = await dutyConflicts(repo);
  for (const c of found) {
    const [latest] = await repo.securityEvents({ subject: c.account.id, types: ['DUTY_CONFLICT', ...ROLE_EVENTS], limit: 1 });
    if (latest?.type === 'DUTY_CONFLICT') continue;
    await repo.securityEvent({
      type: 'DUTY_CONFLICT',
      subject: c.account.id,
      actor,
      actorName: 'pv-lineage separation-of-duties check',
      address: null,
      detail: { rule: c.rule, conflicting: [...c.conflicting], roles: [...c.account.roles] },
    });
  }
  return found;
}
