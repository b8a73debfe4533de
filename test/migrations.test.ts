import type { GraphExecutor } from '../src/graph/executor';
import { migrate } from '../src/graph/migrate';
import { MIGRATIONS } from '../src/graph/migrations';
import { testGraph } from './support/graph';

describe('migrations', () => {
  let graph: GraphExecutor;
  beforeAll(() => {
    graph = testGraph();
  });
  afterAll(() => graph.close());

  const schemaState = async () => {
    const constraints = await graph.query('test.constraints', 'SHOW CONSTRAINTS YIELD name, labelsOrTypes, properties RETURN name, labelsOrTypes, properties ORDER BY name');
    const indexes = await graph.query('test.indexes', 'SHOW INDEXES YIELD name, labelsOrTypes, properties RETURN name, labelsOrTypes, properties ORDER BY name');
    return { constraints, indexes };
  };

  it('gives every label a unique id and the natural keys their uniqueness', async () => {
    const { constraints } = await schemaState();
    const has = (label: string, props: string[]) =>
      constraints.some((c) => (c.labelsOrTypes as string[])[0] === label && JSON.stringify(c.properties) === JSON.stringify(props));
    for (const label of ['TrackingStore', 'Experiment', 'Run', 'Dataset', 'RegisteredModel', 'ModelVersion', 'LoggedModel', 'Report', 'Signal', 'Job', 'AuditEvent', 'Actor']) {
      expect({ label, unique: has(label, ['id']) }).toEqual({ label, unique: true });
    }
    expect(has('Run', ['storeKey', 'runId'])).toBe(true);
    expect(has('ModelVersion', ['storeKey', 'name', 'version'])).toBe(true);
    expect(has('Dataset', ['namespace', 'name'])).toBe(true);
  });

  it('creates the indexes behind the list filters', async () => {
    const { indexes } = await schemaState();
    const names = indexes.map((i) => i.name);
    for (const n of ['run_status', 'run_user', 'run_start_time', 'report_kind', 'report_period', 'model_version_stage', 'experiment_name']) {
      expect(names).toContain(n);
    }
  });

  it('changes nothing when run again', async () => {
    const before = await schemaState();
    expect(await migrate(graph)).toEqual([]);
    const after = await schemaState();
    expect(after).toEqual(before);
    const recorded = await graph.query('test.migrations', 'MATCH (m:SchemaMigration) RETURN m.version AS v ORDER BY v');
    expect(recorded.map((r) => r.v)).toEqual(MIGRATIONS.map((m) => m.version));
  });

  it('refuses a migration edited after it was applied', async () => {
    const edited = [{ ...MIGRATIONS[0], statements: [...MIGRATIONS[0].statements, 'RETURN 1'] }];
    await expect(migrate(graph, edited)).rejects.toThrow(/edited after it was applied/);
  });
});
