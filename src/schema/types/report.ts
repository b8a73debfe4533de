import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { ReportKind, ReportStatus } from '../../domain/report';
import { NodeInterface } from './node';

@ObjectType('Report', { implements: NodeInterface, description: 'A pharmacovigilance report (e.g. a signal-detection report or a PSUR) and what it was generated from.' })
export class ReportType extends NodeInterface {
  @Field(() => ID, { description: 'Typed id `report:<reportId>`.' })
  declare id: string;

  @Field({ description: 'Title.' })
  title!: string;

  @Field(() => ReportKind, { description: 'Kind of report.' })
  kind!: ReportKind;

  @Field(() => ReportStatus, { description: 'Lifecycle status.' })
  status!: ReportStatus;

  @Field(() => String, { nullable: true, description: 'Reporting period, e.g. `2024Q1`.' })
  period!: string | null;

  @Field({ description: 'SHA-256 of the report file, lower-case hex.' })
  contentHash!: string;

  @Field(() => String, { nullable: true, description: 'Where the report file is kept.' })
  uri!: string | null;

  @Field(() => GraphQLDateTime, { description: 'When the report was registered.' })
  createdAt!: string;
}
