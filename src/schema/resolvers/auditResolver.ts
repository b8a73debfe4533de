import { Arg, Args, Authorized, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { toConnection } from '../../domain/pagination';
import { Role } from '../../domain/role';
import { publicKeyPem } from '../../domain/audit/note';
import { AUTH } from '../authRules';
import type { GraphQLContext } from '../context';
import { PageArgs } from '../inputs/pageArgs';
import {
  AuditCheckpointType,
  AuditConsistencyProofType,
  AuditInclusionProofType,
  AuditSigningKeyType,
  AuditVerificationType,
} from '../types/audit';
import { AuditEntryConnection } from '../types/auditConnection';

const treeSizeArg = { description: 'Size of the tree (number of events) the proof is for; at most the current log size.' };

/** The audit trail for people, and checkpoints, proofs and verification for auditors and export scripts. */
@Resolver()
export class AuditResolver {
  @Authorized(...AUTH.readAuditTrail)
  @Query(() => AuditEntryConnection, {
    description:
      'The audit trail, newest first (by sequence number). Filters combine with AND. REVIEWER sees record changes; QA also sees security events.',
  })
  auditTrail(
    @Arg('entityId', () => ID, { nullable: true, description: 'Only events about this record (every version of it).' }) entityId: string | null,
    @Arg('actorId', () => String, { nullable: true, description: 'Only events by this account.' }) actorId: string | null,
    @Arg('action', () => String, { nullable: true, description: 'Only this action, e.g. `REPORT_REVISED`.' }) action: string | null,
    @Arg('from', () => String, { nullable: true, description: 'Only events at or after this UTC date-time (ISO-8601).' }) from: string | null,
    @Arg('to', () => String, { nullable: true, description: 'Only events before this UTC date-time (ISO-8601).' }) to: string | null,
    @Args() page: PageArgs,
    @Ctx() ctx: GraphQLContext,
  ) {
    const full = ctx.principal?.roles.includes(Role.QA) ?? false;
    return ctx.serviceContext.audit.trail
      .trail({ entityId: entityId ?? null, actorId: actorId ?? null, action: action ?? null, from: from ?? null, to: to ?? null }, page, full)
      .then((p) => toConnection({ ...p, items: p.items.map((e) => ({ ...e, actor: { id: e.actorId, role: e.actorRole, name: e.actorName } })) }));
  }

  @Authorized(...AUTH.readFullAuditTrail)
  @Query(() => AuditCheckpointType, {
    description:
      'A signed checkpoint of the audit log. Without `treeSize`: the log as it is now (issued and stored if new). With it: the stored checkpoint of that size, NOT_FOUND if none was issued.',
  })
  auditCheckpoint(
    @Arg('treeSize', () => Int, { nullable: true, description: 'Tree size of a stored checkpoint to fetch (pins an export to it).' }) treeSize: number | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    const cps = ctx.serviceContext.audit.checkpoints;
    return treeSize === null || treeSize === undefined ? cps.current() : cps.stored(treeSize);
  }

  @Authorized(...AUTH.readAuditTrail)
  @Query(() => [AuditSigningKeyType], { description: 'Checkpoint signing keys, the active one first, then retired ones (still valid for old checkpoints).' })
  auditSigningKeys(@Ctx() ctx: GraphQLContext) {
    return ctx.serviceContext.audit.keys.keys.map((k) => ({ ...k, publicKeyPem: publicKeyPem(k.verifierKey) }));
  }

  @Authorized(...AUTH.readFullAuditTrail)
  @Query(() => AuditInclusionProofType, { description: 'RFC 9162 inclusion proof for one event in the tree of size `treeSize`.' })
  async auditInclusionProof(
    @Arg('seq', () => Int, { description: 'Sequence number of the event.' }) seq: number,
    @Arg('treeSize', () => Int, treeSizeArg) treeSize: number,
    @Ctx() ctx: GraphQLContext,
  ) {
    const [proof] = await ctx.serviceContext.audit.proofs.inclusion([seq], treeSize);
    return proof;
  }

  @Authorized(...AUTH.readFullAuditTrail)
  @Query(() => [AuditInclusionProofType], { description: 'Inclusion proofs for many events at once (exports), in the order of `seqs`; at most 10,000 per call.' })
  auditInclusionProofs(
    @Arg('seqs', () => [Int], { description: 'Sequence numbers of the events.' }) seqs: number[],
    @Arg('treeSize', () => Int, treeSizeArg) treeSize: number,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.serviceContext.audit.proofs.inclusion(seqs, treeSize);
  }

  @Authorized(...AUTH.readFullAuditTrail)
  @Query(() => AuditConsistencyProofType, { description: 'RFC 9162 consistency proof that the tree of size `fromSize` is a prefix of the tree of size `toSize`.' })
  auditConsistencyProof(
    @Arg('fromSize', () => Int, { description: 'Size of the older tree (e.g. the previous export checkpoint).' }) fromSize: number,
    @Arg('toSize', () => Int, { description: 'Size of the newer tree; at most the current log size.' }) toSize: number,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.serviceContext.audit.proofs.consistency(fromSize, toSize);
  }

  @Authorized(...AUTH.readFullAuditTrail)
  @Query(() => AuditVerificationType, {
    description:
      'Recomputes every event hash and the Merkle root from the database and compares them with a signed checkpoint you trust. Names the first bad event. A checkpoint whose signature does not verify is refused (BAD_USER_INPUT).',
  })
  verifyAuditTrail(
    @Arg('against', { description: 'A signed checkpoint note, as `auditCheckpoint.note` returned it earlier.' }) against: string,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.serviceContext.audit.verifier.verify(against);
  }
}
