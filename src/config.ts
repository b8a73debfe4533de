import { z } from 'zod';
import { AUDIT_ENV, auditConfig } from './auditConfig';
import { SECURITY_ENV, securityConfig, type SecurityConfig } from './securityConfig';
import type { AuditKeyConfig } from './domain/audit/keyConfig';
import { type IngestAllowList, parseAllowedOrigin } from './domain/ingestAllowList';
import type { Neo4jSettings } from './graph/settings';
import { type MlflowTrackingAccess, mlflowTrackingAccess, MLFLOW_TRACKING_ENV } from './mlflowTrackingConfig';

/**
 * Configuration comes only from the environment and is validated once at start-up, so a
 * typo fails loudly before the server accepts traffic rather than at the first request.
 */
const intIn = (min: number, max: number, dflt: number) =>
  z.coerce.number().int(`must be an integer`).min(min).max(max).default(dflt);

const ConfigSchema = z.object({
  PORT: intIn(1, 65535, 4000),
  HOST: z.string().min(1).default('0.0.0.0'),
  NEO4J_URI: z
    .string()
    .regex(/^(bolt|neo4j)(\+s|\+ssc)?:\/\/[^\s]+$/, 'must be a bolt:// or neo4j:// URI')
    .default('bolt://127.0.0.1:7687'),
  NEO4J_USER: z.string().min(1).default('neo4j'),
  NEO4J_PASSWORD: z.string().min(1, 'must be set'),
  NEO4J_DATABASE: z.string().min(1).default('neo4j'),
  /** Upper bound for every transaction the API runs. */
  NEO4J_TX_TIMEOUT_MS: intIn(100, 600_000, 15_000),
  NEO4J_MAX_POOL_SIZE: intIn(1, 1000, 100),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Unset: readable lines on a terminal, JSON lines otherwise. */
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  /** Largest `first` a connection accepts. */
  PVL_MAX_PAGE_SIZE: intIn(1, 10_000, 500),
  /** Largest lineage depth a client may ask for. */
  PVL_MAX_LINEAGE_DEPTH: intIn(1, 100, 20),
  /** How long SIGTERM waits for in-flight requests before closing anyway. */
  PVL_SHUTDOWN_GRACE_MS: intIn(0, 120_000, 10_000),
  /** Folders under which file stores and SQLite files may be registered (comma-separated, absolute). */
  PVL_INGEST_ROOTS: z.string().default(''),
  /** MLflow tracking-server origins that may be registered (comma-separated `scheme://host[:port]`). */
  PVL_INGEST_ORIGINS: z.string().default(''),
  /** How often a running ingestion renews its heartbeat. */
  PVL_INGEST_HEARTBEAT_MS: intIn(100, 600_000, 5_000),
  /** A RUNNING ingestion whose heartbeat is older than this is taken as dead and marked INTERRUPTED. */
  PVL_INGEST_STALE_MS: intIn(500, 86_400_000, 60_000),
  ...SECURITY_ENV,
  ...AUDIT_ENV,
  ...MLFLOW_TRACKING_ENV,
});

export type Config = Readonly<{
  port: number;
  host: string;
  neo4j: Neo4jSettings;
  logLevel: z.infer<typeof ConfigSchema>['LOG_LEVEL'];
  logFormat: 'json' | 'pretty' | null;
  maxPageSize: number;
  maxLineageDepth: number;
  shutdownGraceMs: number;
  /** The heartbeat of running ingestions, and when a silent one counts as dead. */
  ingestLease: Readonly<{ heartbeatMs: number; staleMs: number }>;
  security: SecurityConfig;
  audit: AuditKeyConfig;
  ingest: IngestAllowList;
  /** How ingestions reach MLflow tracking servers: credentials and TLS trust. Never logged. */
  mlflowTracking: MlflowTrackingAccess;
}>;

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  let security: SecurityConfig;
  let audit: AuditKeyConfig;
  let ingest: IngestAllowList;
  let mlflowTracking: MlflowTrackingAccess;
  try {
    security = securityConfig(e);
    audit = auditConfig(e);
    ingest = ingestAllowList(e.PVL_INGEST_ROOTS, e.PVL_INGEST_ORIGINS);
    mlflowTracking = mlflowTrackingAccess(e);
  } catch (err) {
    throw new ConfigError(`Invalid configuration:\n  ${(err as Error).message}`);
  }
  return {
    port: e.PORT,
    host: e.HOST,
    neo4j: {
      uri: e.NEO4J_URI,
      user: e.NEO4J_USER,
      password: e.NEO4J_PASSWORD,
      database: e.NEO4J_DATABASE,
      txTimeoutMs: e.NEO4J_TX_TIMEOUT_MS,
      maxPoolSize: e.NEO4J_MAX_POOL_SIZE,
    },
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT ?? null,
    maxPageSize: e.PVL_MAX_PAGE_SIZE,
    maxLineageDepth: e.PVL_MAX_LINEAGE_DEPTH,
    shutdownGraceMs: e.PVL_SHUTDOWN_GRACE_MS,
    ingestLease: { heartbeatMs: e.PVL_INGEST_HEARTBEAT_MS, staleMs: e.PVL_INGEST_STALE_MS },
    security,
    audit,
    ingest,
    mlflowTracking,
  };
}

const list = (v: string): string[] => v.split(',').map((x) => x.trim()).filter((x) => x.length > 0);

/** Roots are kept as written; the registry resolves them through symlinks when it compares. */
function ingestAllowList(roots: string, origins: string): IngestAllowList {
  const rootList = list(roots);
  for (const r of rootList) {
    if (!r.startsWith('/') && !/^[a-zA-Z]:[\\/]/.test(r)) throw new Error(`PVL_INGEST_ROOTS: "${r}" is not an absolute path`);
  }
  return { roots: rootList, origins: list(origins).map(parseAllowedOrigin) };
}
