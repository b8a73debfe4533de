import { Kind, type OperationDefinitionNode, parse, validate } from 'graphql';
import { loadConfig } from '../../src/config';
import { LineageNodeType, MAX_LINEAGE_LIMIT } from '../../src/domain/lineage';
import { checkQueryLimits } from '../../src/http/hardening/queryLimits';
import { buildSchema } from '../../src/schema/buildSchema';
import { DATASET_VIEW, LINEAGE, LOGIN, LOGOUT, MAX_HISTORY_KEYS, ME, MODEL_VERSIONS, nodeDetails, REGISTERED_MODELS, REPORT_FIELDS, RUNS_PAGE, SEARCH, SIGNATURES_PROBE, runComparison } from '../../src/ui/queries';

/** The explorer's operations against the real schema: a renamed field fails here, not in a user's browser. */
describe('explorer queries', () => {
  const schema = buildSchema();
  const errorsOf = (query: string) => validate(schema, parse(query)).map((e) => e.message);

  it.each(Object.entries({ LINEAGE, SEARCH, ME, LOGIN, LOGOUT, REPORT_FIELDS, RUNS_PAGE }))('%s is valid', (_name, query) => {
    expect(errorsOf(query)).toEqual([]);
  });

  it.each(Object.values(LineageNodeType))('the details query for %s is valid and selects fields of that type', (type) => {
    const query = nodeDetails(type, false);
    expect(errorsOf(query)).toEqual([]);
    expect(query).toMatch(/\.\.\. on \w+ \{/);
  });

  it('asks for report signatures only when told the server has them', () => {
    expect(nodeDetails('REPORT', false)).not.toContain('signatures');
    const withSignatures = nodeDetails('REPORT', true);
    expect(withSignatures).toContain('signatures { meaning printedName userId signedAt version }');
    const hasField = Object.keys((schema.getType('Report') as unknown as { getFields(): object }).getFields()).includes('signatures');
    for (const query of [withSignatures, SIGNATURES_PROBE]) {
      const errors = errorsOf(query);
      if (hasField) expect(errors).toEqual([]);
      else expect(errors).toEqual([expect.stringMatching(/^Cannot query field "signatures" on type "Report"/)]);
    }
  });

  it('can ask for the largest answer the API allows without hitting the default cost limit', () => {
    const config = loadConfig({ NEO4J_PASSWORD: 'unused' });
    const doc = parse(LINEAGE);
    const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
    const variables = { id: 'report:x', direction: 'BOTH', depth: config.maxLineageDepth, nodeTypes: null, asOf: null, validAt: null, limit: MAX_LINEAGE_LIMIT };
    expect(() => checkQueryLimits(schema, doc, op, variables, config.security.limits, config.maxLineageDepth)).not.toThrow();
  });

  it('asks for a page of 100 runs, a comparison with the most metric histories, the registry and a dataset view within the default limits', () => {
    const config = loadConfig({ NEO4J_PASSWORD: 'unused' });
    const cases: [string, Record<string, unknown>][] = [
      [RUNS_PAGE, { filter: { search: 'metrics.AUC_test > 0.8' }, orderBy: { search: ['metrics.`AUC_test` DESC'] }, first: 100, after: null }],
      [REGISTERED_MODELS, {}],
      [MODEL_VERSIONS, { id: 'model:s:m' }],
      [DATASET_VIEW, { id: 'dataset:s3%3A%2F%2Fpv:a' }],
      [runComparison(MAX_HISTORY_KEYS), { search: "attributes.run_id IN ('a', 'b')", ...Object.fromEntries(Array.from({ length: MAX_HISTORY_KEYS }, (_, i) => [`k${i}`, `m${i}`])) }],
    ];
    for (const [query, variables] of cases) {
      expect(errorsOf(query)).toEqual([]);
      const doc = parse(query);
      const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
      expect(() => checkQueryLimits(schema, doc, op, variables, config.security.limits, config.maxLineageDepth)).not.toThrow();
    }
  });
});
