import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { UnauthenticatedError } from '../../domain/identity/errors';
import { Role } from '../../domain/role';
import type { Actor } from '../../services/identity/identityService';
import { AUTH } from '../authRules';
import type { GraphQLContext } from '../context';
import { CreateUserInput } from '../inputs/identityInputs';
import { ApiTokenType, IssuedTokenType, LoginResultType, MeType, SecurityEventType, UserType } from '../types/identity';

const actorOf = (ctx: GraphQLContext): Actor => {
  if (!ctx.principal) throw new UnauthenticatedError();
  return { id: ctx.principal.id, address: ctx.address, name: ctx.principal.displayName, role: ctx.principal.roles.includes(Role.ADMIN) ? Role.ADMIN : (ctx.principal.roles[0] ?? null) };
};

const userIdArg = { description: 'The user id.' };

/** Sign-in, and the account, role and token management ADMIN does. */
@Resolver()
export class IdentityResolver {
  @Authorized(...AUTH.public)
  @Mutation(() => LoginResultType, { description: 'Signs in with user id and password and returns a short-lived session token. Repeated failures lock the account.' })
  async login(@Arg('userId', userIdArg) userId: string, @Arg('password', { description: 'The password.' }) password: string, @Ctx() ctx: GraphQLContext) {
    const { issued, account } = await ctx.identity.login(ctx.address, userId, password);
    return { token: issued.secret, expiresAt: issued.info.expiresAt, user: account };
  }

  @Authorized(...AUTH.public)
  @Mutation(() => UserType, { description: 'Changes a password, proving the current one; works when the password has expired or is temporary (set by an administrator).' })
  changePassword(
    @Arg('userId', userIdArg) userId: string,
    @Arg('currentPassword', { description: 'The current password.' }) currentPassword: string,
    @Arg('newPassword', { description: 'The new password (see docs/security.md for the policy).' }) newPassword: string,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.identity.changePassword(ctx.address, userId, currentPassword, newPassword);
  }

  @Authorized(...AUTH.self)
  @Mutation(() => Boolean, { description: 'Ends this session (revokes the token the request used). True when a token was revoked.' })
  async logout(@Ctx() ctx: GraphQLContext) {
    const tokenId = ctx.principal?.tokenId;
    if (!tokenId) return false;
    await ctx.identity.revokeToken({ ...actorOf(ctx), mayRevokeOthers: false }, tokenId);
    return true;
  }

  @Authorized(...AUTH.self)
  @Query(() => MeType, { description: 'Who this request is authenticated as.' })
  me(@Ctx() ctx: GraphQLContext) {
    if (!ctx.principal) throw new UnauthenticatedError();
    return { ...ctx.principal, roles: [...ctx.principal.roles].sort(), passwordChangeRequired: ctx.principal.passwordChangeRequired === true };
  }

  @Authorized(...AUTH.manageIdentity)
  @Query(() => [UserType], { description: 'All accounts, ordered by id.' })
  users(@Arg('includeInactive', { defaultValue: false, description: 'Include deactivated accounts.' }) includeInactive: boolean, @Ctx() ctx: GraphQLContext) {
    return ctx.identity.list(includeInactive);
  }

  @Authorized(...AUTH.manageIdentity)
  @Query(() => UserType, { description: 'One account. NOT_FOUND when absent.' })
  user(@Arg('id', () => ID, userIdArg) id: string, @Ctx() ctx: GraphQLContext) {
    return ctx.identity.get(id);
  }

  @Authorized(...AUTH.manageIdentity)
  @Query(() => [ApiTokenType], { description: "An account's tokens, newest first; never their secrets." })
  apiTokens(
    @Arg('userId', () => ID, userIdArg) userId: string,
    @Arg('includeInactive', { defaultValue: false, description: 'Include revoked and expired tokens.' }) includeInactive: boolean,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.identity.tokensOf(userId, includeInactive);
  }

  @Authorized(...AUTH.manageIdentity)
  @Query(() => [SecurityEventType], { description: 'Recent security events, newest first.' })
  securityEvents(
    @Arg('userId', () => ID, { nullable: true, description: 'Only events about this account.' }) userId: string | null,
    @Arg('last', () => Int, { defaultValue: 100, description: 'How many (1-1000).' }) last: number,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.identity.securityEvents(userId ?? null, null, last);
  }

  @Authorized(...AUTH.manageIdentity)
  @Mutation(() => UserType, {
    description: "Creates an account. CONFLICT when the id was ever used, or when the roles put ADMIN beside SCIENTIST, REVIEWER or QA (rule ADMIN_NEVER_SIGNS). A person's initial password is temporary: they must replace it (changePassword) before anything else.",
  })
  createUser(@Arg('input', () => CreateUserInput, { description: 'The account.' }) input: CreateUserInput, @Ctx() ctx: GraphQLContext) {
    return ctx.identity.createAccount(actorOf(ctx), { ...input, password: input.password ?? null });
  }

  @Authorized(...AUTH.manageIdentity)
  @Mutation(() => UserType, { description: 'Replaces the roles of an account; grants and revocations are recorded as security events. FORBIDDEN on your own account (rule NO_SELF_ROLE_CHANGE); CONFLICT when the roles put ADMIN beside SCIENTIST, REVIEWER or QA (rule ADMIN_NEVER_SIGNS).' })
  setUserRoles(@Arg('userId', () => ID, userIdArg) userId: string, @Arg('roles', () => [Role], { description: 'The complete new set of roles.' }) roles: Role[], @Ctx() ctx: GraphQLContext) {
    return ctx.identity.setRoles(actorOf(ctx), userId, roles);
  }

  @Authorized(...AUTH.manageIdentity)
  @Mutation(() => UserType, { description: 'Deactivates an account and revokes its tokens. The id and history stay.' })
  deactivateUser(@Arg('userId', () => ID, userIdArg) userId: string, @Ctx() ctx: GraphQLContext) {
    return ctx.identity.setActive(actorOf(ctx), userId, false);
  }

  @Authorized(...AUTH.manageIdentity)
  @Mutation(() => UserType, { description: 'Reactivates a deactivated account (its old tokens stay revoked).' })
  reactivateUser(@Arg('userId', () => ID, userIdArg) userId: string, @Ctx() ctx: GraphQLContext) {
    return ctx.identity.setActive(actorOf(ctx), userId, true);
  }

  @Authorized(...AUTH.manageIdentity)
  @Mutation(() => UserType, { description: 'Clears a lockout after failed sign-ins.' })
  unlockUser(@Arg('userId', () => ID, userIdArg) userId: string, @Ctx() ctx: GraphQLContext) {
    return ctx.identity.unlock(actorOf(ctx), userId);
  }

  @Authorized(...AUTH.manageIdentity)
  @Mutation(() => UserType, { description: "Sets a user's password (e.g. a forgotten one). It is temporary: until the user replaces it with changePassword they can do nothing else, and cannot sign with it." })
  resetPassword(@Arg('userId', () => ID, userIdArg) userId: string, @Arg('newPassword', { description: 'The new password.' }) newPassword: string, @Ctx() ctx: GraphQLContext) {
    return ctx.identity.resetPassword(actorOf(ctx), userId, newPassword);
  }

  @Authorized(...AUTH.manageIdentity)
  @Mutation(() => IssuedTokenType, { description: 'Issues an API token for an account. The secret is in the answer once and never shown again.' })
  async createApiToken(
    @Arg('userId', () => ID, userIdArg) userId: string,
    @Arg('expiresInDays', () => Int, { nullable: true, description: 'Lifetime in days, at most PVL_API_TOKEN_MAX_DAYS; omit it for that maximum.' }) expiresInDays: number | null,
    @Arg('label', () => String, { nullable: true, description: 'What the token is for.' }) label: string | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    const issued = await ctx.identity.issueApiToken(actorOf(ctx), userId, expiresInDays ?? null, label ?? null);
    return { token: issued.secret, info: issued.info };
  }

  @Authorized(...AUTH.manageIdentity)
  @Mutation(() => ApiTokenType, { description: 'Revokes a token. Takes effect on every replica within PVL_TOKEN_CACHE_TTL_MS.' })
  revokeApiToken(@Arg('tokenId', () => ID, { description: 'The token id (`tok_…`).' }) tokenId: string, @Ctx() ctx: GraphQLContext) {
    return ctx.identity.revokeToken({ ...actorOf(ctx), mayRevokeOthers: true }, tokenId);
  }
}
