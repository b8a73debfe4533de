import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { type Signature, SignatureMeaning, manifestation } from '../../domain/signature';
import { signReport, verifySignatures } from '../../services/signatures/signatureService';
import { actorOf } from '../actor';
import { AUTH } from '../authRules';
import type { GraphQLContext } from '../context';
import { SignatureType, SignatureVerificationType } from '../types/signature';

/** Each meaning has its own rule in the role matrix; `signReport` itself admits their union. */
const RULE_OF: Readonly<Record<SignatureMeaning, readonly string[]>> = {
  [SignatureMeaning.AUTHORED]: AUTH.signAuthored,
  [SignatureMeaning.REVIEWED]: AUTH.signReviewed,
  [SignatureMeaning.APPROVED]: AUTH.signApproved,
  [SignatureMeaning.RESPONSIBLE]: AUTH.signResponsible,
};

/** Electronic signatures (21 CFR Part 11 §11.50, §11.70, §11.200). */
@Resolver(() => SignatureType)
export class SignatureResolver {
  @Authorized(...AUTH.signReport)
  @Mutation(() => SignatureType, {
    description:
      'Signs the latest version of a report. The signer re-authenticates: a local user re-enters their password, an SSO user sends an ID token from a sign-in within PVL_SIGNATURE_REAUTH_SECONDS. A failed attempt is audited (SIGNATURE_FAILED) and counts toward the lockout. Rules: only the latest version (CONFLICT); AUTHORED only by its author; REVIEWED not by the author; APPROVED after a REVIEWED (BAD_USER_INPUT) by someone who is neither author nor reviewer; never a service account (FORBIDDEN).',
  })
  signReport(
    @Arg('reportId', () => ID, { description: 'Typed id of the report.' }) reportId: string,
    @Arg('version', () => Int, { description: 'The version to sign; must be the latest.' }) version: number,
    @Arg('meaning', () => SignatureMeaning, { description: 'What the signature means.' }) meaning: SignatureMeaning,
    @Arg('reason', { description: 'Why you sign, in your words (required).' }) reason: string,
    @Arg('password', () => String, { nullable: true, description: 'Your password (local accounts).' }) password: string | null,
    @Arg('idToken', () => String, { nullable: true, description: 'A fresh ID token from the identity provider (SSO accounts).' }) idToken: string | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    const rule = RULE_OF[meaning] ?? AUTH.signReport;
    const principal = ctx.principal;
    const actor = actorOf(principal, rule);
    return signReport(ctx.serviceContext, ctx.identity, { principal: principal!, address: ctx.address, actor, allowedRoles: rule }, { reportId, version, meaning, reason, password, idToken });
  }

  @Authorized(...AUTH.readLineage)
  @Query(() => [SignatureVerificationType], {
    description: "Re-checks every signature of a report against the version it is linked to, recomputing that version's hash; each answer says whether it holds and why not.",
  })
  verifySignatures(@Arg('reportId', () => ID, { description: 'Typed id of the report.' }) reportId: string, @Ctx() ctx: GraphQLContext) {
    return verifySignatures(ctx.serviceContext, reportId);
  }

  @FieldResolver(() => String, { description: 'The signature as shown wherever the signed record is: meaning, printed name, user id and UTC time (§11.50).' })
  manifestation(@Root() s: Signature) {
    return manifestation(s);
  }
}
