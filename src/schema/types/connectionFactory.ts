import type { ClassType } from 'type-graphql';
import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Relay pagination facts for one page of a connection.' })
export class PageInfo {
  @Field({ description: 'Whether more items follow the last one on this page.' })
  hasNextPage!: boolean;

  @Field({ description: 'Whether items precede the first one on this page.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item, or null on an empty page.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item; pass it as `after` for the next page.' })
  endCursor!: string | null;
}

/** Builds `<Name>Edge` and `<Name>Connection` types for one node type (Relay cursor connections). */
export function Connection<T extends object>(item: ClassType<T>, name: string, what: string) {
  @ObjectType(`${name}Edge`, { description: `One ${what} in a page, with its cursor.` })
  class Edge {
    @Field({ description: 'Opaque cursor of this item; pass it as `after` to continue after it.' })
    cursor!: string;

    @Field(() => item, { description: `The ${what}.` })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${what}s.` })
  class ConnectionType {
    @Field(() => [Edge], { description: `The ${what}s on this page, in the documented order of the field.` })
    edges!: Edge[];

    @Field(() => PageInfo, { description: 'Where this page sits in the whole list.' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: `Number of ${what}s that match, over all pages.` })
    totalCount!: number;
  }
  return ConnectionType;
}
