import 'reflect-metadata';
import { type GraphQLInterfaceType, type GraphQLSchema, lexicographicSortSchema } from 'graphql';
import { buildSchemaSync } from 'type-graphql';
import { graphqlTypeOf } from './types/node';
import { QueryResolver } from './resolvers/queryResolver';
import { AuditResolver } from './resolvers/auditResolver';
import { ExportSigningResolver } from './resolvers/exportSigningResolver';
import { ReportMutationResolver } from './resolvers/reportMutationResolver';
import { ReportVersionFieldsResolver, ReportVersioningResolver } from './resolvers/reportVersionResolvers';
import { SignalHistoryResolver, SignalMutationResolver } from './resolvers/signalMutationResolver';
import { SignatureResolver } from './resolvers/signatureResolver';
import { IdentityResolver } from './resolvers/identityResolver';
import { DutyConflictResolver } from './resolvers/dutyConflictResolver';
import { authChecker } from './authChecker';
import { IngestionStatusResolver } from './resolvers/ingestionStatusResolver';
import { LineageQueryResolver } from './resolvers/lineageQueryResolver';
import { ColumnLineageQueryResolver, DatasetColumnsResolver, DatasetFieldDatasetResolver } from './resolvers/columnLineageResolver';
import { DatasetFieldType } from './types/datasetField';
import {
  DatasetLineageResolver,
  ModelVersionLineageResolver,
  ReportLineageResolver,
  RunLineageResolver,
  RunsFeedingReportsResolver,
} from './resolvers/lineageFieldsResolvers';
import { ProvenanceRunResolver, ReportProvenanceResolver, SignalProvenanceResolver } from './resolvers/lineageProvenanceResolvers';
import {
  DatasetFieldsResolver,
  ExperimentFieldsResolver,
  ModelVersionFieldsResolver,
  RegisteredModelFieldsResolver,
} from './resolvers/catalogFieldsResolvers';
import { ReportFieldsResolver, SignalFieldsResolver } from './resolvers/reportFieldsResolvers';
import { DatasetInputVersionResolver, DatasetVersionsResolver } from './resolvers/datasetVersionResolvers';
import { LoggedModelFieldsResolver, RunFieldsResolver } from './resolvers/runFieldsResolver';
import { IngestResolver, RunMetricHistoryResolver } from './resolvers/ingestResolver';
import { TrackingStoreResolver } from './resolvers/trackingStoreResolver';
import { StoreWriteResolver } from './resolvers/storeWriteResolver';
import { DatasetJobsResolver, JobFieldsResolver, JobQueryResolver, RunStateHistoryResolver } from './resolvers/jobResolvers';
import { WorklistResolver } from './resolvers/worklistResolver';
import './types/enums';
import { JobType } from './types/job';
import { DatasetType } from './types/dataset';
import { ExperimentType } from './types/experiment';
import { LoggedModelType, ModelVersionType, RegisteredModelType } from './types/model';
import { ReportType } from './types/report';
import { RunType } from './types/run';
import { SignalType } from './types/signal';
import { TrackingStoreType } from './types/trackingStore';

export const RESOLVERS = [
  QueryResolver,
  IdentityResolver,
  DutyConflictResolver,
  TrackingStoreResolver,
  StoreWriteResolver,
  RunFieldsResolver,
  LoggedModelFieldsResolver,
  ExperimentFieldsResolver,
  DatasetFieldsResolver,
  DatasetVersionsResolver,
  DatasetInputVersionResolver,
  RegisteredModelFieldsResolver,
  ModelVersionFieldsResolver,
  ReportFieldsResolver,
  SignalFieldsResolver,
  LineageQueryResolver,
  ColumnLineageQueryResolver,
  DatasetColumnsResolver,
  DatasetFieldDatasetResolver,
  ReportLineageResolver,
  RunLineageResolver,
  ModelVersionLineageResolver,
  DatasetLineageResolver,
  RunsFeedingReportsResolver,
  ReportProvenanceResolver,
  SignalProvenanceResolver,
  ProvenanceRunResolver,
  IngestResolver,
  IngestionStatusResolver,
  RunMetricHistoryResolver,
  JobQueryResolver,
  JobFieldsResolver,
  DatasetJobsResolver,
  RunStateHistoryResolver,
  AuditResolver,
  ExportSigningResolver,
  ReportMutationResolver,
  ReportVersioningResolver,
  ReportVersionFieldsResolver,
  SignalMutationResolver,
  SignalHistoryResolver,
  SignatureResolver,
  WorklistResolver,
] as const;

let cached: GraphQLSchema | undefined;

/** The executable schema, built once per process and sorted so its printed form is stable. */
export function buildSchema(): GraphQLSchema {
  if (cached) return cached;
  const built = buildSchemaSync({
      resolvers: RESOLVERS,
      // Types reachable only through the Node interface must still be in the schema.
      orphanedTypes: [TrackingStoreType, ExperimentType, RunType, DatasetType, DatasetFieldType, RegisteredModelType, ModelVersionType, LoggedModelType, ReportType, SignalType, JobType],
      validate: false,
      authChecker,
      // A field with @Authorized() but no roles would mean "any signed-in user"; rules always name roles.
      authMode: 'error',
      emitSchemaFile: false,
  });
  // type-graphql has no option for the root types' descriptions.
  const query = built.getQueryType();
  if (query) query.description = 'Read access to the lineage graph: lookups by typed id, filtered lists and relations.';
  const mutation = built.getMutationType();
  if (mutation && !mutation.description) mutation.description = 'Changes: sign-in, account and token management, and (per their rules) ingestion, reports and signatures.';
  const sorted = lexicographicSortSchema(built);
  // type-graphql wraps resolveType in an async function, but the answer needs no waiting: given
  // synchronously, it spares the executor a promise for every Node it resolves.
  (sorted.getType('Node') as GraphQLInterfaceType).resolveType = graphqlTypeOf;
  cached = sorted;
  return cached;
}
