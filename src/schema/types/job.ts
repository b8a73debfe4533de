import { GraphQLDateTime } from 'graphql-scalars';
import { GraphQLJSONObject } from '../scalars/json';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from './connectionFactory';
import { NodeInterface } from './node';

/** GraphQL face of the domain's OpenLineage run states (an object, as type-graphql registers enums). */
export const OpenLineageRunState = { START: 'START', RUNNING: 'RUNNING', COMPLETE: 'COMPLETE', FAIL: 'FAIL', ABORT: 'ABORT' } as const;

registerEnumType(OpenLineageRunState, {
  name: 'OpenLineageRunState',
  description: 'A state an OpenLineage event reported for a run: START → RUNNING → COMPLETE | FAIL | ABORT.',
  valuesConfig: {
    START: { description: 'The run started.' },
    RUNNING: { description: 'The run reported progress while running.' },
    COMPLETE: { description: 'The run finished successfully.' },
    FAIL: { description: 'The run failed.' },
    ABORT: { description: 'The run was stopped before it finished.' },
  },
});

@ObjectType('Job', { implements: NodeInterface, description: 'An OpenLineage job: what a scheduler runs (an Airflow task, a Spark application, a dbt model). Its runs arrive as OpenLineage events at `POST /api/v1/lineage`.' })
export class JobType extends NodeInterface {
  @Field(() => ID, { description: 'Typed id `job:<namespace>:<name>`.' })
  declare id: string;

  @Field({ description: 'Job namespace, e.g. `airflow://pv-scheduler`.' })
  namespace!: string;

  @Field({ description: 'Job name within the namespace, e.g. `faers_load.extract`.' })
  name!: string;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Job facets from the newest event (by eventTime) that carried any, as sent; null when none did.' })
  facets!: Record<string, unknown> | null;
}

@ObjectType('RunStateTransition', { description: 'One OpenLineage event that moved a run along its state machine.' })
export class RunStateTransitionType {
  @Field(() => OpenLineageRunState, { description: 'The state the event reported.' })
  state!: string;

  @Field(() => GraphQLDateTime, { description: 'The event time.' })
  at!: string;

  @Field({ description: 'Id of the event in the raw log (SHA-256 of its canonical JSON).' })
  eventId!: string;
}

export const JobConnection = Connection(JobType, 'Job', 'job');
