import type { Config } from '../../src/config';
import { Role } from '../../src/domain/role';
import type { GraphExecutor } from '../../src/graph/executor';
import { IdentityRepository } from '../../src/graph/repositories/identityRepository';
import { AuditedWriter } from '../../src/graph/auditedWriter';
import { IdentityService } from '../../src/services/identity/identityService';

/**
 * A VIEWER account and API token for the harness, made the way test/support/api.ts makes its
 * test caller, so benchmark requests pay the real Bearer-token check (through its cache).
 */
export async function benchToken(graph: GraphExecutor, config: Config): Promise<string> {
  const repo = new IdentityRepository(graph, new AuditedWriter(graph));
  const id = 'bench.reader';
  if (!(await repo.byId(id))) {
    await repo.createAccount(
      { id, displayName: 'Benchmark reader', kind: 'USER', roles: [Role.VIEWER], passwordHash: null },
      { type: 'USER_CREATED', subject: id, actor: 'bench', address: null, detail: {} },
      new Date(),
    );
  }
  const identity = new IdentityService(repo, config.security);
  return (await identity.issueApiToken({ id: 'bench', address: null }, id, 1, 'bench')).secret;
}
