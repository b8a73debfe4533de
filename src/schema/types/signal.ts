import { GraphQLDateTime } from 'graphql-scalars';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { SignalStatus } from '../../domain/signal';
import { NodeInterface } from './node';

@ObjectType('Signal', { implements: NodeInterface, description: 'A safety signal: a drug and adverse-event pair with its disproportionality statistics.' })
export class SignalType extends NodeInterface {
  @Field(() => ID, { description: 'Typed id `signal:<signalId>`.' })
  declare id: string;

  @Field({ description: 'Drug name as reported.' })
  drug!: string;

  @Field(() => String, { nullable: true, description: 'Drug identifier, e.g. an RxNorm CUI or an ATC code.' })
  drugCode!: string | null;

  @Field({ description: 'Adverse event as a MedDRA preferred term.' })
  eventTerm!: string;

  @Field(() => String, { nullable: true, description: 'MedDRA preferred-term code.' })
  meddraCode!: string | null;

  @Field(() => String, { nullable: true, description: 'MedDRA dictionary version, e.g. `27.0`.' })
  meddraVersion!: string | null;

  @Field(() => Float, { nullable: true, description: 'Proportional reporting ratio.' })
  prr!: number | null;

  @Field(() => Float, { nullable: true, description: 'Reporting odds ratio.' })
  ror!: number | null;

  @Field(() => Float, { nullable: true, description: 'Chi-squared statistic.' })
  chiSquare!: number | null;

  @Field(() => Int, { nullable: true, description: 'Number of cases reporting the pair.' })
  caseCount!: number | null;

  @Field(() => SignalStatus, { description: 'Signal management stage.' })
  status!: SignalStatus;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When the signal was detected.' })
  detectedAt!: string | null;
}
