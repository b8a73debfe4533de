import type { Logger } from 'pino';
import type { Composition } from './composition/root';

/**
 * Ingestions whose process died stay RUNNING until someone notices: the server does so at
 * start (ones of a previous process on this host) and then whenever a heartbeat goes stale.
 */
export function watchIngestions(root: Composition, log: Pick<Logger, 'info' | 'warn'>): void {
  const sweep = () =>
    root.ingest.interruptAbandoned().then(
      (marked) => {
        for (const m of marked) log.info({ ingestion: m.id, store: m.storeId, batches: m.batches }, 'marked an abandoned ingestion INTERRUPTED');
      },
      (err: Error) => log.warn({ err: err.message }, 'could not check for abandoned ingestions'),
    );
  void sweep();
  setInterval(() => void sweep(), root.config.ingestLease.staleMs).unref();
}
