import 'reflect-metadata';
import { loadConfig } from '../config';
import { createExecutor } from '../graph/driver';
import { migrate } from '../graph/migrate';
import { buildScenario } from '../services/demo/pvScenario';
import { seedScenario } from '../services/demoSeedService';

/** Loads the demo scenario into the Neo4j named by NEO4J_*; safe to run any number of times. */
async function main(): Promise<void> {
  const config = loadConfig();
  const graph = createExecutor(config.neo4j);
  try {
    await migrate(graph);
    const summary = await seedScenario(graph, buildScenario());
    process.stdout.write(
      `Demo data loaded: ${summary.stores} tracking stores, ${summary.runs} runs, ${summary.datasets} datasets, ${summary.signals} signals, ${summary.reports} reports.\n`,
    );
  } finally {
    await graph.close();
  }
}

main().catch((err: Error) => {
  process.stderr.write(`Loading demo data failed: ${err.message}\n`);
  process.exit(1);
});
