import { randomBytes } from 'node:crypto';
import { verifyPassword } from '../../domain/identity/password';
import { type DemoParts, LOADER } from './demoFixtures';

/** The demo people a visitor may sign in as, and what each of them may do. */
export const DEMO_SIGN_INS = [
  { id: 'demo.author', can: 'SCIENTIST: registers and revises reports, signs them AUTHORED' },
  { id: 'demo.safety', can: 'SCIENTIST: records signals and moves them through their lifecycle' },
  { id: 'demo.reviewer', can: 'REVIEWER: signs reports REVIEWED' },
  { id: 'demo.qa', can: 'QA: signs reports APPROVED, reads the audit trail, exports packages' },
] as const;

/** A fresh random password for each demo sign-in. */
export function newDemoPasswords(): Map<string, string> {
  return new Map(DEMO_SIGN_INS.map((s) => [s.id, randomBytes(18).toString('base64url')]));
}

/** The passwords kept in the demo's sign-ins file; a file that does not hold one for each sign-in is refused, naming what is missing. */
export function parseDemoPasswords(json: string, file: string): Map<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new Error(`${file} is not JSON; delete it and run the demo again for new sign-ins`);
  }
  const passwords = new Map<string, string>();
  for (const s of DEMO_SIGN_INS) {
    const p = (parsed as Record<string, unknown> | null)?.[s.id];
    if (typeof p !== 'string' || p.length < 12) throw new Error(`${file} has no password for ${s.id}; delete it and run the demo again for new sign-ins`);
    passwords.set(s.id, p);
  }
  return passwords;
}

/**
 * Gives each demo person the password of the sign-ins file, changing only those that differ (a
 * database loaded before the file existed, or a file regenerated), each change an audited
 * password reset by the demo loader. Answers the ids whose password was set.
 */
export async function applyDemoPasswords({ repos, identity }: DemoParts, passwords: ReadonlyMap<string, string>): Promise<string[]> {
  const changed: string[] = [];
  for (const { id } of DEMO_SIGN_INS) {
    const password = passwords.get(id);
    const credentials = await repos.identity.credentialsOf(id);
    if (!password || !credentials) continue;
    if (credentials.passwordHash !== null && (await verifyPassword(password, credentials.passwordHash))) continue;
    await identity.resetPassword({ ...LOADER, address: null }, id, password, { temporary: false });
    changed.push(id);
  }
  return changed;
}
