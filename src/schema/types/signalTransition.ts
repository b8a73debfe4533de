import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';
import { SignalStatus } from '../../domain/signal';

@ObjectType('SignalTransition', { description: 'One step of a signal through its lifecycle (GVP Module IX): who decided what, when and why.' })
export class SignalTransitionType {
  @Field(() => SignalStatus, { description: 'The stage the signal left.' })
  from!: SignalStatus;

  @Field(() => SignalStatus, { description: 'The stage the signal entered.' })
  to!: SignalStatus;

  @Field(() => GraphQLDateTime, { description: 'When (server time, UTC).' })
  at!: string;

  @Field({ description: 'Account id of who made the decision.' })
  actorId!: string;

  @Field({ description: 'Printed name of who made the decision.' })
  actorName!: string;

  @Field({ description: 'The decision taken.' })
  decision!: string;

  @Field({ description: 'Why: the evidence or argument behind the decision.' })
  rationale!: string;
}
