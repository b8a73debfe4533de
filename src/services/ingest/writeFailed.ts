/** The steps of an ingest that write, as the Ingestion record names them. */
const STEPS: Readonly<Record<string, string>> = {
  'ingest.start': 'the store and its experiments',
  'ingest.runs': 'a batch of runs',
  'ingest.models': 'the logged models, registry and reports',
  'ingest.markDeleted': 'the runs gone from the store',
};

/**
 * A write of an ingest that the graph refused. Its message is what the Ingestion record keeps,
 * which every reader can see; the driver's error, which may name indexes, element ids and the
 * refused value, stays in `cause` for the server log only.
 */
export class IngestWriteFailed extends Error {
  constructor(
    readonly operation: string,
    ingestionId: string,
    cause: unknown,
  ) {
    super(`Writing ${STEPS[operation] ?? operation} to the graph failed and was rolled back; the server log has the cause (ingestion ${ingestionId})`, { cause });
    this.name = 'IngestWriteFailed';
  }
}
