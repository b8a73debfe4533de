// Local Neo4j Community servers for development, tests and benchmarks,
// provisioned from Maven Central instead of Docker or a system package.
//
// Used by scripts/neo4j.mjs (the CLI) and by other scripts through
// ensureNeo4j(profile) / stopNeo4j(profile). Plain Node built-ins only.
//
// This is the one entry point importers use; the work is split by concern
// under ./neo4j/ (see scripts/README.md) so each part reads in one sitting.

export { boltHandshake } from './neo4j/bolt.mjs';
export { jvmFlagsFromConf } from './neo4j/config.mjs';
export { externalServer } from './neo4j/external.mjs';
export { ensureNeo4j, getStatus, localCredentials, stopNeo4j } from './neo4j/lifecycle.mjs';
export { readLogTail, tailLines } from './neo4j/logs.mjs';
export {
  DEFAULT_PROFILE,
  NEO4J_USER,
  NEO4J_VERSION,
  Neo4jScriptError,
  PROFILES,
  boltUri,
  displayPath,
  resolveProfile,
} from './neo4j/profiles.mjs';
