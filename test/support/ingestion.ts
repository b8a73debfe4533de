import type { IngestionRecord } from '../../src/graph/repositories/ingestRepository';
import type { GqlOptions, TestApi } from './api';

export const INGESTION_FIELDS = 'id status error storeId storeUri runsSeen added updated unchanged deleted skippedCount skipped batches heartbeatAt interruptedAt';

/** The record as `ingestion(id:)` answers it: the repository's shape, all fields selected. */
export type IngestionView = Omit<IngestionRecord, 'actor' | 'host' | 'storeKind' | 'startedAt' | 'finishedAt'>;

/** Polls `ingestion(id:)` until the record leaves RUNNING; jest's test timeout bounds the wait. */
export async function awaitIngestion(api: TestApi, id: string, options: GqlOptions = {}): Promise<IngestionView> {
  for (;;) {
    const res = await api.gql<{ ingestion: IngestionView }>(`query($id: ID!) { ingestion(id: $id) { ${INGESTION_FIELDS} } }`, { id }, options);
    if (res.errors) throw new Error(`ingestion(id: ${id}): ${res.errors[0].message}`);
    if (res.data!.ingestion.status !== 'RUNNING') return res.data!.ingestion;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Starts `ingestMlflow` and waits for it to end; throws on a GraphQL error. */
export async function ingestThroughApi(api: TestApi, uri: string, options: GqlOptions = {}): Promise<IngestionView> {
  const res = await api.gql<{ ingestMlflow: IngestionView }>(`mutation($uri: String!) { ingestMlflow(uri: $uri) { ${INGESTION_FIELDS} } }`, { uri }, options);
  if (res.errors) throw new Error(`ingestMlflow(${uri}): ${res.errors[0].extensions?.code} ${res.errors[0].message}`);
  return awaitIngestion(api, res.data!.ingestMlflow.id, options);
}
