import path from 'node:path';
import { Role } from '../../src/domain/role';
import type { GraphExecutor } from '../../src/graph/executor';
import { type GqlOptions, type GqlResult, type TestApi, TEST_USER_ID, provisionTestToken } from './api';
import { testRoot } from './composition';
import { tokenWithRoles } from './identity';

/** The demo fixtures' folder: tests that ingest them through the API list it, as the demo does. */
export const DEMO_STORES_ROOT = path.resolve(__dirname, '..', '..', 'demo/mlflow');

/** The API environment that admits the demo fixtures for registration. */
export const DEMO_INGEST_ENV: Record<string, string> = { PVL_INGEST_ROOTS: DEMO_STORES_ROOT };

const REGISTER = 'mutation($input: RegisterTrackingStoreInput!) { registerTrackingStore(input: $input) { id } }';
const GRANT = 'mutation($storeId: ID!, $userId: ID!) { grantStoreWrite(storeId: $storeId, userId: $userId, reason: "test") { id } }';

let admin: Promise<string> | null = null;

/** A mutation as an ADMIN of this database. */
async function asAdmin<T>(api: TestApi, query: string, variables: Record<string, unknown>): Promise<GqlResult<T>> {
  admin ??= tokenWithRoles([Role.ADMIN]);
  const res = await api.gql<T>(query, variables, { token: await admin });
  if (res.status !== 401) return res;
  // A test file that empties the database also removes the administrator.
  admin = tokenWithRoles([Role.ADMIN]);
  return api.gql<T>(query, variables, { token: await admin });
}

/**
 * Lets the account behind `options` (the API's default caller unless a token is given) write to
 * the store, as an ADMIN grants it (the API ingests a store, and links OpenLineage runs above its
 * runs, only for accounts with a grant). A caller without PIPELINE, or with the grant already, is left as is.
 */
export async function grantStoreWrite(api: TestApi, storeId: string, options: GqlOptions = {}): Promise<void> {
  const me = await api.gql<{ me: { id: string; roles: string[] } }>('{ me { id roles } }', undefined, options);
  if (!me.data?.me.roles.includes(Role.PIPELINE)) return;
  let res = await asAdmin(api, GRANT, { storeId, userId: me.data.me.id });
  if (res.errors?.[0].extensions?.code === 'NOT_FOUND' && me.data.me.id === TEST_USER_ID) {
    // The database was emptied while the API still holds the default caller's token in its
    // cache; a concurrent call may be making the account again at the same moment.
    await provisionTestToken().catch((err: { code?: string }) => {
      if (err.code !== 'CONFLICT') throw err;
    });
    res = await asAdmin(api, GRANT, { storeId, userId: me.data.me.id });
  }
  if (res.errors && res.errors[0].extensions?.code !== 'CONFLICT') throw new Error(`grantStoreWrite(${storeId}, ${me.data.me.id}) failed: ${JSON.stringify(res.errors)}`);
}

/**
 * Registers a store as an ADMIN (the API ingests only registered stores) and returns its id;
 * a store registered before is answered with its id too, so tests may call this repeatedly.
 * The API's default caller may write to it (grantStoreWrite).
 */
export async function registerStore(api: TestApi, uri: string, label = 'test store'): Promise<string> {
  const res = await asAdmin<{ registerTrackingStore: { id: string } }>(api, REGISTER, { input: { uri, label, reason: 'test' } });
  const conflict = res.errors?.find((e) => e.extensions?.code === 'CONFLICT');
  if (res.errors && !conflict) throw new Error(`registerTrackingStore(${uri}) failed: ${JSON.stringify(res.errors)}`);
  const id = conflict ? String(conflict.extensions?.id) : res.data!.registerTrackingStore.id;
  if (api.token) await grantStoreWrite(api, id);
  return id;
}

const OPERATOR = { id: 'test.operator', role: null, name: 'test operator (host)' };

/**
 * For a store a test wrote or ingested directly: registers it as the ingest CLI does and lets
 * the account (the API's default caller unless named) write to it, through the services the
 * admin CLI calls. Returns the store id.
 */
export async function grantStoreWriteOnHost(graph: GraphExecutor, uri: string, userId = TEST_USER_ID): Promise<string> {
  // A test file that empties the database also removes the API's default caller.
  if (userId === TEST_USER_ID) await provisionTestToken();
  const root = testRoot(graph);
  try {
    const store = await root.stores.registerFromHost(OPERATOR, uri);
    if (!(await root.storeWrites.writersOf(store.id)).some((w) => w.userId === userId)) await root.storeWrites.grant(OPERATOR, store.id, userId, 'test');
    return store.id;
  } finally {
    await root.close();
  }
}
