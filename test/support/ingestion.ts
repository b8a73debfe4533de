import type { IngestionRecord } from '../../src/graph/repositories/ingestRepository';
import type { GqlOptions, TestApi } from './api';
import { grantStoreWrite, registerStore } from './stores';

export const INGESTION_FIELDS = 'id status error storeId storeUri runsSeen added updated unchanged deleted skippedCount skipped notOffered batches heartbeatAt interruptedAt';

/** The record as `ingestion(id:)` answers it: the repository's shape, all fields selected. */
export type IngestionView = Omit<IngestionRecord, 'actor' | 'host' | 'storeKind' | 'startedAt' | 'finishedAt'>;

const START = `mutation($storeId: ID!) { ingestMlflow(storeId: $storeId) { ${INGESTION_FIELDS} } }`;

/** Polls `ingestion(id:)` until the record leaves RUNNING; jest's test timeout bounds the wait. */
export async function awaitIngestion(api: TestApi, id: string, options: GqlOptions = {}): Promise<IngestionView> {
  for (;;) {
    const res = await api.gql<{ ingestion: IngestionView }>(`query($id: ID!) { ingestion(id: $id) { ${INGESTION_FIELDS} } }`, { id }, options);
    if (res.errors) throw new Error(`ingestion(id: ${id}): ${res.errors[0].message}`);
    if (res.data!.ingestion.status !== 'RUNNING') return res.data!.ingestion;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Starts `ingestMlflow` for a store and returns the RUNNING record; the store is registered
 * first (as an ADMIN), so the API under test must list it in its allow-lists, and the caller
 * is granted write access to it, as an operator would before a pipeline's first ingestion.
 */
export async function startIngestThroughApi(api: TestApi, uri: string, options: GqlOptions = {}): Promise<IngestionView> {
  const storeId = await registerStore(api, uri);
  if (options.token) await grantStoreWrite(api, storeId, options);
  const res = await api.gql<{ ingestMlflow: IngestionView }>(START, { storeId }, options);
  if (res.errors) throw new Error(`ingestMlflow(${uri}): ${res.errors[0].extensions?.code} ${res.errors[0].message}`);
  return res.data!.ingestMlflow;
}

/** Starts `ingestMlflow` and waits for it to end; throws on a GraphQL error. */
export async function ingestThroughApi(api: TestApi, uri: string, options: GqlOptions = {}): Promise<IngestionView> {
  const started = await startIngestThroughApi(api, uri, options);
  return awaitIngestion(api, started.id, options);
}
