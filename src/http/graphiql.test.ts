import { getIntrospectionQuery, Kind, type OperationDefinitionNode, parse, validate } from 'graphql';
import { loadConfig } from '../config';
import { buildSchema } from '../schema/buildSchema';
import { EXAMPLE_TABS } from './graphiql';
import { checkQueryLimits, measure } from './hardening/queryLimits';

describe('GraphiQL example tabs', () => {
  const schema = buildSchema();

  it('covers the questions users ask, one operation per tab', () => {
    const operations = EXAMPLE_TABS.map((t) => parse(t.query).definitions.map((d) => ('name' in d ? d.name?.value : undefined)));
    for (const ops of operations) expect(ops).toHaveLength(1);
    const text = EXAMPLE_TABS.map((t) => t.query).join('\n');
    expect(text).toMatch(/sourceRuns/);
    expect(text).toMatch(/impact\(id:/);
    expect(text).toMatch(/auditTrail\(entityId:/);
    expect(EXAMPLE_TABS[0].query).toContain('{"Authorization": "Bearer <token>"}');
  });

  it('are valid against the schema, with variables for every argument they declare', () => {
    for (const tab of EXAMPLE_TABS) {
      const doc = parse(tab.query);
      const errors = validate(schema, doc).map((e) => e.message);
      expect({ tab: tab.title, errors }).toEqual({ tab: tab.title, errors: [] });
      const declared = doc.definitions.flatMap((d) => ('variableDefinitions' in d ? (d.variableDefinitions ?? []).map((v) => v.variable.name.value) : []));
      expect(Object.keys(tab.variables).sort()).toEqual(declared.sort());
    }
  });

  it('stay within the default query limits, so they run as shipped', () => {
    const config = loadConfig({ NEO4J_PASSWORD: 'unused' });
    for (const tab of EXAMPLE_TABS) {
      const doc = parse(tab.query);
      const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
      expect(() => checkQueryLimits(schema, doc, op, tab.variables, config.security.limits, config.maxLineageDepth)).not.toThrow();
    }
  });

  it('let GraphiQL fetch the schema: its introspection query passes the default limits', () => {
    const config = loadConfig({ NEO4J_PASSWORD: 'unused' });
    // GraphiQL 3 asks with these options, named as it names the operation.
    for (const inputValueDeprecation of [false, true]) {
      const doc = parse(getIntrospectionQuery({ inputValueDeprecation, schemaDescription: false }));
      const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
      expect(validate(schema, doc)).toEqual([]);
      expect(() => checkQueryLimits(schema, doc, op, {}, config.security.limits, config.maxLineageDepth)).not.toThrow();
    }
  });

  it('still count the depth of data queries beside an introspection field', () => {
    const doc = parse('{ __schema { types { fields { type { ofType { ofType { name } } } } } } __typename }');
    const op = doc.definitions[0] as OperationDefinitionNode;
    expect(measure(op, new Map()).depth).toBe(0);
    const data = parse('{ __type(name: "Run") { name } reports(first: 1) { edges { node { id } } } }');
    expect(measure(data.definitions[0] as OperationDefinitionNode, new Map()).depth).toBe(3);
  });
});
