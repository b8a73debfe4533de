import { formatId } from '../../src/domain/ids';
import { NodeType } from '../../src/domain/nodeType';
import type { TestApi } from './api';
import { facet, postEvent, runEvent, uuid } from './openlineage';

/** The demo dataset most runs read, as OpenLineage names it. */
export const SHARED_DATASET = { namespace: 's3://pv-data', name: 'faers/2024Q1/drug_event.parquet' };
export const SHARED_DATASET_ID = formatId(NodeType.DATASET, SHARED_DATASET.namespace, SHARED_DATASET.name);
export const WRITER_JOB = { namespace: 'airflow://pv', name: 'faers_load.extract' };
export const READER_JOB = { namespace: 'airflow://pv', name: 'faers_load.profile' };
/** A column only the OpenLineage producer's schema facet names: the MLflow schema has no such field. */
export const OL_ONLY_FIELD = 'ingested_at';

/**
 * Two OpenLineage jobs around the demo's shared dataset: one writes it (with a schema facet naming
 * `drug`, which MLflow's schema also names, and `ingested_at`, which it does not), one reads it.
 */
export async function postDatasetJobs(api: TestApi): Promise<void> {
  const at = (minute: number) => new Date(Date.UTC(2024, 3, 1, 6, minute)).toISOString();
  const writer = runEvent({ eventType: 'COMPLETE', runId: uuid(), job: WRITER_JOB, eventTime: at(0), outputs: [SHARED_DATASET] });
  (writer.outputs as Record<string, unknown>[])[0].facets = { schema: facet({ fields: [{ name: 'drug', type: 'VARCHAR' }, { name: OL_ONLY_FIELD, type: 'TIMESTAMP' }] }) };
  const reader = runEvent({ eventType: 'COMPLETE', runId: uuid(), job: READER_JOB, eventTime: at(5), inputs: [SHARED_DATASET] });
  for (const event of [writer, reader]) {
    const res = await postEvent(api, event);
    if (res.status !== 201) throw new Error(`OpenLineage event refused: ${res.status} ${JSON.stringify(res.body)}`);
  }
}
