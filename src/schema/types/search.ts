import { Field, Float, ID, ObjectType } from 'type-graphql';
import { LineageNodeType } from '../../domain/lineage';
import './lineageEnums';

@ObjectType('SearchHit', { description: 'A node that matches a search, with its relevance.' })
export class SearchHitType {
  @Field(() => ID, { description: 'Typed id; pass it to `lineage(id:)` or `node(id:)`.' })
  id!: string;

  @Field(() => LineageNodeType, { description: 'Kind of node.' })
  type!: LineageNodeType;

  @Field({ description: 'A human-readable name.' })
  displayName!: string;

  @Field(() => String, { nullable: true, description: 'A short status line: status, stage or digest.' })
  summary!: string | null;

  @Field(() => Float, { description: 'Full-text relevance; higher is better.' })
  score!: number;
}
