import { Field, Float, InputType, Int } from 'type-graphql';

@InputType('RecordSignalInput', { description: 'A detected safety signal: the drug and adverse-event pair, its statistics and the run that detected it.' })
export class RecordSignalInput {
  @Field(() => String, { nullable: true, description: 'The signal id after `signal:`, e.g. `SIG-2024-007`; generated when absent.' })
  signalId?: string | null;

  @Field({ description: 'Drug name as reported.' })
  drug!: string;

  @Field(() => String, { nullable: true, description: 'Drug identifier, e.g. an RxNorm CUI or an ATC code.' })
  drugCode?: string | null;

  @Field({ description: 'Adverse event as a MedDRA preferred term.' })
  eventTerm!: string;

  @Field(() => String, { nullable: true, description: 'MedDRA preferred-term code.' })
  meddraCode?: string | null;

  @Field(() => String, { nullable: true, description: 'MedDRA dictionary version, e.g. `27.0`.' })
  meddraVersion?: string | null;

  @Field(() => Float, { nullable: true, description: 'Proportional reporting ratio.' })
  prr?: number | null;

  @Field(() => Float, { nullable: true, description: 'Reporting odds ratio.' })
  ror?: number | null;

  @Field(() => Float, { nullable: true, description: 'Chi-squared statistic.' })
  chiSquare?: number | null;

  @Field(() => Int, { nullable: true, description: 'Number of cases reporting the pair.' })
  caseCount?: number | null;

  @Field({ description: 'The run whose method detected it: a typed id or a bare MLflow run id.' })
  detectedByRun!: string;

  @Field(() => String, { nullable: true, description: 'Why it is recorded (optional).' })
  reason?: string | null;
}
