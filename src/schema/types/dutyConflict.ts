import { Field, ObjectType } from 'type-graphql';
import { Role } from '../../domain/role';
import { UserType } from './identity';

@ObjectType('DutyConflict', { description: 'An account whose roles break separation of duties; it cannot sign until an ADMIN removes one side.' })
export class DutyConflictType {
  @Field(() => UserType, { description: 'The account.' })
  account!: UserType;

  @Field({ description: 'The rule broken: `ADMIN_NEVER_SIGNS` (ADMIN never sits on one account with SCIENTIST, REVIEWER or QA).' })
  rule!: string;

  @Field(() => [Role], { description: 'The signing roles held beside ADMIN.' })
  conflicting!: Role[];
}
