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

@ObjectType('DatasetJob', { description: 'An OpenLineage job as one dataset sees it: whether its runs read the dataset, wrote it, or both.' })
export class DatasetJobType {
  @Field(() => JobType, { description: 'The job.' })
  job!: JobType;

  @Field({ description: 'Whether a run of the job read the dataset (a live input edge).' })
  reads!: boolean;

  @Field({ description: 'Whether a run of the job wrote the dataset (a live output edge).' })
  writes!: boolean;
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

@ObjectType('OpenLineageRunTag', { description: 'One entry of an OpenLineage run\'s `tags` facet. Kept apart from MLflow tags (`Run.tags`), so the same key in both never collides.' })
export class OpenLineageRunTagType {
  @Field({ description: 'Tag key, e.g. `openlineage_client_version`.' })
  key!: string;

  @Field({ description: 'Tag value; a non-string value as JSON text.' })
  value!: string;

  @Field(() => String, { nullable: true, description: 'Who set the tag (the facet\'s `source`), e.g. `USER`; null when not sent.' })
  source!: string | null;
}

@ObjectType('OpenLineageErrorMessage', { description: 'The `errorMessage` run facet: why a run failed.' })
export class OpenLineageErrorMessageType {
  @Field({ description: 'The error message.' })
  message!: string;

  @Field(() => String, { nullable: true, description: 'Language the job ran in, e.g. `python`; null when not sent.' })
  programmingLanguage!: string | null;

  @Field(() => String, { nullable: true, description: 'Stack trace as sent; null when not sent.' })
  stackTrace!: string | null;
}

@ObjectType('OpenLineageProcessingEngine', { description: 'The `processing_engine` run facet: what executed the run.' })
export class OpenLineageProcessingEngineType {
  @Field(() => String, { nullable: true, description: 'Engine name, e.g. `spark` or `Airflow`.' })
  name!: string | null;

  @Field(() => String, { nullable: true, description: 'Engine version.' })
  version!: string | null;

  @Field(() => String, { nullable: true, description: 'Version of the OpenLineage integration that sent the events.' })
  openlineageAdapterVersion!: string | null;
}

@ObjectType('OpenLineageRunFacets', {
  description: 'The run facets pv-lineage answers questions with. Each follows the newest event (by eventTime, ties by event id) that carried it, independently of the others.',
})
export class OpenLineageRunFacetsType {
  @Field(() => [OpenLineageRunTagType], { description: 'The `tags` facet, by key.' })
  tags!: OpenLineageRunTagType[];

  @Field(() => OpenLineageErrorMessageType, { nullable: true, description: 'The `errorMessage` facet; null when no event sent one.' })
  errorMessage!: OpenLineageErrorMessageType | null;

  @Field(() => String, { nullable: true, description: 'The `nominalTime` facet\'s start: when the run was scheduled to cover from, as sent (ISO-8601).' })
  nominalStartTime!: string | null;

  @Field(() => String, { nullable: true, description: 'The `nominalTime` facet\'s end, as sent (ISO-8601); null when not sent.' })
  nominalEndTime!: string | null;

  @Field(() => OpenLineageProcessingEngineType, { nullable: true, description: 'The `processing_engine` facet; null when no event sent one.' })
  processingEngine!: OpenLineageProcessingEngineType | null;
}

@ObjectType('OpenLineageJobType', { description: 'The `jobType` job facet: how the job processes data and which integration reported it.' })
export class OpenLineageJobTypeType {
  @Field(() => String, { nullable: true, description: '`BATCH` or `STREAMING`, as sent.' })
  processingType!: string | null;

  @Field(() => String, { nullable: true, description: 'The integration, e.g. `SPARK`, `AIRFLOW`, `DBT`.' })
  integration!: string | null;

  @Field(() => String, { nullable: true, description: 'The kind of job within the integration, e.g. `QUERY`, `TASK`, `DAG`.' })
  jobType!: string | null;
}
