import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType('IngestSkippedItem', { description: 'Something an ingest could not read; the rest of the store was still ingested.' })
export class IngestSkippedItemType {
  @Field({ description: 'What was skipped: `experiment`, `run`, `metric`, `dataset`, `model`, `side-file`, or `file` (a link out of the store, a FIFO, socket or device, a file over the read limits).' })
  kind!: string;

  @Field({ description: 'Where: a file (with `:line` for a metric line), a table or a URL.' })
  where!: string;

  @Field({ description: 'Why it was skipped: the rule, never the content.' })
  reason!: string;
}

@ObjectType('IngestionSummary', { description: 'The outcome of one MLflow ingest.' })
export class IngestionSummaryType {
  @Field({ description: 'Id of the Ingestion record written to the graph.' })
  ingestionId!: string;

  @Field({ description: 'Typed id of the tracking store ingested.' })
  storeId!: string;

  @Field({ description: 'Normalised URI of the store.' })
  storeUri!: string;

  @Field({ description: 'How the store was read: `FILE`, `SQLITE` or `REST`.' })
  storeKind!: string;

  @Field({ description: '`COMPLETED`, or `FAILED` when the source stopped answering part-way (whole batches written so far stay).' })
  status!: string;

  @Field(() => String, { nullable: true, description: 'Why the ingest failed, naming the file, table or URL; null when it completed.' })
  error!: string | null;

  @Field({ description: 'Who ran the ingest.' })
  actor!: string;

  @Field({ description: 'Host the ingest ran on.' })
  host!: string;

  @Field({ description: 'When it started (ISO-8601, UTC).' })
  startedAt!: string;

  @Field({ description: 'When it finished (ISO-8601, UTC).' })
  finishedAt!: string;

  @Field(() => Int, { description: 'Experiments read.' })
  experiments!: number;

  @Field(() => Int, { description: 'Runs read from the store.' })
  runsSeen!: number;

  @Field(() => Int, { description: 'Runs new to the graph.' })
  added!: number;

  @Field(() => Int, { description: 'Runs whose content changed and were rewritten.' })
  updated!: number;

  @Field(() => Int, { description: 'Runs whose content fingerprint was unchanged, so nothing was written.' })
  unchanged!: number;

  @Field(() => Int, { description: 'Runs newly marked deleted (deleted in MLflow or gone from the store).' })
  deleted!: number;

  @Field(() => Int, { description: 'MLflow 3.x logged models written.' })
  loggedModels!: number;

  @Field(() => Int, { description: 'Registered model versions written.' })
  modelVersions!: number;

  @Field(() => Int, { description: 'Reports written from side files.' })
  reports!: number;

  @Field(() => [IngestSkippedItemType], { description: 'Everything skipped, in the order it was met.' })
  skipped!: IngestSkippedItemType[];
}

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

  @Field({ description: '`RUNNING` (or interrupted), `COMPLETED` or `FAILED`.' })
  status!: string;

  @Field(() => String, { nullable: true, description: 'Why it failed, if it did.' })
  error!: string | null;

  @Field({ description: 'When it started (ISO-8601, UTC).' })
  startedAt!: string;

  @Field(() => String, { nullable: true, description: 'When it finished; null while running or after a crash.' })
  finishedAt!: string | null;

  @Field(() => Int, { description: 'Runs read.' })
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
}
