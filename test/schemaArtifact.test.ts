import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isAbstractType, isInputObjectType, isInterfaceType, isObjectType, isEnumType, type GraphQLResolveInfo } from 'graphql';
import { buildSchema } from '../src/schema/buildSchema';
import { schemaSdl } from '../src/schema/printSchema';

describe('schema artifact', () => {
  it('matches the committed schema/schema.graphql (run `npm run schema:print` after changing the schema)', () => {
    const committed = readFileSync(join(__dirname, '..', 'schema', 'schema.graphql'), 'utf8');
    expect(schemaSdl()).toBe(committed);
  });

  it('documents every type, field, argument and enum value', () => {
    const missing: string[] = [];
    for (const type of Object.values(buildSchema().getTypeMap())) {
      if (type.name.startsWith('__')) continue;
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) {
            if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
          }
        }
      }
      if (isEnumType(type)) {
        for (const v of type.getValues()) if (!v.description) missing.push(`${type.name}.${v.name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('resolves abstract types synchronously, with no promise to wait for', () => {
    const schema = buildSchema();
    const abstract = Object.values(schema.getTypeMap()).filter(isAbstractType);
    expect(abstract.map((t) => t.name)).toEqual(['Node']);
    for (const type of abstract) {
      const resolved = type.resolveType?.({ id: 'run:3f2a9c1b7d40:5b1d' }, {}, {} as GraphQLResolveInfo, type);
      expect(resolved).toBe('Run');
    }
  });
});
