import { Field, ID, InputType } from 'type-graphql';

@InputType('RunsFeedingReportsFilter', { description: 'Which rows of the runs-feeding-reports table to return; at least one field is required.' })
export class RunsFeedingReportsFilter {
  @Field(() => ID, { nullable: true, description: 'Only runs of this experiment (typed id).' })
  experimentId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only rows for this report (typed id).' })
  reportId?: string | null;
}
