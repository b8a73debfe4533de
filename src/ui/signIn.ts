import { ApiProblem, type GraphQLClient } from './api';
import { byId } from './dom';
import type { Messages } from './messages';
import { LOGIN, LOGOUT } from './queries';
import { session } from './session';

interface LoginAnswer {
  login: { token: string; expiresAt: string; user: { id: string; displayName: string } };
}

/** The header's sign-in form and signed-in line, backed by the `login` and `logout` mutations. */
export class SignIn {
  private readonly form = byId<HTMLFormElement>('sign-in');
  private readonly signedIn = byId('signed-in');
  private readonly userName = byId('user-name');

  constructor(
    private readonly client: GraphQLClient,
    private readonly messages: Messages,
    /** Called after signing in or out, so the page can reload what the new identity may see. */
    private readonly changed: (signedIn: boolean) => void,
  ) {
    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.submit();
    });
    byId('sign-out').addEventListener('click', () => void this.signOut());
    this.refresh();
  }

  refresh(): void {
    const user = session.user();
    const token = session.token();
    this.form.hidden = token !== null;
    this.signedIn.hidden = token === null;
    this.userName.textContent = user ? `Signed in as ${user.displayName} (${user.id})` : 'Signed in';
  }

  /** Shows why a sign-in is needed and puts the cursor in the form. */
  require(reason: string): void {
    this.refresh();
    this.messages.set('auth', 'error', reason);
    this.form.querySelector<HTMLInputElement>('input[name="userId"]')?.focus();
  }

  /** The server refused the stored token: it expired, was revoked or the account was deactivated. */
  expired(): void {
    session.clear();
    this.require('Your session has expired or its token is no longer valid. Sign in again.');
  }

  private async submit(): Promise<void> {
    const data = new FormData(this.form);
    const userId = String(data.get('userId') ?? '').trim();
    const password = String(data.get('password') ?? '');
    try {
      // A stale token must not ride along with a login.
      session.clear();
      const answer = await this.client.request<LoginAnswer>(LOGIN, { userId, password });
      session.signIn(answer.login.token, answer.login.user);
      this.form.reset();
      this.messages.remove('auth');
      this.refresh();
      this.changed(true);
    } catch (err) {
      if (!(err instanceof ApiProblem)) throw err;
      this.messages.set('auth', 'error', err.kind === 'UNAUTHENTICATED' ? `Sign-in failed: ${err.message}` : err.message);
      this.form.querySelector<HTMLInputElement>('input[name="password"]')?.select();
    }
  }

  private async signOut(): Promise<void> {
    try {
      await this.client.request<{ logout: boolean }>(LOGOUT);
    } catch {
      // The token is dropped either way; a server that cannot revoke it now lets it expire.
    }
    session.clear();
    this.refresh();
    this.messages.set('auth', 'info', 'Signed out.');
    this.changed(false);
  }
}
