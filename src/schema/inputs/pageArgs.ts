import { ArgsType, Field, Int } from 'type-graphql';

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: 'Page size, 0 to the server\'s maximum; omit it for the standard size.' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the item to continue after (`pageInfo.endCursor` of the previous page).' })
  after?: string | null;
}
