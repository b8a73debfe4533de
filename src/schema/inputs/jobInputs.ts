import { Field, InputType } from 'type-graphql';

@InputType({ description: 'OpenLineage job filter.' })
export class JobFilter {
  @Field(() => String, { nullable: true, description: 'Exact job namespace.' })
  namespace?: string | null;

  @Field(() => String, { nullable: true, description: 'Case-insensitive substring of the job name.' })
  nameContains?: string | null;
}
