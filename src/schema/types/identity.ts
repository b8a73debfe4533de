import { GraphQLDateTime } from 'graphql-scalars';
import { GraphQLJSONObject } from '../scalars/json';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Role } from '../../domain/role';
import { AccountKindEnum } from './identityEnums';

@ObjectType('User', { description: 'An individual account (person or service). Ids are never reused; deactivated accounts are kept.' })
export class UserType {
  @Field(() => ID, { description: 'The unique user id, e.g. `jdoe`.' })
  id!: string;

  @Field({ description: 'Printed name, shown with signatures.' })
  displayName!: string;

  @Field(() => AccountKindEnum, { description: 'Person or service account.' })
  kind!: AccountKindEnum;

  @Field(() => [Role], { description: 'Roles held, in alphabetical order.' })
  roles!: Role[];

  @Field({ description: 'False once deactivated; a deactivated account cannot sign in and keeps its history.' })
  active!: boolean;

  @Field(() => GraphQLDateTime, { description: 'When the account was created.' })
  createdAt!: string;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When the account was deactivated, if it is.' })
  deactivatedAt!: string | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When the password was last set; null for service accounts.' })
  passwordChangedAt!: string | null;

  @Field(() => Int, { description: 'Failed sign-ins since the last success.' })
  failedLogins!: number;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'Sign-in is refused until this time after too many failures.' })
  lockedUntil!: string | null;

  @Field({ description: 'True while the password is one an administrator set: the user may only change it (changePassword) or sign out until they do.' })
  passwordChangeRequired!: boolean;
}

@ObjectType('ApiToken', { description: 'A bearer token, without its secret (shown only when issued).' })
export class ApiTokenType {
  @Field(() => ID, { description: 'Token id (`tok_…`), used to revoke it.' })
  id!: string;

  @Field(() => ID, { description: 'The account the token acts as.' })
  userId!: string;

  @Field({ description: '`API` for pipelines and scripts, `SESSION` for a playground sign-in.' })
  kind!: string;

  @Field(() => String, { nullable: true, description: 'What the token is for.' })
  label!: string | null;

  @Field(() => GraphQLDateTime, { description: 'When it was issued.' })
  createdAt!: string;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When it stops working.' })
  expiresAt!: string | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'Last use recorded (sessions; updated at most once per cache TTL).' })
  lastUsedAt!: string | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When it was revoked, if it was.' })
  revokedAt!: string | null;
}

@ObjectType('IssuedToken', { description: 'A newly issued token. The secret is shown here once and never again.' })
export class IssuedTokenType {
  @Field({ description: 'The bearer secret: send it as `Authorization: Bearer <token>`.' })
  token!: string;

  @Field(() => ApiTokenType, { description: 'The stored token, as `apiTokens` lists it.' })
  info!: ApiTokenType;
}

@ObjectType('LoginResult', { description: 'A session for the playground.' })
export class LoginResultType {
  @Field({ description: 'Session bearer token; it expires and times out when idle.' })
  token!: string;

  @Field(() => GraphQLDateTime, { description: 'Absolute expiry of the session.' })
  expiresAt!: string;

  @Field(() => UserType, { description: 'The signed-in account.' })
  user!: UserType;
}

@ObjectType('Me', { description: 'The caller of this request.' })
export class MeType {
  @Field(() => ID, { description: 'User id; `sso:<subject>` for SSO users, `anonymous` in the demo read-only mode.' })
  id!: string;

  @Field({ description: 'Printed name.' })
  displayName!: string;

  @Field(() => [Role], { description: 'Roles held for this request, in alphabetical order.' })
  roles!: Role[];

  @Field({ description: 'How the request authenticated: API_TOKEN, SESSION, OIDC or ANONYMOUS.' })
  method!: string;

  @Field({ description: 'True while the password is one an administrator set: every operation but changePassword, me and logout is FORBIDDEN (reason PASSWORD_CHANGE_REQUIRED).' })
  passwordChangeRequired!: boolean;
}

@ObjectType('SecurityEvent', { description: 'A sign-in failure, lockout, grant, revocation or other security fact.' })
export class SecurityEventType {
  @Field(() => ID, { description: 'Event id.' })
  id!: string;

  @Field({ description: 'What happened, e.g. LOGIN_FAILED, ACCOUNT_LOCKED, ROLES_CHANGED.' })
  type!: string;

  @Field(() => GraphQLDateTime, { description: 'Server time of the event.' })
  at!: string;

  @Field(() => String, { nullable: true, description: 'The account concerned.' })
  subject!: string | null;

  @Field(() => String, { nullable: true, description: 'Who caused it.' })
  actor!: string | null;

  @Field(() => String, { nullable: true, description: 'Client address.' })
  address!: string | null;

  @Field(() => GraphQLJSONObject, { description: 'Safe details; never a password or a token.' })
  detail!: Record<string, unknown>;
}
