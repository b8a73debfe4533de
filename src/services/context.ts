import type { Repositories } from '../graph/repositories';
import type { Loaders } from '../loaders/createLoaders';
import type { AuditServices } from './audit/auditService';
import type { IngestRunner } from './ingest/ingestRunner';
import type { IngestService } from './ingest/ingestService';
import type { StoreRegistry } from './stores/storeRegistry';
import type { StoreWriteGrants } from './stores/storeWriteGrants';

/** What every service call needs: the repositories, this request's loaders and the limits. */
export interface ServiceContext {
  readonly repos: Repositories;
  readonly loaders: Loaders;
  readonly limits: { readonly maxPageSize: number; readonly maxLineageDepth: number };
  /** Checkpoints, proofs, verification and the trail (shared by every request). */
  readonly audit: AuditServices;
  /** MLflow ingestion through the shared audited writer. */
  readonly ingest: IngestService;
  /** Registered tracking stores: what the API may ingest. */
  readonly stores: StoreRegistry;
  /** Write grants on registered stores: who may ingest a store, and attach OpenLineage runs above its runs. */
  readonly storeWrites: StoreWriteGrants;
  /** Ingestions started through the API, run off the request thread. */
  readonly ingestRunner: IngestRunner;
}
