import { systemActor, type Actor } from '../../domain/audit/actor';
import { ConflictError } from '../../domain/errors';
import type { AuditedWriter, AuditTx } from '../../graph/auditedWriter';
import type { IngestionLeaseRepository, InterruptedIngestion, RunningIngestion } from '../../graph/repositories/ingestionLeaseRepository';
import { ingestionDraft } from './auditDrafts';

export interface LeaseSettings {
  readonly heartbeatMs: number;
  readonly staleMs: number;
}

/** Who marks a dead ingestion INTERRUPTED in the audit trail: the server, not the caller who tripped over it. */
const RECOVERY: Actor = systemActor('ingest-recovery');

/** Signal 0 probes a pid without touching it; EPERM means it exists under another user. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Dead: its heartbeat is stale, or it ran on this host under a pid that no longer exists. */
export function isAbandoned(r: RunningIngestion, host: string): boolean {
  return r.stale || (r.host === host && r.pid !== null && r.pid !== process.pid && !alive(r.pid));
}

export function conflictWith(r: RunningIngestion): ConflictError {
  return new ConflictError(`Ingestion ${r.id} of store ${r.storeId} is already running (started ${r.startedAt} by ${r.actor}); wait for it to finish`, {
    argument: 'uri',
    ingestionId: r.id,
    storeId: r.storeId,
  });
}

/** Marks one ingestion INTERRUPTED with its audit event, inside the caller's transaction. */
export async function interruptIn(tx: AuditTx, leases: IngestionLeaseRepository, id: string, why: string): Promise<InterruptedIngestion | null> {
  const done = await leases.interrupt(tx, id, why);
  if (done) {
    tx.audit(ingestionDraft(RECOVERY, 'INGESTION_INTERRUPTED', done.id, { storeId: done.storeId, batches: done.batches, runsSeen: done.runsSeen, why }, `Ingestion ${done.id} stopped without finishing: ${why}`));
  }
  return done;
}

/**
 * Inside a start transaction: frees the store of dead ingestions, and refuses with CONFLICT
 * when a live one holds it.
 */
export async function takeOver(tx: AuditTx, leases: IngestionLeaseRepository, storeId: string, host: string, settings: LeaseSettings): Promise<void> {
  for (const r of await leases.running(storeId, settings.staleMs, tx)) {
    if (!isAbandoned(r, host)) throw conflictWith(r);
    await interruptIn(tx, leases, r.id, reasonFor(r));
  }
}

function reasonFor(r: RunningIngestion): string {
  return r.stale ? 'its heartbeat went stale' : `its process (pid ${String(r.pid)} on ${r.host}) is gone`;
}

/** Marks every dead ingestion (of one store, or all) INTERRUPTED; returns those it marked. */
export async function interruptAbandoned(
  writer: AuditedWriter,
  leases: IngestionLeaseRepository,
  storeId: string | null,
  host: string,
  settings: LeaseSettings,
): Promise<InterruptedIngestion[]> {
  const dead = (await leases.running(storeId, settings.staleMs)).filter((r) => isAbandoned(r, host));
  if (dead.length === 0) return [];
  return writer.write('ingest.interrupt', async (tx) => {
    const marked: InterruptedIngestion[] = [];
    for (const r of dead) {
      const done = await interruptIn(tx, leases, r.id, reasonFor(r));
      if (done) marked.push(done);
    }
    return marked;
  });
}

/**
 * Renews a running ingestion's heartbeat between batches (reads can be long); `lost` turns true
 * when the record was interrupted meanwhile, and the ingestion then stops at its next batch.
 */
export class Heartbeat {
  private timer: NodeJS.Timeout | null = null;
  lost = false;

  constructor(
    private readonly writer: AuditedWriter,
    private readonly leases: IngestionLeaseRepository,
    private readonly id: string,
    private readonly everyMs: number,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      this.writer.write('ingest.heartbeat', (tx) => this.leases.renew(tx, this.id)).then(
        (held) => {
          if (!held) this.lost = true;
        },
        // A missed beat is harmless until the record goes stale; the next one retries.
        () => undefined,
      );
    }, this.everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
