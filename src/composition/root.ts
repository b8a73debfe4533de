import type { Logger } from 'pino';
import type { Config } from '../config';
import { AuditedWriter } from '../graph/auditedWriter';
import { createExecutor } from '../graph/driver';
import type { GraphExecutor } from '../graph/executor';
import { migrate } from '../graph/migrate';
import { createRepositories, type Repositories } from '../graph/repositories';
import { createLoaders, type Loaders } from '../loaders/createLoaders';
import type { AuditServices } from '../services/audit/auditService';
import { CheckpointService } from '../services/audit/checkpointService';
import { KeyRing } from '../services/audit/keyRing';
import { PackageSigningService } from '../services/audit/packageSigningService';
import { ProofService } from '../services/audit/proofService';
import { TrailService } from '../services/audit/trailService';
import { VerifyService } from '../services/audit/verifyService';
import { type DutyConflict, reportDutyConflicts } from '../services/identity/dutyConflicts';
import { IdentityService } from '../services/identity/identityService';
import { IngestRunner } from '../services/ingest/ingestRunner';
import { IngestService } from '../services/ingest/ingestService';
import { type DatasetNameChange, canonicaliseDatasetNames } from '../services/migrations/datasetNames';
import { type SchemaSourcesChange, splitDatasetSchemaSources } from '../services/migrations/datasetSchemaSources';
import { versionDatasetSnapshots } from '../services/migrations/datasetVersions';
import { versionOpenLineageSnapshots } from '../services/migrations/openLineageVersions';
import { backfillSearchTexts } from '../services/migrations/searchTexts';
import { StoreRegistry } from '../services/stores/storeRegistry';
import { StoreWriteGrants } from '../services/stores/storeWriteGrants';
import { OpenLineageService } from '../services/openlineage/openLineageService';
import { defaultValidator } from '../sources/openlineage/defaultValidator';
import { ingestWorkerSpawner } from './ingestWorkerSpawn';

/** Everything one process needs, built once from its configuration. */
export interface Composition {
  readonly config: Config;
  readonly graph: GraphExecutor;
  /** The one write path; the repositories and services that write share it, so they share its batches. */
  readonly writer: AuditedWriter;
  readonly repos: Repositories;
  readonly audit: AuditServices;
  readonly identity: IdentityService;
  readonly ingest: IngestService;
  /** The tracking stores the API may ingest, registered within the configured allow-lists. */
  readonly stores: StoreRegistry;
  /** Which PIPELINE accounts may write into which store (ingest it, attach OpenLineage runs above its runs). */
  readonly storeWrites: StoreWriteGrants;
  /** Ingestions the API starts, each in a worker thread with its own driver. */
  readonly ingestRunner: IngestRunner;
  readonly openLineage: OpenLineageService;
  /**
   * The per-request loader factory. `instrument` wraps the repositories the batches read (the
   * HTTP layer counts batch sizes); it is applied once, not per request.
   */
  loaderFactory(instrument?: (repos: Repositories) => Repositories): () => Loaders;
  /**
   * Brings the graph up to date before any other work: the schema migrations, then the data
   * migrations, which write through the audited writer. Every entry point calls this, not
   * `migrate` alone, so no process works on data an older rule wrote.
   */
  prepare(): Promise<Preparation>;
  /** Closes the executor if this composition opened it; one handed in stays its owner's to close. */
  close(): Promise<void>;
}

/** What `prepare` changed. */
export interface Preparation {
  /** Schema migration versions applied now. */
  readonly migrations: number[];
  /** Datasets renamed or merged to their canonical names. */
  readonly datasetNames: DatasetNameChange[];
  /** Datasets whose merged MLflow and OpenLineage schemas were split (splitDatasetSchemaSources). */
  readonly schemaSources: SchemaSourcesChange[];
  /** Dataset versions made from the digests an older graph kept only on input edges (versionDatasetSnapshots) and from the version facets of OpenLineage events it logged before versions were kept (versionOpenLineageSnapshots). */
  readonly datasetVersions: string[];
  /** Fragment texts written for searched nodes that had none (backfillSearchTexts). */
  readonly searchTexts: number;
  /** Accounts that break separation of duties; each has a DUTY_CONFLICT security event and cannot sign. */
  readonly dutyConflicts: DutyConflict[];
}

/** Who the audit trail names for the start-up separation-of-duties check. */
const DUTY_CHECK_ACTOR = 'system:duty-check';

export interface ComposeOptions {
  /** An executor the caller already holds (tests, benchmarks); otherwise one is built from `config.neo4j`. */
  readonly graph?: GraphExecutor;
  /** The identity service's clock, for tests of expiry and lockout windows. */
  readonly now?: () => Date;
  /** Where the audited writer reports why a shared batch failed before it retries its units alone, and an ingest why a write failed. */
  readonly log?: Pick<Logger, 'warn'>;
}

/** The composition root: the only module that constructs services and the audited writer. */
export function compose(config: Config, options: ComposeOptions = {}): Composition {
  const graph = options.graph ?? createExecutor(config.neo4j);
  const writer = new AuditedWriter(graph, { log: options.log });
  const repos = createRepositories(graph, writer);
  const ingest = new IngestService(repos.ingest, writer, repos.ingestLeases, config.ingestLease, options.log, { access: config.mlflowTracking });
  // A worker opens its own driver to the database this process's executor reaches.
  const ingestRunner = new IngestRunner(ingestWorkerSpawner({ ...config, neo4j: graph.settings ?? config.neo4j }), ingest);
  return {
    config,
    graph,
    writer,
    repos,
    audit: auditServices(repos, config),
    identity: new IdentityService(repos.identity, config.security, options.now),
    ingest,
    stores: new StoreRegistry(repos.stores, writer, config.ingest),
    storeWrites: new StoreWriteGrants(repos.stores, repos.identity, writer),
    ingestRunner,
    openLineage: new OpenLineageService(repos.openlineage, defaultValidator),
    loaderFactory(instrument) {
      const batchRepos = instrument ? instrument(repos) : repos;
      return () => createLoaders(batchRepos, config.maxLineageDepth);
    },
    prepare: async () => {
      const migrations = await migrate(graph);
      const datasetNames = await canonicaliseDatasetNames(repos);
      // After the names: a merged dataset's schemas are split once, on the node that remains.
      const schemaSources = await splitDatasetSchemaSources(repos);
      const datasetVersions = [...(await versionDatasetSnapshots(repos)), ...(await versionOpenLineageSnapshots(repos))];
      // Last: it reads the nodes the migrations above leave.
      const searchTexts = await backfillSearchTexts(repos);
      return { migrations, searchTexts, datasetNames, schemaSources, datasetVersions, dutyConflicts: await reportDutyConflicts(repos.identity, DUTY_CHECK_ACTOR) };
    },
    close: async () => {
      await ingestRunner.close();
      if (!options.graph) await graph.close();
    },
  };
}

function auditServices(repos: Repositories, config: Config): AuditServices {
  const keys = new KeyRing(config.audit);
  const checkpoints = new CheckpointService(repos.audit, keys);
  return {
    keys,
    checkpoints,
    proofs: new ProofService(repos.audit),
    verifier: new VerifyService(repos.audit, checkpoints),
    trail: new TrailService(repos.audit, config.maxPageSize),
    packages: new PackageSigningService(repos, repos.writer, keys),
  };
}
