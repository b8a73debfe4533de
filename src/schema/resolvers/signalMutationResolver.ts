import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { Signal } from '../../domain/signal';
import { SignalStatus } from '../../domain/signal';
import { recordSignal, transitionSignal } from '../../services/signals/signalService';
import { actorOf } from '../actor';
import { AUTH } from '../authRules';
import type { GraphQLContext } from '../context';
import { RecordSignalInput } from '../inputs/signalInputs';
import { SignalType } from '../types/signal';
import { SignalTransitionType } from '../types/signalTransition';

/** Recording signals and moving them through GVP Module IX signal management. */
@Resolver()
export class SignalMutationResolver {
  @Authorized(...AUTH.recordSignal)
  @Mutation(() => SignalType, { description: 'Records a DETECTED signal, linked from the run that detected it (PRODUCED). NOT_FOUND when the run does not exist.' })
  recordSignal(@Arg('input', () => RecordSignalInput, { description: 'The signal.' }) input: RecordSignalInput, @Ctx() ctx: GraphQLContext) {
    return recordSignal(ctx.serviceContext, actorOf(ctx.principal, AUTH.recordSignal), input);
  }

  @Authorized(...AUTH.transitionSignal)
  @Mutation(() => SignalType, {
    description:
      'Moves a signal one stage: DETECTED → VALIDATED | NOT_VALIDATED, VALIDATED → PRIORITISED → ASSESSED → CLOSED. NOT_VALIDATED and CLOSED are final; signals are never deleted. BAD_USER_INPUT names `from` and `to` for an illegal step.',
  })
  transitionSignal(
    @Arg('id', () => ID, { description: 'Typed id of the signal.' }) id: string,
    @Arg('to', () => SignalStatus, { description: 'The stage to move to.' }) to: SignalStatus,
    @Arg('decision', { description: 'The decision taken, e.g. "Validated: new potential causal association".' }) decision: string,
    @Arg('rationale', { description: 'Why: the evidence behind the decision (required; it is the audit reason).' }) rationale: string,
    @Ctx() ctx: GraphQLContext,
  ) {
    return transitionSignal(ctx.serviceContext, actorOf(ctx.principal, AUTH.transitionSignal), id, to, decision, rationale);
  }
}

@Resolver(() => SignalType)
export class SignalHistoryResolver {
  @FieldResolver(() => [SignalTransitionType], { description: 'Every lifecycle step, oldest first: actor, time, decision and rationale.' })
  history(@Root() s: Signal, @Ctx() ctx: GraphQLContext) {
    return ctx.serviceContext.loaders.historyOfSignal.load(s.id);
  }
}
