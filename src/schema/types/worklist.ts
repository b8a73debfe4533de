import { Field, Int, ObjectType } from 'type-graphql';
import { SignalStatus } from '../../domain/signal';
import { SignatureMeaning } from '../../domain/signature';
import { AuditCheckpointType } from './audit';
import { IngestionType } from './ingestion';
import { ReportType } from './report';
import { SignalType } from './signal';
import './signature';

@ObjectType('SigningTask', { description: 'A signature the signed-in account may give now: the signing rules would accept it.' })
export class SigningTaskType {
  @Field(() => ReportType, { description: 'The report to sign.' })
  report!: ReportType;

  @Field(() => Int, { description: 'The version to sign: always the latest.' })
  version!: number;

  @Field(() => SignatureMeaning, { description: 'The meaning to sign it with.' })
  meaning!: SignatureMeaning;

  @Field({ description: 'Account id of the version’s author.' })
  author!: string;

  @Field({ description: 'When the version was registered (ISO-8601, UTC): how long the signature has been waiting.' })
  waitingSince!: string;
}

@ObjectType('LapsedSignature', { description: 'One of the account’s signatures on an earlier version: a revision came after it, so it no longer covers the latest version.' })
export class LapsedSignatureType {
  @Field(() => ReportType, { description: 'The revised report.' })
  report!: ReportType;

  @Field({ description: 'Id of the signature.' })
  signatureId!: string;

  @Field(() => SignatureMeaning, { description: 'What it meant.' })
  meaning!: SignatureMeaning;

  @Field(() => Int, { description: 'The version it signs.' })
  signedVersion!: number;

  @Field({ description: 'When it was made (ISO-8601, UTC).' })
  signedAt!: string;

  @Field(() => Int, { description: 'The report’s latest version, which it does not cover.' })
  latestVersion!: number;

  @Field({ description: 'When the latest version was registered (ISO-8601, UTC).' })
  latestAt!: string;
}

@ObjectType('StagedSignal', { description: 'A signal in its lifecycle stage, with how long it has been there.' })
export class StagedSignalType {
  @Field(() => SignalType, { description: 'The signal.' })
  signal!: SignalType;

  @Field(() => String, { nullable: true, description: 'When it entered the stage: its last transition, or its detection when it never moved; null when neither is recorded.' })
  inStageSince!: string | null;

  @Field(() => Int, { nullable: true, description: 'Whole days in the stage as of `Worklist.asOf`; null when `inStageSince` is.' })
  daysInStage!: number | null;
}

@ObjectType('SignalStage', { description: 'One GVP IX lifecycle stage: how many signals are in it, and those longest in it.' })
export class SignalStageType {
  @Field(() => SignalStatus, { description: 'The stage.' })
  status!: SignalStatus;

  @Field(() => Int, { description: 'Signals in the stage.' })
  count!: number;

  @Field(() => [StagedSignalType], { description: 'Up to 10 signals longest in the stage, longest first, then id; empty for the final stages NOT_VALIDATED and CLOSED.' })
  oldest!: StagedSignalType[];
}

@ObjectType('AuditCheckpointStatus', {
  description:
    'The latest checkpoint the server signed over the audit log. Runs of `verifyAuditTrail` are not recorded, so this is when the log was last sealed, not when it was last verified.',
})
export class AuditCheckpointStatusType {
  @Field(() => AuditCheckpointType, { description: 'The latest stored checkpoint; `issuedAt` is when it was signed.' })
  checkpoint!: AuditCheckpointType;

  @Field({ description: 'True when the checkpoint’s signature verifies with a key this server holds.' })
  signatureValid!: boolean;

  @Field(() => Int, { description: 'Events in the log now; more than `checkpoint.treeSize` means events since the checkpoint.' })
  logSize!: number;
}

@ObjectType('Worklist', { description: 'The signed-in account’s work, by its roles. A section its roles do not cover is null; an empty list means nothing waits.' })
export class WorklistType {
  @Field({ description: 'Server time the worklist was read at (ISO-8601, UTC); ages are as of then.' })
  asOf!: string;

  @Field(() => [SigningTaskType], {
    nullable: true,
    description: 'Signatures the account may give now (AUTHORED, REVIEWED, APPROVED; one someone already gave the latest version is done), oldest waiting first, then report id, then meaning in that order; at most 100. Null for an account that signs nothing.',
  })
  toSign!: SigningTaskType[] | null;

  @Field(() => [LapsedSignatureType], {
    nullable: true,
    description: 'The account’s signatures that no longer cover their report’s latest version, until it signs the latest with the same meaning; oldest revision first, then report id; at most 100. Null for an account that signs nothing.',
  })
  lapsedSignatures!: LapsedSignatureType[] | null;

  @Field(() => [SignalStageType], { nullable: true, description: 'Every GVP IX stage in lifecycle order (`SignalStatus`), empty ones included. Null for a role that cannot read records.' })
  signalStages!: SignalStageType[] | null;

  @Field(() => [IngestionType], { nullable: true, description: 'The 10 latest ingest records with their failures and skips, newest first (as `ingestions`). Null for a role that cannot read records.' })
  ingestions!: IngestionType[] | null;

  @Field(() => AuditCheckpointStatusType, { nullable: true, description: 'The audit log’s latest signed checkpoint. Null unless the account holds QA, or when no checkpoint was ever issued.' })
  auditCheckpoint!: AuditCheckpointStatusType | null;
}
