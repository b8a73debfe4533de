import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType('Ingestion', { description: 'A recorded ingest: who ran it, from where, when, and what it changed.' })
export class IngestionType {
  @Field({ description: 'Id of the ingest record.' })
  id!: string;

  @Field({ description: 'Typed id of the tracking store ingested.' })
  storeId!: string;

  @Field({ description: 'Normalised URI of the store.' })
  storeUri!: string;

  @Field({ description: '`FILE`, `SQLITE` or `REST`.' })
  storeKind!: string;

  @Field({ description: 'Who ran it.' })
  actor!: string;

  @Field({ description: 'Host it ran on.' })
  host!: string;

  @Field({ description: '`RUNNING`, `COMPLETED`, `FAILED`, or `INTERRUPTED` when its process died or the server stopped before it finished (a re-run completes it).' })
  status!: string;

  @Field(() => String, { nullable: true, description: 'Why it failed, if it did.' })
  error!: string | null;

  @Field({ description: 'When it started (ISO-8601, UTC).' })
  startedAt!: string;

  @Field(() => String, { nullable: true, description: 'When it finished; null while running or after a crash.' })
  finishedAt!: string | null;

  @Field(() => Int, { description: 'Run batches committed so far; for an interrupted ingestion, how far it got.' })
  batches!: number;

  @Field(() => String, { nullable: true, description: 'When its process last showed it was alive (ISO-8601, UTC); it is renewed while it runs.' })
  heartbeatAt!: string | null;

  @Field(() => String, { nullable: true, description: 'When it was marked INTERRUPTED; null otherwise.' })
  interruptedAt!: string | null;

  @Field(() => Int, { description: 'Runs read; while it runs, as of the last committed batch.' })
  runsSeen!: number;

  @Field(() => Int, { description: 'Runs added.' })
  added!: number;

  @Field(() => Int, { description: 'Runs updated.' })
  updated!: number;

  @Field(() => Int, { description: 'Runs unchanged.' })
  unchanged!: number;

  @Field(() => Int, { description: 'Runs marked deleted.' })
  deleted!: number;

  @Field(() => Int, { description: 'Items skipped.' })
  skippedCount!: number;

  @Field(() => [String], { description: 'The first 1000 skipped items, as `<kind> <where>: <reason>`.' })
  skipped!: string[];

  @Field(() => [String], {
    description:
      'MLflow REST endpoints the tracking server does not offer (an older MLflow answers 404 or ENDPOINT_NOT_FOUND), e.g. `logged-models/search` before MLflow 3; what they list was read as empty, and the ingestion is not failed for it. Sorted; empty for file and SQLite stores and while RUNNING.',
  })
  notOffered!: string[];
}
