import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { actorOf } from '../actor';
import { AUTH } from '../authRules';
import type { GraphQLContext } from '../context';
import { ExportSignatureType } from '../types/exportSignature';

/** The compliance exporter cannot hold the audit signing key, so the server signs its package. */
@Resolver()
export class ExportSigningResolver {
  @Authorized(...AUTH.exportCompliance)
  @Mutation(() => ExportSignatureType, {
    description:
      'Signs a compliance package with the audit signing key: a signed note over the SHA-256 of its MANIFEST.sha256 and its subjects, recorded as an EXPORT_PACKAGE_SIGNED audit event. BAD_USER_INPUT for a hash that is not 64 lowercase hex digits or an id that is not a report or signal; NOT_FOUND names a subject that does not exist; SERVICE_UNAVAILABLE when the server has no signing key.',
  })
  signExportManifest(
    @Arg('manifestSha256', { description: 'SHA-256 of the bytes of the package\'s MANIFEST.sha256, 64 lowercase hex digits.' }) manifestSha256: string,
    @Arg('subjectIds', () => [ID], { description: 'Typed ids of the reports or signals the package is about (its lineage.json subjects).' }) subjectIds: string[],
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.serviceContext.audit.packages.sign(actorOf(ctx.principal, AUTH.exportCompliance), manifestSha256, subjectIds);
  }
}
