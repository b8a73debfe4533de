import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ReportKind } from '../../domain/report';

@ObjectType('ReportVersion', {
  description: 'One immutable version of a report: the file (its SHA-256) and what it was generated from, as registered. A revision adds a version; earlier ones stay readable.',
})
export class ReportVersionType {
  @Field(() => ID, { description: 'Typed id of the report this version belongs to.' })
  reportId!: string;

  @Field(() => Int, { description: 'Version number: 1 for the registration, then one more per revision.' })
  version!: number;

  @Field({ description: 'Title of this version.' })
  title!: string;

  @Field(() => ReportKind, { description: 'Kind of report.' })
  kind!: ReportKind;

  @Field(() => String, { nullable: true, description: 'Reporting period, e.g. `2024Q1`.' })
  period!: string | null;

  @Field({ description: 'SHA-256 of the report file of this version, lower-case hex.' })
  contentHash!: string;

  @Field(() => String, { nullable: true, description: 'Where the report file is kept.' })
  uri!: string | null;

  @Field(() => [ID], { description: 'Typed ids of the runs this version was generated from, sorted.' })
  generatedFromRuns!: string[];

  @Field(() => GraphQLDateTime, { description: 'When the version was registered (server time, UTC).' })
  createdAt!: string;

  @Field({ description: 'Account id of the author: who registered this version.' })
  createdBy!: string;

  @Field({ description: "The author's printed name when the version was registered." })
  createdByName!: string;

  @Field({ description: 'SHA-256 of the RFC 8785 canonical JSON of this version\'s fields: what a signature covers.' })
  recordHash!: string;
}

@ObjectType('ReportWithdrawal', { description: 'The tombstone of a withdrawn report: who withdrew it, when and why.' })
export class ReportWithdrawalType {
  @Field(() => GraphQLDateTime, { description: 'When it was withdrawn (server time, UTC).' })
  at!: string;

  @Field({ description: 'Account id of who withdrew it.' })
  by!: string;

  @Field({ description: 'Printed name of who withdrew it.' })
  byName!: string;

  @Field({ description: 'Why it was withdrawn.' })
  reason!: string;
}
