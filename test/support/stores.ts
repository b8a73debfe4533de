import path from 'node:path';
import { Role } from '../../src/domain/role';
import type { TestApi } from './api';
import { tokenWithRoles } from './identity';

/** The demo fixtures' folder: tests that ingest them through the API list it, as the demo does. */
export const DEMO_STORES_ROOT = path.resolve(__dirname, '..', '..', 'demo/mlflow');

/** The API environment that admits the demo fixtures for registration. */
export const DEMO_INGEST_ENV: Record<string, string> = { PVL_INGEST_ROOTS: DEMO_STORES_ROOT };

const REGISTER = 'mutation($input: RegisterTrackingStoreInput!) { registerTrackingStore(input: $input) { id } }';

let admin: Promise<string> | null = null;

/**
 * Registers a store as an ADMIN (the API ingests only registered stores) and returns its id;
 * a store registered before is answered with its id too, so tests may call this repeatedly.
 */
export async function registerStore(api: TestApi, uri: string, label = 'test store'): Promise<string> {
  admin ??= tokenWithRoles([Role.ADMIN]);
  let token = await admin;
  let res = await api.gql<{ registerTrackingStore: { id: string } }>(REGISTER, { input: { uri, label, reason: 'test' } }, { token });
  if (res.status === 401) {
    // A test file that empties the database also removes the administrator.
    admin = tokenWithRoles([Role.ADMIN]);
    token = await admin;
    res = await api.gql(REGISTER, { input: { uri, label, reason: 'test' } }, { token });
  }
  const conflict = res.errors?.find((e) => e.extensions?.code === 'CONFLICT');
  if (conflict) return String(conflict.extensions?.id);
  if (res.errors) throw new Error(`registerTrackingStore(${uri}) failed: ${JSON.stringify(res.errors)}`);
  return (res.data as { registerTrackingStore: { id: string } }).registerTrackingStore.id;
}
