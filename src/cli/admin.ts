import 'reflect-metadata';
import { userInfo } from 'node:os';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { Command, InvalidArgumentError } from 'commander';
import { ConfigError, loadConfig } from '../config';
import { DomainError } from '../domain/errors';
import type { Account } from '../domain/identity/account';
import { Role } from '../domain/role';
import { compose } from '../composition/root';
import type { TrackingStore } from '../domain/trackingStore';
import { generateSignerKey } from '../domain/audit/note';
import type { Actor, IdentityService } from '../services/identity/identityService';
import { reportDutyConflicts } from '../services/identity/dutyConflicts';
import type { Composition } from '../composition/root';

/**
 * `npm run admin -- <command>`: account, role, token and tracking-store management from the
 * terminal, through the same services the GraphQL mutations use. The actor recorded in security events is
 * `cli:<OS user>`. Passwords come from a hidden prompt or PVL_ADMIN_PASSWORD, never an argument.
 */
const actor: Actor = { id: `cli:${userInfo().username}`, address: null, name: `${userInfo().username} (admin CLI)`, role: Role.ADMIN };

async function readPassword(prompt: string): Promise<string> {
  const fromEnv = process.env.PVL_ADMIN_PASSWORD;
  if (fromEnv) return fromEnv;
  let muted = false;
  const output = new Writable({ write: (chunk, _enc, done) => (muted ? done() : process.stderr.write(chunk, done)) });
  const rl = createInterface({ input: process.stdin, output, terminal: process.stdin.isTTY === true });
  try {
    const ask = (q: string) =>
      new Promise<string>((resolve) => {
        muted = false;
        rl.question(q, resolve);
        muted = true;
      });
    const first = await ask(prompt);
    if (!process.stdin.isTTY) return first;
    process.stderr.write('\n');
    const again = await ask('Repeat it: ');
    process.stderr.write('\n');
    if (first !== again) throw new DomainError('BAD_USER_INPUT', 'The two passwords differ');
    return first;
  } finally {
    rl.close();
  }
}

function roles(value: string): Role[] {
  const list = value.split(',').map((s) => s.trim().toUpperCase()).filter(Boolean);
  for (const r of list) if (!(Object.values(Role) as string[]).includes(r)) throw new InvalidArgumentError(`"${r}" is not one of ${Object.values(Role).join(', ')}`);
  return list as Role[];
}

function days(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a whole number of days, at least 1');
  return n;
}

const show = (a: Account) =>
  `${a.id}\t${a.kind}\t${a.roles.join(',')}\t${a.active ? 'active' : `deactivated ${a.deactivatedAt}`}${a.lockedUntil ? `\tlocked until ${a.lockedUntil}` : ''}\t${a.displayName}`;

async function withRoot<T>(work: (root: Composition) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const root = compose(config);
  try {
    await root.prepare();
    return await work(root);
  } finally {
    await root.close();
  }
}

const storeActor = { id: actor.id, role: Role.ADMIN, name: `${userInfo().username} (admin CLI)` };
const withService = <T>(work: (s: IdentityService) => Promise<T>): Promise<T> => withRoot((root) => work(root.identity));

const showStore = (s: TrackingStore) =>
  `${s.id}\t${s.kind}\t${s.registration?.retiredAt ? `retired ${s.registration.retiredAt}` : 'active'}\t${s.uri}\t${s.registration?.label ?? ''}`;

const out = (line: string): void => void process.stdout.write(`${line}\n`);

function program(): Command {
  const cli = new Command('admin').description('Manage pv-lineage users, roles and API tokens.').showHelpAfterError();
  cli
    .command('bootstrap')
    .description('Create the first ADMIN (refused once an active ADMIN exists).')
    .requiredOption('--user <id>', 'user id of the administrator')
    .requiredOption('--name <printed name>', 'printed name')
    .action(async (o: { user: string; name: string }) => {
      const password = await readPassword(`Password for ${o.user}: `);
      const a = await withService((s) => s.bootstrapAdmin(actor, { id: o.user, displayName: o.name, password }));
      out(`Created administrator ${a.id} (${a.displayName}).`);
    });

  const user = cli.command('user').description('Accounts.');
  user
    .command('create')
    .description('Create a person (temporary password prompted: they change it at their first sign-in) or a service account (--service).')
    .requiredOption('--user <id>', 'user id (never reused)')
    .requiredOption('--name <printed name>', 'printed name')
    .requiredOption('--roles <list>', `comma-separated: ${Object.values(Role).join(', ')}`, roles)
    .option('--service', 'a service account (API tokens only, no password)')
    .action(async (o: { user: string; name: string; roles: Role[]; service?: boolean }) => {
      const password = o.service ? null : await readPassword(`Password for ${o.user}: `);
      const a = await withService((s) => s.createAccount(actor, { id: o.user, displayName: o.name, kind: o.service ? 'SERVICE' : 'USER', roles: o.roles, password }));
      out(show(a));
    });
  user
    .command('list')
    .option('--all', 'include deactivated accounts')
    .action(async (o: { all?: boolean }) => (await withService((s) => s.list(o.all === true))).forEach((a) => out(show(a))));
  user
    .command('roles')
    .description('Replace the roles of an account.')
    .requiredOption('--user <id>', 'user id')
    .requiredOption('--roles <list>', 'the complete new set', roles)
    .action(async (o: { user: string; roles: Role[] }) => out(show(await withService((s) => s.setRoles(actor, o.user, o.roles)))));
  user
    .command('conflicts')
    .description('List accounts holding ADMIN beside a signing role (rule ADMIN_NEVER_SIGNS); they cannot sign until their roles are split. Records a DUTY_CONFLICT security event for each not yet reported.')
    .action(async () => {
      const found = await withRoot((root) => reportDutyConflicts(root.repos.identity, actor.id));
      for (const c of found) out(`${show(c.account)}\t${c.rule}: ADMIN with ${c.conflicting.join(',')}`);
      if (found.length === 0) process.stderr.write('No account breaks separation of duties.\n');
    });
  for (const [name, active] of [['deactivate', false], ['reactivate', true]] as const) {
    user
      .command(name)
      .requiredOption('--user <id>', 'user id')
      .action(async (o: { user: string }) => out(show(await withService((s) => s.setActive(actor, o.user, active)))));
  }
  user
    .command('unlock')
    .requiredOption('--user <id>', 'user id')
    .action(async (o: { user: string }) => out(show(await withService((s) => s.unlock(actor, o.user)))));
  user
    .command('password')
    .description('Set a temporary password (prompted): until the user changes it they can do nothing else, and cannot sign.')
    .requiredOption('--user <id>', 'user id')
    .action(async (o: { user: string }) => {
      const password = await readPassword(`New password for ${o.user}: `);
      out(show(await withService((s) => s.resetPassword(actor, o.user, password))));
    });

  const token = cli.command('token').description('API tokens.');
  token
    .command('create')
    .description('Issue an API token; it is printed once and cannot be shown again.')
    .requiredOption('--user <id>', 'the account the token acts as')
    .option('--expires <days>', 'lifetime in days (default: PVL_API_TOKEN_MAX_DAYS)', days)
    .option('--label <text>', 'what the token is for')
    .action(async (o: { user: string; expires?: number; label?: string }) => {
      const t = await withService((s) => s.issueApiToken(actor, o.user, o.expires ?? null, o.label ?? null));
      process.stderr.write(`Token ${t.info.id} for ${t.info.userId}, expires ${t.info.expiresAt}. Store it now; it is not shown again.\n`);
      out(t.secret);
    });
  token
    .command('list')
    .requiredOption('--user <id>', 'user id')
    .option('--all', 'include revoked and expired tokens')
    .action(async (o: { user: string; all?: boolean }) => {
      for (const t of await withService((s) => s.tokensOf(o.user, o.all === true))) {
        out(`${t.id}\t${t.kind}\tcreated ${t.createdAt}\texpires ${t.expiresAt ?? 'never'}${t.revokedAt ? `\trevoked ${t.revokedAt}` : ''}\t${t.label ?? ''}`);
      }
    });
  token
    .command('revoke')
    .requiredOption('--token <id>', 'token id (tok_…)')
    .action(async (o: { token: string }) => {
      const t = await withService((s) => s.revokeToken({ ...actor, mayRevokeOthers: true }, o.token));
      out(`Revoked ${t.id} (${t.userId}) at ${t.revokedAt}. Other replicas stop accepting it within PVL_TOKEN_CACHE_TTL_MS.`);
    });
  const store = cli.command('store').description('Tracking stores the API may ingest (within PVL_INGEST_ROOTS and PVL_INGEST_ORIGINS).');
  store
    .command('add')
    .description('Register a tracking store for ingestion through the API.')
    .requiredOption('--uri <location>', 'absolute folder or file://, sqlite:///, http(s)://')
    .requiredOption('--label <text>', 'what the store is')
    .requiredOption('--reason <text>', 'why it is registered (audited)')
    .action(async (o: { uri: string; label: string; reason: string }) => out(showStore(await withRoot((r) => r.stores.register(storeActor, o)))));
  store
    .command('list')
    .option('--all', 'include retired stores')
    .action(async (o: { all?: boolean }) => (await withRoot((r) => r.stores.list(o.all === true))).forEach((s) => out(showStore(s))));
  store
    .command('retire')
    .description('Retire a registered store: the API no longer ingests it.')
    .requiredOption('--id <store id>', 'typed id store:<storeKey>')
    .requiredOption('--reason <text>', 'why it is retired (audited)')
    .action(async (o: { id: string; reason: string }) => out(showStore(await withRoot((r) => r.stores.retire(storeActor, o.id, o.reason)))));
  for (const [verb, description] of [
    ['grant', 'Let a PIPELINE account write to a registered store: ingest it through the API, attach OpenLineage runs above its runs.'],
    ['revoke', 'Take back a write grant.'],
  ] as const) {
    store
      .command(verb)
      .description(description)
      .requiredOption('--id <store id>', 'typed id store:<storeKey>')
      .requiredOption('--user <id>', 'the PIPELINE account')
      .requiredOption('--reason <text>', `why it is ${verb}ed (audited)`)
      .action(async (o: { id: string; user: string; reason: string }) =>
        out(showStore(await withRoot((r) => (verb === 'grant' ? r.storeWrites.grant(storeActor, o.id, o.user, o.reason) : r.storeWrites.revoke(storeActor, o.id, o.user, o.reason))))),
      );
  }
  store
    .command('writers')
    .description('The accounts that may write to a store, by account id.')
    .requiredOption('--id <store id>', 'typed id store:<storeKey>')
    .action(async (o: { id: string }) =>
      (await withRoot((r) => r.storeWrites.writersOf(o.id))).forEach((w) => out(`${w.userId}\tsince ${w.since}\tgranted by ${w.grantedBy}\t${w.reason}`)),
    );
  cli
    .command('audit-key')
    .description('Generate an audit checkpoint signing key. The signer key goes to stdout (store it as a secret, e.g. the file PVL_AUDIT_SIGNING_KEY_FILE names); the verifier key goes to stderr (publish it).')
    .requiredOption('--name <origin>', 'key name, normally the log origin (PVL_AUDIT_ORIGIN)')
    .action((o: { name: string }) => {
      const key = generateSignerKey(o.name);
      process.stderr.write(`Key ${key.keyId}. Verifier key (public, add it to PVL_AUDIT_VERIFIER_KEYS when this key is retired):\n${key.verifierKey}\n`);
      out(key.signerKey);
    });
  return cli;
}

program()
  .parseAsync(process.argv)
  .catch((err: Error) => {
    const message = err instanceof DomainError || err instanceof ConfigError ? err.message : `unexpected error: ${err.message}`;
    process.stderr.write(`admin: ${message}\n`);
    process.exit(err instanceof DomainError ? 2 : 1);
  });
