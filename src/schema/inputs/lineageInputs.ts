import { GraphQLDateTime } from 'graphql-scalars';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';

/** The two clocks (docs/time.md), as every lineage query and typed lineage field describes them. */
export const AS_OF_DESCRIPTION =
  'The recorded clock: answer with what pv-lineage had recorded at this instant (relationships written by then and not yet superseded), the auditor\'s question. Not in the future; omit for now. See docs/time.md.';
export const VALID_AT_DESCRIPTION =
  'The source clock: answer with what had come to exist by this instant according to the sources (MLflow run start times, OpenLineage eventTime, report, model version and signal times), the scientist\'s question. Not in the future; omit for no source-time filter. With `asOf`, both hold. See docs/time.md.';

/** What a typed lineage field's description says about its clocks. */
export const ON_CLOCKS =
  'With `asOf` and/or `validAt`, only what was reachable on those clocks (docs/time.md), and nothing when the parent itself did not exist yet then. BAD_USER_INPUT for an instant in the future.';

/** `asOf` and `validAt` on a typed lineage field: the same two clocks as `lineage`, checked the same way. */
@ArgsType()
export class LineageClockArgs {
  @Field(() => GraphQLDateTime, { nullable: true, description: AS_OF_DESCRIPTION })
  asOf?: Date | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: VALID_AT_DESCRIPTION })
  validAt?: Date | null;
}

@InputType('RunsFeedingReportsFilter', { description: 'Which rows of the runs-feeding-reports table to return; at least one field is required.' })
export class RunsFeedingReportsFilter {
  @Field(() => ID, { nullable: true, description: 'Only runs of this experiment (typed id).' })
  experimentId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only rows for this report (typed id).' })
  reportId?: string | null;
}

/** The two ends of a path question and its bound, on the two clocks (`lineagePath`, `lineagePaths`). */
@ArgsType()
export class LineagePathArgs extends LineageClockArgs {
  @Field(() => ID, { description: 'Typed id of one end.' })
  from!: string;

  @Field(() => ID, { description: 'Typed id of the other end; must differ from `from`.' })
  to!: string;

  @Field(() => Int, { nullable: true, description: 'Longest path considered, 1 to the configured maximum; omit it for that maximum.' })
  maxDepth?: number | null;
}
