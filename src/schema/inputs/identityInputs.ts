import { Field, InputType } from 'type-graphql';
import { Role } from '../../domain/role';
import { AccountKindEnum } from '../types/identityEnums';

@InputType('CreateUserInput', { description: 'A new account.' })
export class CreateUserInput {
  @Field({ description: 'Unique id: 2-63 lower-case letters, digits, ".", "_" or "-", starting with a letter. Never reused.' })
  id!: string;

  @Field({ description: 'Printed name, shown with signatures.' })
  displayName!: string;

  @Field(() => AccountKindEnum, { description: 'USER for people, SERVICE for pipelines (API tokens only).' })
  kind!: AccountKindEnum;

  @Field(() => [Role], { description: 'Roles to grant. SERVICE accounts may hold only PIPELINE and VIEWER.' })
  roles!: Role[];

  @Field(() => String, { nullable: true, description: 'Initial password for a USER; must be empty for a SERVICE account.' })
  password?: string | null;
}
