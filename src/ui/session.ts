/**
 * The sign-in token lives in sessionStorage: it survives a reload but not the tab, and other
 * sites cannot read it. The GraphiQL page on the same origin reads the same key.
 */
export const TOKEN_KEY = 'pvl.token';
const USER_KEY = 'pvl.user';

export interface SignedInUser {
  readonly id: string;
  readonly displayName: string;
}

export const session = {
  token(): string | null {
    return sessionStorage.getItem(TOKEN_KEY);
  },
  user(): SignedInUser | null {
    const raw = sessionStorage.getItem(USER_KEY);
    if (!raw) return null;
    try {
      return JSON.parse(raw) as SignedInUser;
    } catch {
      return null;
    }
  },
  signIn(token: string, user: SignedInUser): void {
    sessionStorage.setItem(TOKEN_KEY, token);
    sessionStorage.setItem(USER_KEY, JSON.stringify(user));
  },
  clear(): void {
    sessionStorage.removeItem(TOKEN_KEY);
    sessionStorage.removeItem(USER_KEY);
  },
};
