import type { Principal } from '../../domain/identity/principal';
import { ROLES_FOR_MEANING } from '../../domain/identity/roleRules';
import type { Report } from '../../domain/report';
import { type Signal, SignalStatus } from '../../domain/signal';
import type { SignatureMeaning } from '../../domain/signature';
import { elapsedDays } from '../../domain/elapsedDays';
import { AWAITED_MEANINGS, lapsedSignatures, mayEverSign, meaningsToSign } from '../../domain/signingWork';
import type { StoredCheckpoint } from '../../graph/repositories/auditRepository';
import type { IngestionRecord } from '../../graph/repositories/ingestRepository';
import type { ServiceContext } from '../context';

/** Reports read to build one signing worklist; a store with more open reports shows the oldest. */
export const MAX_SIGNING_CANDIDATES = 1000;
/** Items per list on the worklist. */
export const WORKLIST_ITEMS = 100;
/** Signals listed per lifecycle stage (the count covers them all). */
export const SIGNALS_PER_STAGE = 10;
/** Ingest records on the worklist, newest first. */
export const WORKLIST_INGESTIONS = 10;

/** A signature the account may give now. */
export interface SigningTask {
  readonly report: Report;
  readonly version: number;
  readonly meaning: SignatureMeaning;
  readonly author: string;
  /** When the version was registered: how long the signature has been waiting. */
  readonly waitingSince: string;
}

/** One of the account's signatures that a later revision left behind. */
export interface LapsedSignature {
  readonly report: Report;
  readonly signatureId: string;
  readonly meaning: SignatureMeaning;
  readonly signedVersion: number;
  readonly signedAt: string;
  readonly latestVersion: number;
  readonly latestAt: string;
}

export interface StagedSignal {
  readonly signal: Signal;
  readonly inStageSince: string | null;
  readonly daysInStage: number | null;
}

export interface SignalStage {
  readonly status: SignalStatus;
  readonly count: number;
  /** The signals longest in the stage; empty for the final stages, where age does not matter. */
  readonly oldest: readonly StagedSignal[];
}

/** The latest signed checkpoint of the audit log, and how far the log has grown since. */
export interface CheckpointStatus {
  readonly checkpoint: StoredCheckpoint;
  /** True when its signature verifies with a key this server holds. */
  readonly signatureValid: boolean;
  /** Events in the log now. */
  readonly logSize: number;
}

export interface Worklist {
  readonly asOf: string;
  readonly toSign: readonly SigningTask[] | null;
  readonly lapsedSignatures: readonly LapsedSignature[] | null;
  readonly signalStages: readonly SignalStage[] | null;
  readonly ingestions: readonly IngestionRecord[] | null;
  readonly auditCheckpoint: CheckpointStatus | null;
}

/** Which sections the account's roles may read (the role matrix decides; the schema passes it in). */
export interface WorklistAccess {
  readonly signals: boolean;
  readonly ingestions: boolean;
  readonly auditCheckpoint: boolean;
}

const FINAL_STAGES: readonly SignalStatus[] = [SignalStatus.NOT_VALIDATED, SignalStatus.CLOSED];

/**
 * The landing page of one account, by its roles: what it must sign (oldest waiting first), its
 * signatures a revision left behind, signals per GVP IX stage with their age, the latest
 * ingestions, and the audit log's latest checkpoint. A section the roles do not cover is null.
 */
export async function worklistFor(ctx: ServiceContext, principal: Principal, access: WorklistAccess, now: Date = new Date()): Promise<Worklist> {
  const signs = mayEverSign(principal);
  const [signing, signalStages, ingestions, auditCheckpoint] = await Promise.all([
    signs ? signingWork(ctx, principal) : null,
    access.signals ? stages(ctx, now) : null,
    access.ingestions ? ctx.repos.ingest.list(null, WORKLIST_INGESTIONS) : null,
    access.auditCheckpoint ? checkpointStatus(ctx) : null,
  ]);
  return { asOf: now.toISOString(), toSign: signing?.toSign ?? null, lapsedSignatures: signing?.lapsed ?? null, signalStages, ingestions, auditCheckpoint };
}

async function signingWork(ctx: ServiceContext, principal: Principal): Promise<{ toSign: SigningTask[]; lapsed: LapsedSignature[] }> {
  const meanings = AWAITED_MEANINGS.filter((m) => ROLES_FOR_MEANING[m].some((r) => principal.roles.includes(r)));
  const candidates = await ctx.repos.signatures.worklistCandidates(principal.id, meanings, MAX_SIGNING_CANDIDATES);
  const toSign: SigningTask[] = [];
  const lapsed: LapsedSignature[] = [];
  for (const { report, state } of candidates) {
    for (const meaning of meaningsToSign(principal, state)) {
      toSign.push({ report, version: state.latestVersion, meaning, author: state.author, waitingSince: state.latestAt });
    }
    for (const s of lapsedSignatures(principal, state)) {
      lapsed.push({ report, signatureId: s.id, meaning: s.meaning, signedVersion: s.version, signedAt: s.signedAt, latestVersion: state.latestVersion, latestAt: state.latestAt });
    }
  }
  // Oldest waiting first, then report id; within one report, meanings in signing order, lapsed signatures oldest first.
  toSign.sort((a, b) => a.waitingSince.localeCompare(b.waitingSince) || a.report.id.localeCompare(b.report.id) || AWAITED_MEANINGS.indexOf(a.meaning) - AWAITED_MEANINGS.indexOf(b.meaning));
  lapsed.sort((a, b) => a.latestAt.localeCompare(b.latestAt) || a.report.id.localeCompare(b.report.id) || a.signedAt.localeCompare(b.signedAt));
  return { toSign: toSign.slice(0, WORKLIST_ITEMS), lapsed: lapsed.slice(0, WORKLIST_ITEMS) };
}

/** Every lifecycle stage in GVP IX order, empty ones included, so a page can show the whole pipeline. */
async function stages(ctx: ServiceContext, now: Date): Promise<SignalStage[]> {
  const rows = new Map((await ctx.repos.signals.byStage(SIGNALS_PER_STAGE)).map((r) => [r.status, r]));
  return Object.values(SignalStatus).map((status) => {
    const row = rows.get(status);
    const oldest = FINAL_STAGES.includes(status) ? [] : (row?.oldest ?? []).map((o) => ({ ...o, daysInStage: elapsedDays(o.inStageSince, now) }));
    return { status, count: row?.count ?? 0, oldest };
  });
}

async function checkpointStatus(ctx: ServiceContext): Promise<CheckpointStatus | null> {
  const [checkpoint, logSize] = await Promise.all([ctx.repos.audit.checkpoint(null), ctx.repos.audit.logSize()]);
  if (!checkpoint) return null;
  let signatureValid = true;
  try {
    ctx.audit.checkpoints.open(checkpoint.note, 'checkpoint');
  } catch {
    signatureValid = false;
  }
  return { checkpoint, signatureValid, logSize };
}
