import { type Composition, type ComposeOptions, compose } from '../../src/composition/root';
import { type Config, loadConfig } from '../../src/config';
import type { GraphExecutor } from '../../src/graph/executor';
import { testAuditEnv } from './audit';

/** A validated config for tests: the executor is handed in, so the Neo4j password is never used. */
export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({ NEO4J_PASSWORD: 'unused', ...testAuditEnv(), ...env });
}

/** The application's parts over a test executor, built by the real composition root. */
export function testRoot(graph: GraphExecutor, env: Record<string, string> = {}, options: Omit<ComposeOptions, 'graph'> = {}): Composition {
  return compose(testConfig(env), { ...options, graph });
}
