import type { Composition } from '../../src/composition/root';
import { Role } from '../../src/domain/role';

/**
 * A VIEWER account and API token for the harness, made the way test/support/api.ts makes its
 * test caller, so benchmark requests pay the real Bearer-token check (through its cache).
 */
export async function benchToken({ repos, identity }: Composition, id = 'bench.reader', roles: readonly Role[] = [Role.VIEWER]): Promise<string> {
  const repo = repos.identity;
  if (!(await repo.byId(id))) {
    await repo.createAccount(
      { id, displayName: `Benchmark ${id}`, kind: 'USER', roles: [...roles], passwordHash: null },
      { type: 'USER_CREATED', subject: id, actor: 'bench', address: null, detail: {} },
      new Date(),
    );
  }
  return (await identity.issueApiToken({ id: 'bench', address: null }, id, 1, 'bench')).secret;
}
