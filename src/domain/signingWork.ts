import { DomainError } from './errors';
import { ROLES_FOR_MEANING, checkMaySign } from './identity/roleRules';
import { type Signature, SignatureMeaning, checkSigning } from './signature';

/**
 * What an account must sign next, and which of its signatures a revision has left behind,
 * decided by the signing rules themselves (`checkSigning`): an item is on a worklist exactly
 * when signing it now would be accepted, so the worklist never offers what the ceremony refuses.
 */

/** The meanings a report waits for, in the order they are given. RESPONSIBLE is not awaited: not every report needs one. */
export const AWAITED_MEANINGS: readonly SignatureMeaning[] = [SignatureMeaning.AUTHORED, SignatureMeaning.REVIEWED, SignatureMeaning.APPROVED];

/** One report's latest version and the signatures that bear on the account's work. */
export interface ReportSigningState {
  readonly reportId: string;
  readonly latestVersion: number;
  /** Author (createdBy) of the latest version. */
  readonly author: string;
  /** When the latest version was registered. */
  readonly latestAt: string;
  readonly withdrawn: boolean;
  /** Every signature on the latest version. */
  readonly onLatest: readonly Pick<Signature, 'meaning' | 'userId'>[];
  /** The account's own signatures on any version of the report. */
  readonly mine: readonly Pick<Signature, 'id' | 'meaning' | 'version' | 'signedAt'>[];
}

/** The account the worklist is for. */
export interface WorkAccount {
  readonly id: string;
  readonly roles: readonly string[];
}

/**
 * The meanings `account` may give the latest version now, in `AWAITED_MEANINGS` order. A
 * meaning someone has already given the latest version is done, not awaited (a second reviewer
 * is allowed, not needed). An account whose roles break separation of duties awaits nothing.
 */
export function meaningsToSign(account: WorkAccount, state: ReportSigningState): SignatureMeaning[] {
  if (state.withdrawn || !mayEverSign(account)) return [];
  return AWAITED_MEANINGS.filter((meaning) => {
    if (state.onLatest.some((s) => s.meaning === meaning)) return false;
    try {
      checkSigning({
        signer: { id: account.id, roles: account.roles, service: false },
        meaning,
        allowedRoles: ROLES_FOR_MEANING[meaning],
        requestedVersion: state.latestVersion,
        latestVersion: state.latestVersion,
        author: state.author,
        withdrawn: state.withdrawn,
        existing: state.onLatest,
      });
      return true;
    } catch (err) {
      if (err instanceof DomainError) return false;
      throw err;
    }
  });
}

/**
 * The account's signatures on an earlier version whose meaning it has not given the latest one:
 * a revision came after them, so they no longer cover what the report now says. Oldest first.
 */
export function lapsedSignatures(account: WorkAccount, state: ReportSigningState): ReportSigningState['mine'][number][] {
  if (state.withdrawn) return [];
  const renewed = new Set(state.onLatest.filter((s) => s.userId === account.id).map((s) => s.meaning));
  return state.mine
    .filter((s) => s.version < state.latestVersion && !renewed.has(s.meaning))
    .sort((a, b) => a.signedAt.localeCompare(b.signedAt) || a.id.localeCompare(b.id));
}

/** Whether the account holds a role some awaited meaning needs, and its roles keep duties apart. */
export function mayEverSign(account: WorkAccount): boolean {
  try {
    checkMaySign(account.id, account.roles);
  } catch (err) {
    if (err instanceof DomainError) return false;
    throw err;
  }
  return AWAITED_MEANINGS.some((m) => ROLES_FOR_MEANING[m].some((r) => account.roles.includes(r)));
}
