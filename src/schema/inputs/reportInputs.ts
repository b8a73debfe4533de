import { Field, InputType } from 'type-graphql';
import { ReportKind } from '../../domain/report';

/** The fields every version of a report carries; registration and revision share them. */
@InputType('ReportContentFields', { description: 'Fields shared by report registration and revision (not used on its own).' })
class ReportContentFields {
  @Field({ description: 'Title, 1-500 characters.' })
  title!: string;

  @Field(() => ReportKind, { description: 'Kind of report.' })
  kind!: ReportKind;

  @Field(() => String, { nullable: true, description: 'Reporting period, e.g. `2024Q1`.' })
  period?: string | null;

  @Field({ description: 'SHA-256 of the report file, 64 lower-case hex digits. A file can be registered once, in one version of one report.' })
  contentHash!: string;

  @Field(() => String, { nullable: true, description: 'Where the report file is kept (path or URL).' })
  uri?: string | null;

  @Field(() => [String], {
    defaultValue: [],
    description: 'Runs the report was generated from: typed ids (`run:<store>:<runId>`) or bare MLflow run ids, looked up in every store (CONFLICT when one is in several).',
  })
  generatedFromRuns!: string[];

  @Field(() => [String], { defaultValue: [], description: 'Model versions it used: typed ids (`modelversion:…`) or MLflow model URIs `models:/<name>/<version>`.' })
  modelVersions!: string[];

  @Field(() => [String], { defaultValue: [], description: 'Typed ids of datasets it used directly.' })
  datasets!: string[];

  @Field(() => [String], { defaultValue: [], description: 'Typed ids of the signals it covers.' })
  signals!: string[];
}

@InputType('RegisterReportInput', { description: 'A report file to register, with what it was generated from (docs/report-builders.md).' })
export class RegisterReportInput extends ReportContentFields {
  @Field(() => String, { nullable: true, description: 'The report id after `report:`, e.g. `SDR-2024Q1`; derived from the content hash when absent.' })
  reportId?: string | null;

  @Field(() => String, { nullable: true, description: 'Why it is registered (optional for a registration).' })
  reason?: string | null;
}

@InputType('ReviseReportInput', { description: 'A new version of a registered report: a new file and what it was generated from.' })
export class ReviseReportInput extends ReportContentFields {
  @Field({ description: 'Why the report is revised (required).' })
  reason!: string;
}
