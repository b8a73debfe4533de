import { BadInputError } from '../errors';
import { Role } from '../role';

export type AccountKind = 'USER' | 'SERVICE';

/** A stored account, without its password hash. */
export interface Account {
  readonly id: string;
  readonly displayName: string;
  readonly kind: AccountKind;
  readonly roles: readonly Role[];
  readonly active: boolean;
  readonly createdAt: string;
  readonly deactivatedAt: string | null;
  readonly passwordChangedAt: string | null;
  readonly failedLogins: number;
  readonly lockedUntil: string | null;
  /** The password was set by an administrator: until its holder replaces it, they may only change it or sign out. */
  readonly passwordChangeRequired: boolean;
}

/** Lower-case, starts with a letter: ids appear in audit trails and signatures, so keep them plain. */
export const USER_ID = /^[a-z][a-z0-9._-]{1,62}$/;

export function checkUserId(id: string, argument = 'userId'): string {
  if (!USER_ID.test(id)) {
    throw new BadInputError(argument, `"${id.slice(0, 80)}" is not a valid user id: 2-63 characters, lower-case letters, digits, ".", "_" or "-", starting with a letter`);
  }
  return id;
}

export function checkDisplayName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length < 1 || trimmed.length > 200 || /[\u0000-\u001f]/.test(trimmed)) {
    throw new BadInputError('displayName', 'The printed name must be 1-200 characters with no control characters');
  }
  return trimmed;
}

/** Roles only people hold; PIPELINE is only for service accounts, so a service account can never sign. */
const SERVICE_ROLES: ReadonlySet<Role> = new Set([Role.PIPELINE, Role.VIEWER]);

export function checkRoles(kind: AccountKind, roles: readonly Role[]): Role[] {
  const unique = [...new Set(roles)].sort();
  if (unique.length === 0) throw new BadInputError('roles', 'An account needs at least one role');
  for (const role of unique) {
    if (!Object.values(Role).includes(role)) throw new BadInputError('roles', `Unknown role "${String(role)}"`);
    if (kind === 'SERVICE' && !SERVICE_ROLES.has(role)) {
      throw new BadInputError('roles', `A service account may hold only ${[...SERVICE_ROLES].join(', ')}; "${role}" is for people`);
    }
    if (kind === 'USER' && role === Role.PIPELINE) {
      throw new BadInputError('roles', 'PIPELINE is for service accounts only');
    }
  }
  return unique;
}
