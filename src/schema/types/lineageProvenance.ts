import { GraphQLJSONObject } from '../scalars/json';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ModelVersionType } from './model';
import { RunType } from './run';

@ObjectType('DetectionMethod', { description: 'How a run detected signals, from the `methods_<run_id>.json` file ingested with it.' })
export class DetectionMethodType {
  @Field(() => String, { nullable: true, description: 'Method name, e.g. `PRR`.' })
  method!: string | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Thresholds, e.g. `{"prr_min": 2, "chi2_min": 4, "case_count_min": 3}`.' })
  thresholds!: Record<string, unknown> | null;

  @Field(() => String, { nullable: true, description: 'MedDRA version used.' })
  meddraVersion!: string | null;

  @Field(() => String, { nullable: true, description: 'MedDRA level terms were coded at, e.g. `PT`.' })
  meddraLevel!: string | null;

  @Field(() => String, { nullable: true, description: 'Data source, e.g. `FAERS`.' })
  dataSource!: string | null;

  @Field(() => String, { nullable: true, description: 'Data period, e.g. `2024Q1`.' })
  dataPeriod!: string | null;

  @Field(() => String, { nullable: true, description: 'How duplicate cases were removed.' })
  deduplication!: string | null;

  @Field(() => String, { nullable: true, description: 'The file the method was read from.' })
  file!: string | null;
}

@ObjectType('ProvenanceRun', { description: 'A run in a provenance chain, with what makes it reproducible.' })
export class ProvenanceRunType {
  @Field(() => RunType, { description: 'The run (params, metrics, tags and inputs are on it too).' })
  run!: RunType;

  @Field(() => Int, { description: 'Edges on the shortest data-flow path from the subject back to the run.' })
  pathLength!: number;

  @Field(() => [ID], { description: 'Ids along that path, from the subject to the run.' })
  path!: string[];
}

@ObjectType('ProvenanceModelVersion', { description: 'A model version in a provenance chain.' })
export class ProvenanceModelVersionType {
  @Field(() => ModelVersionType, { description: 'The version.' })
  modelVersion!: ModelVersionType;

  @Field(() => String, { nullable: true, description: "Where the model's artifacts are (the version's `source`); null when unknown." })
  artifactLocation!: string | null;

  @Field(() => String, { nullable: true, description: 'Artifact hash recorded on the version (tag `sha256`, `model_sha256`, ...); null when none is known.' })
  hash!: string | null;
}

@ObjectType('Provenance', { description: 'The 21 CFR Part 11 chain behind a report or signal: runs, code commits, parameters, dataset snapshots, model versions and detection methods.' })
export class ProvenanceType {
  @Field(() => [ProvenanceRunType], { description: 'Every upstream run, nearest first, then by id.' })
  runs!: ProvenanceRunType[];

  @Field(() => [ProvenanceModelVersionType], { description: 'Every upstream model version, by model name, then version.' })
  modelVersions!: ProvenanceModelVersionType[];
}
