import { DomainError } from './errors';

/**
 * A PIPELINE account's grant to write into one tracking store: to ingest it through the API and
 * to attach OpenLineage runs above its runs (docs/security.md, "Who may write to a store").
 */
export interface StoreWriter {
  readonly userId: string;
  /** The account's printed name now (null when the account is gone). */
  readonly displayName: string | null;
  /** When the grant was made (ISO-8601, UTC). */
  readonly since: string;
  /** Account id of the administrator who granted it. */
  readonly grantedBy: string;
  readonly reason: string;
}

/** The grant an OpenLineage event or an API ingestion needed and the account does not hold. */
export class StoreWriteRefusedError extends DomainError {
  constructor(userId: string, storeId: string, run: { readonly olRunId: string; readonly mlflowRunId: string } | null = null) {
    const need = `account "${userId}" may not write to tracking store ${storeId} (an ADMIN grants it with grantStoreWrite)`;
    super(
      'FORBIDDEN',
      run ? `OpenLineage run ${run.olRunId} cannot be attached above MLflow run ${run.mlflowRunId}: ${need}` : `Cannot ingest tracking store ${storeId}: ${need}`,
      { rule: 'STORE_WRITE', userId, storeId, ...(run ? { runId: run.mlflowRunId, olRunId: run.olRunId } : {}) },
    );
  }
}
