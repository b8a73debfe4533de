import type { Role } from '../role';

/** How a request proved who it is. */
export type AuthMethod = 'API_TOKEN' | 'SESSION' | 'OIDC' | 'ANONYMOUS';

/** The caller of one request, resolved before any resolver runs. */
export interface Principal {
  readonly id: string;
  readonly displayName: string;
  readonly roles: readonly Role[];
  readonly method: AuthMethod;
  /** The pv-lineage token (API or session) used, when there was one; lets `logout` revoke it. */
  readonly tokenId?: string;
  /** The account's password is temporary (set by an administrator): only changing it or signing out is allowed. */
  readonly passwordChangeRequired?: boolean;
}

/** Principal id of the explicit, demo-only anonymous reader (PVL_ANONYMOUS_READ). */
export const ANONYMOUS_ID = 'anonymous';
